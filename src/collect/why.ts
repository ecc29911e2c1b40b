/** Builds a Why: the code of an explanation and the facts it names; render/i18n words it. */
import type { JsonValue, Why, WhyCode } from '../report-data.js';

export const why = (code: WhyCode, values: Readonly<Record<string, JsonValue>> = {}): Why => ({ code, values });

import type { JsonValue, WarningCode } from '../report-data.js';

/** Records a warning for the report: a code and the facts it names; render words it. */
export type Warn = (code: WarningCode, values?: Readonly<Record<string, JsonValue>>) => void;

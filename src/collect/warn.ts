import type { MessageKey } from '../render/i18n/index.js';

/** Records a warning for the report, worded from the message catalogue in the report's language. */
export type Warn = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => void;

import type { MessageKey } from '../i18n.js';

/** Records a warning for the report, worded from the message catalogue in the report's language. */
export type Warn = (key: MessageKey, values?: Readonly<Record<string, string | number>>) => void;

import { ReportError } from '../../errors.js';

/**
 * A malformed or unsupported pickle. It is a ReportError (INPUT_INVALID) so it reaches the
 * user as one line; loadPickle() (load.ts) prefixes the file name, which the parser does not know.
 * `limit` marks a refusal for a bound (limits.*), where Python itself would go on reading.
 */
export class PickleError extends ReportError {
  readonly limit: boolean;
  constructor(message: string, hint?: string, limit = false) {
    super('INPUT_INVALID', message, hint === undefined ? {} : { hint });
    this.name = 'PickleError';
    this.limit = limit;
  }
}

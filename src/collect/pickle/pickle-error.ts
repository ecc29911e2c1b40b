import { ReportError } from '../../errors.js';

/**
 * A malformed or unsupported pickle. It is a ReportError (INPUT_INVALID) so it reaches the
 * user as one line; loadPickle() (load.ts) prefixes the file name, which the parser does not know.
 */
export class PickleError extends ReportError {
  constructor(message: string, hint?: string) {
    super('INPUT_INVALID', message, hint === undefined ? {} : { hint });
    this.name = 'PickleError';
  }
}

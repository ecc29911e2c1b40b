/** The four things a user can get wrong; each maps to exit code 2 (see README, "Error catalogue"). */
export const ERROR_CODES = ['CONFIG_INVALID', 'INPUT_MISSING', 'INPUT_INVALID', 'OUTPUT_FAILED'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error the user can fix. The message names the file and the problem; the hint says
 * how to fix it. Anything that is not a ReportError is a bug and is reported as one.
 */
export class ReportError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | null;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ReportError';
    this.code = code;
    this.hint = options.hint ?? null;
  }
}

/** Shorthand for the most common case: an input file exists but its content is wrong. */
export function invalidInput(file: string, problem: string, hint?: string): ReportError {
  return new ReportError('INPUT_INVALID', `${file}: ${problem}`, hint === undefined ? {} : { hint });
}

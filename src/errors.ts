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

/** What a file-system failure was about, for the wording of its ReportError. */
export interface FsErrorContext {
  /** The code when the path does not exist (default INPUT_MISSING). */
  readonly missing?: ErrorCode;
  /** A write: a missing path or a folder is just why it failed, not what the message says. */
  readonly write?: boolean;
  /** The code for any other failure (default INPUT_INVALID). */
  readonly code?: ErrorCode;
  /** What the path should be: "file not found", "is a folder, not a model file" (default "file"). */
  readonly kind?: string;
  /** What could not be done, after "cannot": "read it" (default), "write the report". */
  readonly action?: string;
  /** The hint for any errno but ENOENT and EISDIR (default: check the permissions). */
  readonly hint?: string;
  /** The hint when the path does not exist (default: check the path). */
  readonly missingHint?: string;
}

const PERMISSION_ERRNOS = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * The one translation of a Node file-system error (its errno) into a ReportError that names
 * `label`: not found, a folder where a file should be, or "cannot <action> (<errno>)".
 */
export function fromFsError(e: unknown, label: string, context: FsErrorContext = {}): ReportError {
  const errno = (e as NodeJS.ErrnoException | null)?.code ?? 'error';
  const kind = context.kind ?? 'file';
  if (errno === 'ENOENT' && !context.write) {
    return new ReportError(context.missing ?? 'INPUT_MISSING', `${label}: ${kind} not found`, {
      hint: context.missingHint ?? 'check the path',
      cause: e,
    });
  }
  const code = context.code ?? 'INPUT_INVALID';
  if (errno === 'EISDIR' && !context.write) {
    return new ReportError(code, `${label}: is a folder, not a ${kind}`, {
      hint: `give the path of the ${kind}`,
      cause: e,
    });
  }
  const hint =
    context.hint ?? (PERMISSION_ERRNOS.has(errno) ? 'check the permissions' : 'check the path and free disk space');
  return new ReportError(code, `${label}: cannot ${context.action ?? 'read it'} (${errno})`, { hint, cause: e });
}

/** What commands may touch of the outside world; main() gets the real one, tests a fake. */
import type { Env } from '../config/load.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Env;
  readonly cwd: string;
  /** True when stderr is a terminal: progress indicators and colour. */
  readonly isTTY?: boolean;
  /** Monotonic milliseconds, for durations. */
  readonly monotonic?: () => number;
  /** Calls `handler` once on SIGINT or SIGTERM (serve). */
  readonly onShutdown?: (handler: () => void) => void;
}

export const EXIT = { OK: 0, GATE: 1, USER: 2, BUG: 3 } as const;

/** What a command returns: the exit code, and what the run log records. */
export interface Outcome {
  readonly code: number;
  readonly detail: string;
}

/** Shared flags of the commands that read the project's inputs. */
export interface ProjectFlags {
  readonly root?: string;
  readonly config?: string;
  readonly modelsDir?: string;
  readonly data?: string;
  readonly out?: string;
  readonly lang?: string;
  readonly labelColumn?: string;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

const FRAMES = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

/**
 * Runs one step; on a terminal, a step that takes more than a second gets a spinner, and
 * --verbose prints every step's duration.
 */
export async function step<T>(io: Io, flags: ProjectFlags, label: string, work: Promise<T>): Promise<T> {
  const now = io.monotonic ?? (() => Date.now());
  const started = now();
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const delay =
    io.isTTY && !flags.quiet
      ? setTimeout(() => {
          timer = setInterval(() => io.stderr(`\r${FRAMES[frame++ % FRAMES.length]} ${label}…`), 100);
        }, 1000)
      : null;
  try {
    return await work;
  } finally {
    if (delay) clearTimeout(delay);
    if (timer) {
      clearInterval(timer);
      io.stderr(`\r${' '.repeat(label.length + 4)}\r`);
    }
    if (flags.verbose) io.stderr(`mlops-report: ${label}: ${Math.round(now() - started)} ms\n`);
  }
}

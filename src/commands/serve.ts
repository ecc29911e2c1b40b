/** `mlops-report serve`: runs until SIGINT or SIGTERM, then closes cleanly. */
import { clockFrom } from '../config/clock.js';
import { ROUTES, startServer } from '../serve/server.js';
import { EXIT, type Io, type Outcome, type ProjectFlags } from './io.js';

export interface ServeFlags extends ProjectFlags {
  readonly port?: number;
  readonly host?: string;
}

export const DEFAULT_PORT = 5002;
export const DEFAULT_HOST = '127.0.0.1';

export async function serveCommand(flags: ServeFlags, io: Io): Promise<Outcome> {
  // every failure and recovery is said as it happens (and written to logs/dashboard.log)
  const events = {
    failed: (file: string, problem: string) =>
      io.stderr(`mlops-report: ${file}: ${problem}; the page keeps the last good report until it is fixed\n`),
    recovered: (file: string) => {
      if (!flags.quiet) io.stdout(`mlops-report: ${file} is readable again; the report is up to date\n`);
    },
  };
  const server = await startServer(
    flags,
    io.cwd,
    io.env,
    () => clockFrom(io.env),
    flags.port ?? DEFAULT_PORT,
    flags.host ?? DEFAULT_HOST,
    events,
  );
  io.stdout(`mlops-report: serving ${server.url} (${ROUTES.join(', ')}); Ctrl+C stops\n`);
  await new Promise<void>((resolve) => {
    if (io.onShutdown) io.onShutdown(resolve);
  });
  await server.close();
  if (!flags.quiet) io.stdout('mlops-report: stopped\n');
  return { code: EXIT.OK, detail: server.url };
}

/** `mlops-report serve`: runs until SIGINT or SIGTERM, then closes cleanly. */
import { clockFrom } from '../config/clock.js';
import { ROUTES, startServer } from '../serve/server.js';
import { EXIT, type Io, type Outcome, type ProjectFlags } from './io.js';

export interface ServeFlags extends ProjectFlags {
  readonly port: number;
  readonly host: string;
}

export async function serveCommand(flags: ServeFlags, io: Io): Promise<Outcome> {
  const server = await startServer(flags, io.cwd, io.env, () => clockFrom(io.env), flags.port, flags.host);
  io.stdout(`mlops-report: serving ${server.url} (${ROUTES.join(', ')}); Ctrl+C stops\n`);
  await new Promise<void>((resolve) => {
    if (io.onShutdown) io.onShutdown(resolve);
  });
  await server.close();
  if (!flags.quiet) io.stdout('mlops-report: stopped\n');
  return { code: EXIT.OK, detail: server.url };
}

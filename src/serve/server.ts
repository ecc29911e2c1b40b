/**
 * `mlops-report serve`: the old live dashboard on port 5002. It serves the same report
 * (refreshing itself every 30 s, with a refresh button) and the JSON API. Inputs are
 * collected again only when one of them changed (size or modification time), so a
 * refresh is cheap; broken inputs answer 503 with the error, and the server stays up.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { API, API_NAMES, apiHealth } from '../render/api-json.js';
import { loadConfig, type CliFlags, type Config, type Env } from '../config/load.js';
import { collect } from '../collect/index.js';
import { LEDGER } from '../write/ledger.js';
import { ReportError } from '../errors.js';
import { loadAssets, render, type Assets } from '../render/index.js';
import type { ReportData } from '../report-data.js';

/** Every path served: the page, the old dashboard's JSON API, and the health check. */
const API_ROUTES: ReadonlyMap<string, (r: ReportData) => unknown> = new Map(
  API_NAMES.map((name) => [`/api/${name}`, API[name]]),
);
export const ROUTES: readonly string[] = ['/', ...API_ROUTES.keys(), '/health'];

interface State {
  readonly key: string;
  readonly report: ReportData | null;
  readonly html: string | null;
  readonly error: string | null;
}

async function fingerprint(c: Config): Promise<string> {
  const files = [
    c.configFile,
    c.productionModel,
    c.productionMetrics,
    c.candidateModel,
    c.candidateMetrics,
    c.data,
    join(c.out, LEDGER),
  ];
  const parts = await Promise.all(
    files.map(async (f) =>
      f
        ? stat(f).then(
            (s) => `${s.size}:${s.mtimeMs}`,
            () => '-',
          )
        : '-',
    ),
  );
  return parts.join('|');
}

export interface Server {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the server; `clock` gives the report's time, as in generate. */
export async function startServer(
  flags: CliFlags,
  cwd: string,
  env: Env,
  clock: () => Date,
  port: number,
  host: string,
): Promise<Server> {
  const assets: Assets = await loadAssets();
  let state: State | null = null;
  let pending: Promise<State> | null = null;

  const refresh = async (): Promise<State> => {
    let config: Config;
    try {
      config = await loadConfig(flags, cwd, env);
    } catch (e) {
      if (e instanceof ReportError) return { key: 'config-error', report: null, html: null, error: e.message };
      throw e;
    }
    const key = await fingerprint(config);
    if (state && state.key === key) return state;
    try {
      const report = await collect(config, clock());
      return { key, report, html: render(report, assets, { lang: config.lang, live: true }), error: null };
    } catch (e) {
      if (e instanceof ReportError)
        return { key, report: null, html: null, error: `${e.message}${e.hint ? ` (hint: ${e.hint})` : ''}` };
      throw e;
    }
  };
  // one collection at a time; concurrent requests share it
  const current = async (): Promise<State> => {
    pending ??= refresh().finally(() => (pending = null));
    state = await pending;
    return state;
  };

  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown): void =>
    send(res, status, 'application/json; charset=utf-8', `${JSON.stringify(value, null, 2)}\n`);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!ROUTES.includes(path)) return json(res, 404, { error: `no route ${path}`, routes: ROUTES });
    const s = await current();
    if (path === '/health') return json(res, 200, apiHealth(s.report, s.error));
    if (s.error || !s.report) return json(res, 503, { error: s.error ?? 'no report' });
    const view = API_ROUTES.get(path);
    return view ? json(res, 200, view(s.report)) : send(res, 200, 'text/html; charset=utf-8', s.html!);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) =>
      json(res, 500, { error: `unexpected error (a bug): ${(e as Error).message}` }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new ReportError('OUTPUT_FAILED', `cannot listen on ${host}:${port} (${e.code})`, {
          hint:
            e.code === 'EADDRINUSE'
              ? 'another process uses the port; choose one with --port'
              : 'check --host and --port',
          cause: e,
        }),
      ),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

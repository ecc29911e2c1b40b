/**
 * `mlops-report serve`: the live dashboard. It serves the report, which asks /health every
 * few seconds and updates its sections in place when something changed, and the JSON API.
 * Inputs are collected again only when one of them changed (size or modification time).
 * Each input breaks on its own: a route answers 503 only when one of its own inputs is
 * broken, the page keeps the last good report under a "stale since" banner, /health is 503
 * while anything is broken, and every failure and recovery is printed and logged.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { API, API_NAMES, apiHealth } from '../render/api-json.js';
import { loadConfig, type CliFlags, type Config, type Env } from '../config/load.js';
import { collect, displayPath, type InputName } from '../collect/index.js';
import { LEDGER } from '../write/ledger.js';
import { appendLogLine } from '../write/run-log.js';
import { ReportError } from '../errors.js';
import { isWhy, whyText } from '../render/i18n/index.js';
import { loadAssets, render, renderUnavailable, type Assets, type LiveProblem } from '../render/index.js';
import type { ReportData } from '../report-data.js';

/** How often the page asks /health whether anything changed. */
export const POLL_MS = 5000;

/** What can break: one input, or everything at once (the config file, the models folder). */
type Source = InputName | 'config' | 'models';

/** The inputs each JSON route is made of; the page and /health depend on all of them. */
const ROUTE_INPUTS: Readonly<Record<string, readonly InputName[]>> = {
  '/api/model': ['production_model', 'production_metrics'],
  '/api/stats': ['data', 'production_metrics'],
  '/api/comparison': ['production_model', 'production_metrics', 'candidate_model', 'candidate_metrics'],
};

/** Every path served: the page, the JSON API and the health check (and earlier reports, by name). */
const API_ROUTES: ReadonlyMap<string, (r: ReportData) => unknown> = new Map(
  API_NAMES.map((name) => [`/api/${name}`, API[name]]),
);
export const ROUTES: readonly string[] = ['/', ...API_ROUTES.keys(), '/health'];

/** The timestamped copies `generate` writes, and nothing else: no path, no "..". */
const EARLIER_REPORT = /^\/(dashboard_report_\d{8}_\d{6}(?:_\d+)?\.html)$/;

interface Problem extends LiveProblem {
  readonly source: Source;
}

interface State {
  /** The inputs' sizes and times when this state was made. */
  readonly fingerprint: string;
  readonly config: Config | null;
  /** What was collected, with empty sections for broken inputs; null when nothing could be. */
  readonly report: ReportData | null;
  readonly problems: readonly Problem[];
  /** The page, and the key /health gives so the page knows when to update. */
  readonly page: string;
  readonly pageKey: string;
}

/**
 * Size and time of every input: the configured paths and, when discovery found others, the
 * files the last report read (a file that appears later is seen on the next change of these).
 */
async function fingerprint(c: Config, last: ReportData | null): Promise<string> {
  const read = (last?.inputs.chosen ?? []).flatMap((x) =>
    x.value !== null && x.role !== 'label_column' ? [resolve(c.root, x.value)] : [],
  );
  const files = [
    c.configFile,
    c.modelsDir,
    c.productionModel,
    c.productionMetrics,
    c.candidateModel,
    c.candidateMetrics,
    c.data,
    join(c.out, LEDGER),
    c.out, // a new timestamped report changes the folder's time: "Earlier reports" follows
    ...read,
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

/** "models/x.json: not valid JSON" → "not valid JSON", plus the hint: the banner names the file itself. */
function problemText(file: string, e: ReportError): string {
  const message = e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message;
  return `${message.replace(/\s+/g, ' ').trim()}${e.hint ? ` (${e.hint})` : ''}`;
}

/**
 * A metrics file that could not be understood is a warning in `generate` (the rest of the
 * report is written); live, it is a broken input like any other: its routes answer 503 and
 * the page keeps the last good report, so a file caught half-written never blanks a section.
 */
function unreadableMetrics(report: ReportData, since: string): Problem[] {
  return report.warnings.flatMap((w) => {
    if (w.code !== 'metrics_unreadable') return [];
    const file = String(w.values.file);
    const role = report.inputs.chosen.find((x) => x.value === file && x.role.endsWith('_metrics'))?.role;
    const source: InputName = role === 'candidate_metrics' ? 'candidate_metrics' : 'production_metrics';
    const problem = isWhy(w.values.problem) ? whyText('en', w.values.problem) : file;
    return [{ source, file, problem, since }];
  });
}

export interface Server {
  readonly url: string;
  close(): Promise<void>;
}

/** What the server tells its operator: each failure and each recovery, as it happens. */
export interface ServeEvents {
  readonly failed: (file: string, problem: string) => void;
  readonly recovered: (file: string) => void;
}

/** Starts the server; `clock` gives the report's time, as in generate. */
export async function startServer(
  flags: CliFlags,
  cwd: string,
  env: Env,
  clock: () => Date,
  port: number,
  host: string,
  events: ServeEvents,
): Promise<Server> {
  const assets: Assets = await loadAssets();
  let state: State | null = null;
  /** The last report made while nothing was broken: the page shows it while something is. */
  let lastGood: ReportData | null = null;
  /** The language of the last config read: a broken config file says nothing about it. */
  let lang: Config['lang'] = 'en';
  let pending: Promise<State> | null = null;

  const page = (report: ReportData | null, problems: readonly Problem[], lang: Config['lang']) => {
    const shown = problems.length && lastGood ? lastGood : report;
    const pageKey = createHash('sha256').update(JSON.stringify({ shown, problems, lang })).digest('hex').slice(0, 16);
    const live = {
      key: pageKey,
      interval_ms: POLL_MS,
      problems,
      stale: lastGood !== null && shown === lastGood && problems.length > 0,
    };
    return {
      pageKey,
      page: shown ? render(shown, assets, { lang, live }) : renderUnavailable(assets, { lang, live }),
    };
  };

  /** Keeps a problem's first time while it lasts; logs what broke and what recovered. */
  const settle = async (root: string, before: readonly Problem[], now: readonly Problem[]): Promise<Problem[]> => {
    const at = clock();
    const kept = now.map((p) => {
      const old = before.find((b) => b.source === p.source && b.file === p.file && b.problem === p.problem);
      return old ? { ...p, since: old.since } : p;
    });
    for (const p of kept.filter((p) => !before.some((b) => b.source === p.source && b.problem === p.problem))) {
      events.failed(p.file, p.problem);
      await appendLogLine(root, at, `serve error ${p.file}: ${p.problem}`);
    }
    for (const b of before.filter((b) => !kept.some((p) => p.source === b.source))) {
      events.recovered(b.file);
      await appendLogLine(root, at, `serve recovered ${b.file}`);
    }
    return kept;
  };

  const refresh = async (): Promise<State> => {
    const now = clock().toISOString();
    const before = state?.problems ?? [];
    let config: Config;
    try {
      config = await loadConfig(flags, cwd, env);
    } catch (e) {
      if (!(e instanceof ReportError)) throw e;
      const file = flags.config ?? 'mlops-report.config.json';
      const key = `config-error:${e.message}`;
      if (state && state.fingerprint === key) return state;
      const problems = await settle(cwd, before, [
        { source: 'config', file, problem: problemText(file, e), since: now },
      ]);
      return { fingerprint: key, config: null, report: null, problems, ...page(null, problems, lang) };
    }
    const key = await fingerprint(config, state?.report ?? null);
    if (state && state.fingerprint === key) return state;
    lang = config.lang;
    const found: Problem[] = [];
    let report: ReportData | null = null;
    try {
      report = await collect(config, clock(), {
        onInputError: (source, file, e) => found.push({ source, file, problem: problemText(file, e), since: now }),
      });
      found.push(...unreadableMetrics(report, now));
    } catch (e) {
      if (!(e instanceof ReportError)) throw e;
      const file = displayPath(config, config.modelsDir);
      found.push({ source: 'models', file, problem: problemText(file, e), since: now });
    }
    // sorted: the same problems always give the same page
    found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const problems = await settle(config.root, before, found);
    if (report && problems.length === 0) lastGood = report;
    // discovery may have read files the config does not name: the next check looks at them too
    const fingerprintNow = report ? await fingerprint(config, report) : key;
    return { fingerprint: fingerprintNow, config, report, problems, ...page(report, problems, config.lang) };
  };
  // one collection at a time; concurrent requests share it
  const current = async (): Promise<State> => {
    pending ??= refresh().finally(() => (pending = null));
    state = await pending;
    return state;
  };

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(body);
  };
  const json = (res: ServerResponse, status: number, value: unknown): void =>
    send(res, status, 'application/json; charset=utf-8', `${JSON.stringify(value, null, 2)}\n`);
  const html = 'text/html; charset=utf-8';
  const problemJson = (ps: readonly Problem[]) => ps.map(({ file, problem, since }) => ({ file, problem, since }));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'method not allowed' });
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const earlier = EARLIER_REPORT.exec(path);
    if (!ROUTES.includes(path) && !earlier) return json(res, 404, { error: `no route ${path}`, routes: ROUTES });
    const s = await current();
    if (earlier) {
      const body = s.config ? await readFile(join(s.config.out, earlier[1]!)).catch(() => null) : null;
      return body ? send(res, 200, html, body) : json(res, 404, { error: `no report ${earlier[1]}` });
    }
    if (path === '/') return send(res, 200, html, s.page);
    if (path === '/health') {
      return json(res, s.problems.length ? 503 : 200, {
        ...apiHealth(s.report, s.problems.length ? s.problems.map((p) => `${p.file}: ${p.problem}`).join('; ') : null),
        problems: problemJson(s.problems),
        page: s.pageKey,
      });
    }
    // a route fails only for its own inputs (or when nothing could be read at all)
    const needs = ROUTE_INPUTS[path] ?? [];
    const mine = s.problems.filter((p) => p.source === 'config' || p.source === 'models' || needs.includes(p.source));
    if (mine.length || !s.report) {
      return json(res, 503, {
        error: mine.map((p) => `${p.file}: ${p.problem}`).join('; '),
        problems: problemJson(mine),
      });
    }
    return json(res, 200, API_ROUTES.get(path)!(s.report));
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
  await current(); // say at once what is broken, before anyone asks
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

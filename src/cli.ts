/**
 * The command line: parses flags, wires loadConfig → collect → render → write, prints one
 * line, returns the exit code. Only main() catches; see README, "Exit codes".
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { relative, resolve } from 'node:path';
import { clockFrom } from './clock.js';
import { loadConfig, type CliFlags, type Env } from './config.js';
import { collect } from './collect/index.js';
import { ReportError } from './errors.js';
import { loadAssets, render } from './render/index.js';
import { TOOL_VERSION } from './version.js';
import { appendLedger, pruneReports, writeReport } from './write-report.js';
import { LEDGER } from './collect/history.js';
import type { ReportData } from './report-data.js';
import { DEFAULT_PICKLE_LIMITS, type ImportVerdict } from './collect/pickle/index.js';
import { failsOn, formatInspection, inspectFile } from './inspect.js';

/** Everything main() may touch of the outside world, so tests can pass fakes. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Env;
  readonly cwd: string;
}

export const EXIT = { OK: 0, GATE: 1, USER: 2, BUG: 3 } as const;

interface GenerateOptions extends CliFlags {
  readonly quiet?: boolean;
  readonly failOnRegression?: boolean;
  readonly failOnUnsafe?: boolean;
  readonly keep?: number;
}

/** The ledger line for the production model this report saw. */
function observed(report: ReportData): Parameters<typeof appendLedger>[2] | null {
  const m = report.metrics;
  if (!report.model.deployed || !m) return null;
  return {
    at: m.deployed_at ?? report.generated_at,
    event: 'observed',
    model_sha256: report.model.sha256,
    commit: report.environment.commit,
    metrics: {
      ...Object.fromEntries(m.metrics.map((x) => [x.key, x.value])),
      score: m.score, model_type: m.model_type, trained_at: m.trained_at, deployed_at: m.deployed_at,
    },
  };
}

interface InspectOptions {
  readonly json?: boolean;
  readonly failOn?: ImportVerdict;
}

async function generate(opts: GenerateOptions, io: Io): Promise<number> {
  const config = await loadConfig(opts, io.cwd, io.env);
  const now = clockFrom(io.env);
  const [report, assets] = await Promise.all([collect(config, now), loadAssets()]);
  const html = render(report, assets);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const written = await writeReport(config.out, now, html, json);
  const entry = observed(report);
  if (entry) await appendLedger(config.out, LEDGER, entry);
  const pruned = opts.keep === undefined ? [] : await pruneReports(config.out, opts.keep);
  const outDir = relative(io.cwd, config.out) || '.';
  if (!opts.quiet) {
    for (const w of report.warnings) io.stderr(`warning: ${w}\n`);
    io.stdout(`mlops-report: wrote ${outDir}/${written.html} (copy: ${written.timestamped}, data: ${written.json})\n`);
    if (pruned.length) io.stdout(`mlops-report: removed ${pruned.length} old timestamped report(s) (--keep ${opts.keep})\n`);
  }
  const unsafe = [report.model, report.candidate].filter((m) => m?.safety?.verdict === 'dangerous');
  if (opts.failOnUnsafe && unsafe.length > 0) {
    io.stderr(`mlops-report: dangerous imports in ${unsafe.map((m) => m!.path).join(', ')}; see the report's Pickle safety section\n`);
    return EXIT.GATE;
  }
  const regressed = report.comparison?.rows.filter((r) => r.winner === 'production') ?? [];
  if (opts.failOnRegression && regressed.length > 0) {
    io.stderr(`mlops-report: the candidate regressed on ${regressed.map((r) => `${r.metric} (${r.delta})`).join(', ')}\n`);
    return EXIT.GATE;
  }
  return EXIT.OK;
}

async function inspect(files: string[], opts: InspectOptions, io: Io): Promise<number> {
  const results = [];
  for (const f of files) results.push(await inspectFile(resolve(io.cwd, f), f, DEFAULT_PICKLE_LIMITS));
  io.stdout(opts.json ? `${JSON.stringify(results, null, 2)}\n` : results.map(formatInspection).join('\n'));
  if (results.some((r) => 'error' in r)) return EXIT.USER;
  const failing = opts.failOn ? results.filter((r) => failsOn(r, opts.failOn!)) : [];
  if (failing.length > 0) {
    io.stderr(`mlops-report: ${failing.map((r) => r.file).join(', ')}: safety verdict at or above "${opts.failOn}"\n`);
    return EXIT.GATE;
  }
  return EXIT.OK;
}

function program(io: Io, run: (p: Promise<number>) => void): Command {
  const p = new Command('mlops-report')
    .description('A self-contained HTML report of your deployed scikit-learn model, its metrics, its data and the candidate.')
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run mlops-report --help for usage)');

  p.command('generate')
    .description('collect the inputs and write reports/dashboard_report.html, a timestamped copy and dashboard_report.json')
    .option('--root <dir>', 'project root; other paths are relative to it', '.')
    .option('--models-dir <dir>', 'folder with production_model.pkl, production_metrics.json, candidate_*')
    .option('--data <file>', 'training data (CSV)')
    .option('--out <dir>', 'output folder')
    .option('--config <file>', 'config file (default: mlops-report.config.json in the root, if present)')
    .addOption(new Option('--lang <lang>', 'report language').choices(['en', 'fr']))
    .option('--keep <n>', 'keep only the n newest timestamped reports', (v: string) => {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
      return Number(v);
    })
    .option('-q, --quiet', 'print nothing but errors')
    .option('--fail-on-regression', 'exit 1 (after writing the report) if the candidate is worse than production on any metric')
    .option('--fail-on-unsafe', 'exit 1 (after writing the report) if a model file imports something dangerous')
    .action((opts: GenerateOptions) => run(generate(opts, io)));

  p.command('inspect')
    .description('summarise model files (pickle or joblib) safely: type, parameters, importances, safety verdict')
    .argument('<files...>', 'model files')
    .option('--json', 'print JSON instead of text')
    .addOption(new Option('--fail-on <verdict>', 'exit 1 if a file is at least this unsafe').choices(['unknown', 'dangerous']))
    .action((files: string[], opts: InspectOptions) => run(inspect(files, opts, io)));
  return p;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const pending: Promise<number>[] = [];
  try {
    await program(io, (p) => pending.push(p)).parseAsync([...argv], { from: 'user' });
    return pending.length === 0 ? EXIT.USER : await pending[0]!;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; a parse error (or no command) is a usage error
      return e.exitCode === 0 ? EXIT.OK : EXIT.USER;
    }
    if (e instanceof ReportError) {
      io.stderr(`mlops-report: ${e.message}\n`);
      if (e.hint) io.stderr(`  hint: ${e.hint}\n`);
      return EXIT.USER;
    }
    io.stderr(`mlops-report: unexpected error; this is a bug, please report it with the output below.\n${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.BUG;
  }
}

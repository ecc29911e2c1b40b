/**
 * The command line: commander parses, a command module runs, main() maps the outcome to an
 * exit code and logs the run. Only main() catches; see README, "Exit codes".
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import { clockFrom } from './config/clock.js';
import type { GenerateFlags } from './commands/generate.js';
import type { InspectFlags } from './commands/inspect.js';
import { EXIT, type Io, type Outcome, type ProjectFlags } from './commands/io.js';
import type { PromoteFlags } from './commands/promote.js';
import type { ServeFlags } from './commands/serve.js';
import { ReportError } from './errors.js';
import { API_NAMES } from './render/api-json.js';
import { appendRunLog } from './write/run-log.js';
import { TOOL_VERSION } from './version.js';

export { EXIT, type Io } from './commands/io.js';

// Command modules load on demand: `inspect` never pays for Handlebars, zod or the CSV
// and Parquet readers, which is a good part of its start-up time.

const positiveInt =
  (what: string) =>
  (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`${what}: expected a whole number ≥ 1`);
    return Number(v);
  };
const score = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a number from 0 to 100');
  return n;
};

/** The flags every command that reads the project shares. */
function projectOptions(c: Command): Command {
  return c
    .option('--root <dir>', 'project root; other paths are relative to it', '.')
    .option('--models-dir <dir>', 'folder with production_model.pkl, production_metrics.json, candidate_*')
    .option('--data <file>', 'training data (CSV, TSV, JSON Lines or Parquet)')
    .option('--out <dir>', 'output folder (reports)')
    .option('--config <file>', 'config file (default: mlops-report.config.json in the root, if present)')
    .addOption(new Option('--lang <lang>', 'report language').choices(['en', 'fr']))
    .option('-q, --quiet', 'print nothing but errors')
    .option('-v, --verbose', 'print the duration of each step');
}

function program(io: Io, run: (name: string, root: string | undefined, p: Promise<Outcome>) => void): Command {
  const p = new Command('mlops-report')
    .description(
      'A self-contained HTML report of your deployed scikit-learn model, its metrics, its data and the candidate.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run mlops-report --help for usage)');

  projectOptions(
    p
      .command('generate')
      .description('write reports/dashboard_report.html, a timestamped copy and dashboard_report.json'),
  )
    .option(
      '--fail-on-regression',
      'exit 1 (after writing the report) if the candidate is worse than production on any metric',
    )
    .option('--fail-on-unsafe', 'exit 1 (after writing the report) if a model file imports something dangerous')
    .option('--keep <n>', 'keep only the n newest timestamped reports', positiveInt('--keep'))
    .action((o: GenerateFlags) =>
      run(
        'generate',
        o.root,
        import('./commands/generate.js').then((m) => m.generate(o, io)),
      ),
    );

  for (const name of API_NAMES) {
    projectOptions(
      p
        .command(name)
        .description(`print the JSON of the old dashboard's /api/${name} (schemas/api-${name}.schema.json)`),
    ).action((o: ProjectFlags) =>
      run(
        name,
        o.root,
        import('./commands/api.js').then((m) => m.printApi(name, o, io)),
      ),
    );
  }

  projectOptions(
    p
      .command('promote')
      .description('deploy the candidate when the deployment rules allow it: replace the production model and metrics'),
  )
    .option('--min-score <score>', 'deployment bar out of 100 (default 70, or deployment.min_score)', score)
    .option(
      '--max-regression <points>',
      'refuse if a core metric falls by more than this many points (default 2, or deployment.max_regression)',
      score,
    )
    .option('--dry-run', 'decide and print, change nothing')
    .action((o: PromoteFlags) =>
      run(
        'promote',
        o.root,
        import('./commands/promote.js').then((m) => m.promoteCommand(o, io)),
      ),
    );

  projectOptions(p.command('serve').description('serve the live dashboard and its JSON API (the old Flask dashboard)'))
    .option(
      '--port <port>',
      'port (0 picks a free one)',
      (v: string) => {
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new InvalidArgumentError('expected a port number');
        return Number(v);
      },
      5002,
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action((o: ServeFlags) =>
      run(
        'serve',
        o.root,
        import('./commands/serve.js').then((m) => m.serveCommand(o, io)),
      ),
    );

  p.command('inspect')
    .description('summarise model files (pickle or joblib) safely: type, parameters, importances, safety verdict')
    .argument('<files...>', 'model files')
    .option('--json', 'print JSON instead of text')
    .addOption(
      new Option('--fail-on <verdict>', 'exit 1 if a file is at least this unsafe').choices(['unknown', 'dangerous']),
    )
    .action((files: string[], o: InspectFlags) =>
      run(
        'inspect',
        undefined,
        import('./commands/inspect.js').then((m) => m.inspectCommand(files, o, io)),
      ),
    );
  return p;
}

/** "mlops-report:" in red on a terminal, unless NO_COLOR is set (no-color.org). */
function prefix(io: Io): string {
  return io.isTTY && !io.env.NO_COLOR ? '\u001b[31mmlops-report:\u001b[0m' : 'mlops-report:';
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const started = (io.monotonic ?? Date.now)();
  const runs: { name: string; root: string | undefined; outcome: Promise<Outcome> }[] = [];
  let code: number;
  let detail: string;
  try {
    await program(io, (name, root, outcome) => {
      outcome.catch(() => undefined); // handled below, once parsing is over
      runs.push({ name, root, outcome });
    }).parseAsync([...argv], { from: 'user' });
    if (runs.length === 0) return EXIT.USER;
    ({ code, detail } = await runs[0]!.outcome);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; a parse error (or no command) is a usage error
      return e.exitCode === 0 ? EXIT.OK : EXIT.USER;
    }
    if (e instanceof ReportError) {
      io.stderr(`${prefix(io)} ${e.message}\n`);
      if (e.hint) io.stderr(`  hint: ${e.hint}\n`);
      code = EXIT.USER;
      detail = `${e.code}: ${e.message}`;
    } else {
      io.stderr(
        `${prefix(io)} unexpected error; this is a bug, please report it with the output below.\n${(e as Error)?.stack ?? String(e)}\n`,
      );
      code = EXIT.BUG;
      detail = `bug: ${(e as Error)?.message ?? String(e)}`;
    }
  }
  const run = runs[0];
  if (run && run.name !== 'inspect') {
    let at: Date;
    try {
      at = clockFrom(io.env);
    } catch {
      at = new Date();
    }
    await appendRunLog(resolve(io.cwd, run.root ?? '.'), {
      at,
      command: run.name,
      exit: code,
      ms: (io.monotonic ?? Date.now)() - started,
      detail,
    });
  }
  return code;
}

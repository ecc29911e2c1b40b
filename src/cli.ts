/**
 * The command line: commander parses, a command module runs, main() maps the outcome to an
 * exit code and logs the run. Only main() catches; see README, "Exit codes".
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { clockFrom } from './config/clock.js';
import type { GenerateFlags } from './commands/generate.js';
import type { InitFlags } from './commands/init.js';
import type { InspectFlags } from './commands/inspect.js';
import { EXIT, type Io, type Outcome, type ProjectFlags } from './commands/io.js';
import type { PromoteFlags } from './commands/promote.js';
import type { ServeFlags } from './commands/serve.js';
import { ReportError } from './errors.js';
import { API_NAMES, type ApiName } from './render/api-json.js';
import { termText } from './render/terminal.js';
import { LANGS } from './report-data.js';
import { appendRunLog } from './write/run-log.js';
import { TOOL_VERSION } from './config/version.js';

export { EXIT, type Io } from './commands/io.js';

// Command modules load on demand: `inspect` never pays for Handlebars, zod or the CSV
// and Parquet readers, which is a good part of its start-up time.

/** A flag value checked by `test`; the error states the range, as commander prints it after the flag. */
const checked =
  (range: string, test: (n: number) => boolean) =>
  (v: string): number => {
    const n = v.trim() === '' ? NaN : Number(v);
    if (!Number.isFinite(n) || !test(n)) throw new InvalidArgumentError(`expected ${range}`);
    return n;
  };
const wholeFromOne = checked('a whole number from 1 up', (n) => Number.isInteger(n) && n >= 1);
const score = checked('a number from 0 to 100', (n) => n >= 0 && n <= 100);
const port = checked('a port from 0 to 65535', (n) => Number.isInteger(n) && n >= 0 && n <= 65535);
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (v: string): T => {
    if (!(values as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected ${values.join(' or ')}`);
    return v as T;
  };

/** The flags of the commands that read the project; each command lists only those it uses. */
type ProjectFlag = 'out' | 'lang' | 'quiet' | 'verbose';

// Defaults are written in the description, one way for every flag: most come from the
// config file when the flag is absent, so commander must not fill them in itself.
function projectOptions(c: Command, flags: readonly ProjectFlag[]): Command {
  c.option('--root <dir>', 'project root; the other paths are relative to it (default: .)')
    .option('--models-dir <dir>', 'folder of the model and metrics files (default: models, else found)')
    .option('--data <file>', 'training data: CSV, TSV, JSON Lines or Parquet (default: data/apps.csv, else found)')
    .option('--label-column <name>', 'the label column of the data (default: found from the model and the data)');
  if (flags.includes('out')) c.option('--out <dir>', 'output folder (default: reports)');
  c.option('--config <file>', 'settings file (default: mlops-report.config.json in the root, when present)');
  if (flags.includes('lang')) c.option('--lang <en|fr>', 'report language (default: en)', oneOf(LANGS));
  if (flags.includes('quiet')) c.option('-q, --quiet', 'print nothing but errors');
  if (flags.includes('verbose')) c.option('-v, --verbose', 'print the duration of each step');
  return c;
}

/** "Example:" lines after a command's options. */
const examples = (c: Command, ...lines: string[]): Command =>
  c.addHelpText('after', `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);

function program(io: Io, run: (name: string, root: string | undefined, p: Promise<Outcome>) => void): Command {
  const p = new Command('mlops-report')
    .description(
      'A self-contained HTML report of your deployed scikit-learn model, its metrics, its data and the candidate.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run mlops-report --help for usage)');
  examples(p, 'mlops-report generate', 'mlops-report serve --port 5002', 'mlops-report inspect models/*.pkl');

  const generate = projectOptions(
    p
      .command('generate')
      .description('write reports/dashboard_report.html, a timestamped copy and dashboard_report.json'),
    ['out', 'lang', 'quiet', 'verbose'],
  )
    .option('--fail-on-regression', 'exit 1, after writing the report, if the candidate is worse on any metric')
    .option('--fail-on-unsafe', 'exit 1, after writing the report, if a model file imports something dangerous')
    .option('--keep <n>', 'keep only the n newest timestamped reports (default: all)', wholeFromOne)
    .action((o: GenerateFlags) =>
      run(
        'generate',
        o.root,
        import('./commands/generate.js').then((m) => m.generate(o, io)),
      ),
    );
  examples(generate, 'mlops-report generate --lang fr --keep 30 --fail-on-unsafe');

  const what: Readonly<Record<ApiName, string>> = {
    model: 'the deployed model (type, hyperparameters, metrics)',
    stats: 'the training data (rows, categories, retraining, class balance)',
    comparison: 'production against the candidate (each metric, the decision)',
  };
  for (const name of API_NAMES) {
    const api = projectOptions(
      p.command(name).description(`print, as JSON, ${what[name]}: what serve's /api/${name} answers`),
      [],
    ).action((o: ProjectFlags) =>
      run(
        name,
        o.root,
        import('./commands/api.js').then((m) => m.printApi(name, o, io)),
      ),
    );
    examples(api, `mlops-report ${name} --root path/to/project > ${name}.json`);
  }

  const promote = projectOptions(
    p
      .command('promote')
      .description('deploy the candidate when the deployment rules allow it: replace the production model and metrics'),
    ['out', 'quiet'],
  )
    .option('--min-score <score>', 'deployment bar out of 100 (default: deployment.min_score, else 70)', score)
    .option(
      '--max-regression <points>',
      'refuse if a core metric falls by more than this many points (default: deployment.max_regression, else 2)',
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
  examples(promote, 'mlops-report promote --min-score 70 --max-regression 5 --dry-run');

  const serve = projectOptions(
    p.command('serve').description('serve the report live, updating itself as the inputs change, and its JSON API'),
    ['out', 'lang', 'quiet'],
  )
    .option('--port <port>', 'port; 0 picks a free one (default: 5002)', port)
    .option('--host <host>', 'address to listen on (default: 127.0.0.1)')
    .action((o: ServeFlags) =>
      run(
        'serve',
        o.root,
        import('./commands/serve.js').then((m) => m.serveCommand(o, io)),
      ),
    );
  examples(serve, 'mlops-report serve --port 5002 --lang fr');

  const init = p
    .command('init')
    .description('find the model, metrics and data of this repository, print them and write mlops-report.config.json')
    .option('--root <dir>', 'project root; the other paths are relative to it (default: .)')
    .option('--force', 'replace an existing mlops-report.config.json')
    .option('-q, --quiet', 'print nothing but errors')
    .action((o: InitFlags) =>
      run(
        'init',
        o.root,
        import('./commands/init.js').then((m) => m.initCommand(o, io)),
      ),
    );
  examples(init, 'mlops-report init --root path/to/repository', 'mlops-report init --force');

  const inspect = p
    .command('inspect')
    .description('summarise model files (pickle or joblib) safely: type, parameters, importances, safety verdict')
    .argument('<files...>', 'model files')
    .option('--json', 'print JSON instead of text (errors included)')
    .option(
      '--fail-on <unknown|dangerous>',
      'exit 1 if a file is at least this unsafe',
      oneOf(['unknown', 'dangerous'] as const),
    )
    .action((files: string[], o: InspectFlags) =>
      run(
        'inspect',
        undefined,
        import('./commands/inspect.js').then((m) => m.inspectCommand(files, o, io)),
      ),
    );
  examples(inspect, 'mlops-report inspect --fail-on unknown models/*.pkl');
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
      // messages name files and quote keys from the inputs: each of their lines (a config error
      // lists one problem a line) printed as visible text, so none can start a workflow
      // command or rewrite another (render/terminal.ts)
      const lines = e.message.split('\n').map((l) => termText(l, 2000));
      io.stderr(`${prefix(io)} ${lines.join('\n')}\n`);
      if (e.hint) io.stderr(`  hint: ${termText(e.hint, 2000)}\n`);
      code = EXIT.USER;
      detail = `${e.code}: ${e.message}`;
    } else {
      io.stderr(
        `${prefix(io)} unexpected error; this is a bug, please report it with the output below.\n${String(
          (e as Error)?.stack ?? e,
        )
          .split('\n')
          .map((l) => termText(l, 2000))
          .join('\n')}\n`,
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

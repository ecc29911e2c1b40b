/** `mlops-report generate`: collect → render → write, then the optional gates. */
import { appendFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { collect } from '../collect/index.js';
import { verdictAtLeast } from '../collect/model.js';
import { clockFrom } from '../config/clock.js';
import { loadConfig } from '../config/load.js';
import { formatFixed } from '../render/format.js';
import { warningText } from '../render/i18n/index.js';
import { loadAssets, render } from '../render/index.js';
import { inputLines } from '../render/inputs-text.js';
import { outputTooLarge, stringifyBounded } from '../render/bounded-json.js';
import { decisionAnnotations, jobSummary } from '../render/job-summary.js';
import { termText } from '../render/terminal.js';
import { assertOutputDir } from '../write/output-path.js';
import { appendLedger, observedEntry } from '../write/ledger.js';
import { pruneReports, writeReport } from '../write/report.js';
import { EXIT, step, type Io, type Outcome, type ProjectFlags } from './io.js';

export interface GenerateFlags extends ProjectFlags {
  readonly failOnRegression?: boolean;
  readonly failOnUnsafe?: boolean;
  readonly keep?: number;
}

export async function generate(flags: GenerateFlags, io: Io): Promise<Outcome> {
  const config = await loadConfig(flags, io.cwd, io.env);
  const now = clockFrom(io.env);
  const lang = config.lang;
  const outDir = relative(io.cwd, config.out) || '.';
  // before anything is read or written: the output folder stays inside the root, no links
  await assertOutputDir(config.out, config.root, config.explicit.out, outDir, 'out');
  const [report, assets] = await step(
    io,
    flags,
    'collecting inputs',
    Promise.all([collect(config, now), loadAssets()]),
  );
  // the data is measured before it is rendered: an input far too big is refused, not rendered
  const max = config.limits.maxOutputBytes;
  const json = `${stringifyBounded(report, max, 2, 'the report data')}\n`;
  const html = await step(io, flags, 'rendering', Promise.resolve(render(report, assets, { lang })));
  if (html.length > max) throw outputTooLarge(max, 'the report');
  const written = await step(io, flags, 'writing', writeReport(config.out, outDir, now, html, json));
  const entry = observedEntry(report);
  if (entry) await appendLedger(config.out, entry);
  const pruned = flags.keep === undefined ? [] : await pruneReports(config.out, flags.keep);
  const detail = `${outDir}/${written.html} ${written.timestamped}`;

  // GitHub Actions: the job summary and annotations, when running there
  if (io.env.GITHUB_STEP_SUMMARY) await appendFile(io.env.GITHUB_STEP_SUMMARY, jobSummary(report, lang));
  if (io.env.GITHUB_ACTIONS === 'true') for (const line of decisionAnnotations(report, lang)) io.stdout(`${line}\n`);

  if (!flags.quiet) {
    // what discovery chose and why, one line each: a wrong guess shows here, not only in the report
    // (silent when every file was named or at its conventional path)
    if (report.inputs.discovered)
      for (const line of inputLines(report, lang, true)) io.stderr(`mlops-report: ${termText(line, 1000)}\n`);
    for (const w of report.warnings) io.stderr(`warning: ${termText(warningText(lang, w), 1000)}\n`);
    io.stdout(`mlops-report: wrote ${outDir}/${written.html} (copy: ${written.timestamped}, data: ${written.json})\n`);
    if (pruned.length)
      io.stdout(`mlops-report: removed ${pruned.length} old timestamped report(s) (--keep ${flags.keep})\n`);
  }
  const unsafe = [report.model, report.candidate].flatMap((m) =>
    m?.safety && verdictAtLeast(m.safety.verdict, 'dangerous') ? [m.path] : [],
  );
  if (flags.failOnUnsafe && unsafe.length > 0) {
    io.stderr(
      `mlops-report: dangerous imports in ${termText(unsafe.join(', '), 1000)}; see the report's Pickle safety section\n`,
    );
    return { code: EXIT.GATE, detail };
  }
  // --fail-on-regression reads the decision's regressions: the score, a core metric or a class
  const regressed = report.decision.regressions;
  if (flags.failOnRegression && regressed.length > 0) {
    const what = regressed.map(
      (g) => `${g.kind === 'class' ? `class ${g.name}` : g.name} (−${formatFixed('en', g.points)} points)`,
    );
    io.stderr(`mlops-report: the candidate regresses: ${termText(what.join(', '), 1000)}\n`);
    return { code: EXIT.GATE, detail };
  }
  return { code: EXIT.OK, detail };
}

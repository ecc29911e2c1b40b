/**
 * `mlops-report promote`: the deployment gate. It carries out ReportData.decision, the one
 * the report shows: promote or first_deployment replace the production model and metrics
 * with the candidate's and record it in the ledger (exit 0); keep records that production
 * stayed (exit 1); already_deployed changes nothing and records nothing (exit 1); no
 * candidate is exit 2. --dry-run decides and changes nothing. The decision goes to
 * $GITHUB_OUTPUT.
 */
import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { collect, displayPath } from '../collect/index.js';
import { readMetricsObject, stringifyJsonLenient } from '../collect/read-json.js';
import { clockFrom } from '../config/clock.js';
import { loadConfig } from '../config/load.js';
import { ReportError } from '../errors.js';
import { DEPLOYING } from '../report-data.js';
import { verdictSentence } from '../render/decision-text.js';
import { termText } from '../render/terminal.js';
import { githubOutput } from '../render/workflow.js';
import { jsonLimits } from '../collect/read-options.js';
import { assertOutputDir } from '../write/output-path.js';
import { appendLedger, decisionEntry } from '../write/ledger.js';
import { deployCandidate } from '../write/deploy.js';
import type { InputRole } from '../report-data.js';
import { EXIT, type Io, type Outcome, type ProjectFlags } from './io.js';

export interface PromoteFlags extends ProjectFlags {
  readonly minScore?: number;
  readonly maxRegression?: number;
  readonly dryRun?: boolean;
}

export async function promoteCommand(flags: PromoteFlags, io: Io): Promise<Outcome> {
  const config = await loadConfig(flags, io.cwd, io.env);
  const now = clockFrom(io.env);
  // promote writes the ledger and, when it deploys, the production files: never outside the root, never through a link
  if (!flags.dryRun) {
    await assertOutputDir(config.out, config.root, config.explicit.out, displayPath(config, config.out), 'out');
    await assertOutputDir(
      config.modelsDir,
      config.root,
      config.explicit.modelsDir,
      displayPath(config, config.modelsDir),
      'models_dir',
    );
  }
  const report = await collect(config, now);
  const d = report.decision;
  const deploys = DEPLOYING.includes(d.value);
  // the same sentence as the report's verdict and the job summary's first line
  const sentence = verdictSentence(config.lang, report);
  const score = report.comparison?.candidate_score;
  if (io.env.GITHUB_OUTPUT) {
    const promoted = deploys && !flags.dryRun;
    await appendFile(
      io.env.GITHUB_OUTPUT,
      githubOutput({ decision: d.value, promoted, ...(score == null ? {} : { score }) }),
    );
  }
  if (d.value === 'no_candidate') {
    throw new ReportError('INPUT_MISSING', `no candidate to promote: ${termText(sentence, 1000)}`, {
      hint: 'train the candidate first (models/candidate_model.pkl and models/candidate_metrics.json)',
    });
  }
  if (!flags.dryRun && d.value !== 'already_deployed') {
    if (deploys) {
      // the candidate's file as it is (Python's NaN included), with the deployment time added
      // the files the report compared, wherever discovery found them
      const at = (role: InputRole, fallback: string): string => {
        const v = report.inputs.chosen.find((c) => c.role === role)?.value;
        return v ? resolve(config.root, v) : fallback;
      };
      const files = {
        productionModel: at('production_model', config.productionModel),
        productionMetrics: at('production_metrics', config.productionMetrics),
        candidateModel: at('candidate_model', config.candidateModel),
      };
      const candidateMetrics = at('candidate_metrics', config.candidateMetrics);
      const metrics = await readMetricsObject(
        candidateMetrics,
        displayPath(config, candidateMetrics),
        jsonLimits(config),
      );
      await deployCandidate(config, files, `${stringifyJsonLenient({ ...metrics, deployed_at: now.toISOString() })}\n`);
    }
    await appendLedger(config.out, decisionEntry(report, deploys ? 'promoted' : 'kept', now));
  }
  const dry = flags.dryRun ? ' (dry run: nothing changed)' : '';
  const what =
    d.value === 'already_deployed'
      ? 'already deployed, nothing changed'
      : deploys
        ? `${flags.dryRun ? 'would promote' : 'promoted'} the candidate${dry}`
        : report.model.deployed
          ? `${flags.dryRun ? 'would keep' : 'kept'} production${dry}`
          : `${flags.dryRun ? 'would not deploy' : 'did not deploy'} the candidate${dry}`;
  if (!flags.quiet) io.stdout(`mlops-report: ${what}. ${termText(sentence, 1000)}\n`);
  return {
    code: deploys ? EXIT.OK : EXIT.GATE,
    detail: `${d.value}${score == null ? '' : ` score=${score}`}${flags.dryRun ? ' dry-run' : ''}`,
  };
}

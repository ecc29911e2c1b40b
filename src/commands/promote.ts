/**
 * `mlops-report promote`: the deployment gate. It decides from the comparison the report
 * shows (collect/compare/decision.ts), then, unless --dry-run, replaces the production model
 * and metrics with the candidate's and records the decision in the ledger. Step outputs
 * go to $GITHUB_OUTPUT.
 */
import { appendFile } from 'node:fs/promises';
import { decide } from '../collect/compare/decision.js';
import { collect, displayPath } from '../collect/index.js';
import { readMetricsObject, stringifyJsonLenient } from '../collect/read-json.js';
import { clockFrom } from '../config/clock.js';
import { loadConfig } from '../config/load.js';
import { appendLedger, decisionEntry } from '../write/ledger.js';
import { deployCandidate } from '../write/deploy.js';
import { EXIT, type Io, type Outcome, type ProjectFlags } from './io.js';

export interface PromoteFlags extends ProjectFlags {
  readonly minScore?: number;
  readonly maxRegression?: number;
  readonly dryRun?: boolean;
}

export async function promoteCommand(flags: PromoteFlags, io: Io): Promise<Outcome> {
  const config = await loadConfig(flags, io.cwd, io.env);
  const now = clockFrom(io.env);
  const report = await collect(config, now);
  const result = decide(report, { maxRegression: flags.maxRegression });
  if (!flags.dryRun) {
    if (result.decision === 'promoted') {
      // the candidate's file as it is (Python's NaN included), with the deployment time added
      const metrics = await readMetricsObject(config.candidateMetrics, displayPath(config, config.candidateMetrics));
      await deployCandidate(config, `${stringifyJsonLenient({ ...metrics, deployed_at: now.toISOString() })}\n`);
    }
    await appendLedger(config.out, decisionEntry(report, result.decision, now));
  }
  if (io.env.GITHUB_OUTPUT)
    await appendFile(io.env.GITHUB_OUTPUT, `decision=${result.decision}\nscore=${result.score}\n`);
  const what =
    result.decision === 'promoted'
      ? `${flags.dryRun ? 'would promote' : 'promoted'} the candidate`
      : `${flags.dryRun ? 'would keep' : 'kept'} production`;
  if (!flags.quiet) io.stdout(`mlops-report: ${what}: ${result.reasons.join('; ')}\n`);
  return {
    code: result.decision === 'promoted' ? EXIT.OK : EXIT.GATE,
    detail: `${result.decision} score=${result.score}${flags.dryRun ? ' dry-run' : ''}`,
  };
}

/**
 * `mlops-report promote`: the deployment gate. It decides by the rules the report shows
 * (the candidate's score against the bar, and optionally no core metric worse than
 * production by more than a tolerance), then replaces the production model and metrics
 * with the candidate's, each by a rename, and records the decision in the ledger.
 */
import fse from 'fs-extra';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Config } from '../../config/load.js';
import { ReportError, fromFsError } from '../../errors.js';
import { LEDGER } from '../history.js';
import type { ReportData } from '../../report-data.js';
import { appendLedger } from '../../write/report.js';

export interface PromoteOptions {
  /** Largest drop, in points (0–100), any core metric may show against production. */
  readonly maxRegression?: number | undefined;
  readonly dryRun: boolean;
}

export interface PromoteResult {
  readonly decision: 'promoted' | 'kept';
  readonly score: number;
  readonly min_score: number;
  readonly reasons: string[];
  readonly dry_run: boolean;
}

/** The decision, from the comparison the report computed. Pure. */
export function decide(report: ReportData, opts: PromoteOptions): Omit<PromoteResult, 'dry_run'> {
  const c = report.comparison;
  if (!c) {
    throw new ReportError('INPUT_MISSING', 'no candidate to promote: the candidate model or its metrics are missing', {
      hint: 'train the candidate first (models/candidate_model.pkl and models/candidate_metrics.json)',
    });
  }
  const reasons: string[] = [];
  let ok = c.candidate_clears_bar;
  reasons.push(`score ${c.candidate_score}/100 ${ok ? '≥' : '<'} bar ${c.min_score}/100`);
  if (opts.maxRegression !== undefined) {
    const worse = c.rows.filter(
      (r) => r.core && r.winner === 'production' && r.delta !== null && Math.abs(r.delta) * 100 > opts.maxRegression!,
    );
    for (const r of worse)
      reasons.push(
        `${r.metric} falls ${Math.round(Math.abs(r.delta!) * 1000) / 10} points, more than the ${opts.maxRegression} allowed`,
      );
    if (worse.length > 0) ok = false;
  }
  return { decision: ok ? 'promoted' : 'kept', score: c.candidate_score, min_score: c.min_score, reasons };
}

async function writeBeside(target: string, data: string | Uint8Array): Promise<string> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  await fse.writeFile(tmp, data, { flag: 'wx' });
  return tmp;
}

/** Decides and, unless dry-run, promotes. */
export async function promote(
  config: Config,
  report: ReportData,
  now: Date,
  opts: PromoteOptions,
): Promise<PromoteResult> {
  const verdict = decide(report, opts);
  const result: PromoteResult = { ...verdict, dry_run: opts.dryRun };
  if (opts.dryRun) return result;
  const metricsText = await fse.readFile(config.candidateMetrics, 'utf8');
  const stamped = { ...(JSON.parse(metricsText) as Record<string, unknown>), deployed_at: now.toISOString() };
  if (verdict.decision === 'promoted') {
    // write both first, then rename: a failure leaves production as it was
    const temps: [string, string][] = [];
    try {
      temps.push([
        await writeBeside(config.productionModel, await fse.readFile(config.candidateModel)),
        config.productionModel,
      ]);
      temps.push([
        await writeBeside(config.productionMetrics, `${JSON.stringify(stamped, null, 2)}\n`),
        config.productionMetrics,
      ]);
      for (const [tmp, target] of temps) await fse.rename(tmp, target);
    } catch (e) {
      await Promise.all(temps.map(([tmp]) => fse.remove(tmp)));
      throw fromFsError(e, config.modelsDir, {
        code: 'OUTPUT_FAILED',
        missing: null,
        action: 'replace the production model',
        hint: 'check that the models folder is writable',
      });
    }
  }
  await fse.ensureDir(config.out);
  await appendLedger(config.out, LEDGER, {
    at: now.toISOString(),
    event: verdict.decision,
    model_sha256: report.candidate?.sha256 ?? null,
    commit: report.environment.commit,
    metrics: verdict.decision === 'promoted' ? stamped : { ...stamped, deployed_at: null },
  });
  return result;
}

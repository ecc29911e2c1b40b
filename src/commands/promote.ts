/** `mlops-report promote`: the deployment gate, with step outputs for GitHub Actions. */
import { appendFile } from 'node:fs/promises';
import { clockFrom } from '../config/clock.js';
import { loadConfig } from '../config/load.js';
import { collect } from '../collect/index.js';
import { promote } from '../collect/compare/decision.js';
import { EXIT, type Io, type ProjectFlags } from './io.js';

export interface PromoteFlags extends ProjectFlags {
  readonly minScore?: number;
  readonly maxRegression?: number;
  readonly dryRun?: boolean;
}

export async function promoteCommand(flags: PromoteFlags, io: Io): Promise<{ code: number; detail: string }> {
  const config = await loadConfig(flags, io.cwd, io.env);
  const now = clockFrom(io.env);
  const report = await collect(config, now);
  const result = await promote(config, report, now, {
    maxRegression: flags.maxRegression,
    dryRun: flags.dryRun === true,
  });
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

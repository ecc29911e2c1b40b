/** `mlops-report model | stats | comparison`: the old dashboard's JSON API on stdout. */
import { apiComparison, apiModel, apiStats } from '../render/api-json.js';
import { clockFrom } from '../config/clock.js';
import { loadConfig } from '../config/load.js';
import { collect } from '../collect/index.js';
import { EXIT, type Io, type ProjectFlags } from './io.js';

export const API = { model: apiModel, stats: apiStats, comparison: apiComparison } as const;

export async function printApi(
  which: keyof typeof API,
  flags: ProjectFlags,
  io: Io,
): Promise<{ code: number; detail: string }> {
  const report = await collect(await loadConfig(flags, io.cwd, io.env), clockFrom(io.env));
  io.stdout(`${JSON.stringify(API[which](report), null, 2)}\n`);
  return { code: EXIT.OK, detail: which };
}

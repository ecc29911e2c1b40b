/** `mlops-report model | stats | comparison`: the old dashboard's JSON API on stdout. */
import { collect, type Needs } from '../collect/index.js';
import { clockFrom } from '../config/clock.js';
import { loadConfig } from '../config/load.js';
import { API, type ApiName } from '../render/api-json.js';
import { jsonText } from '../render/terminal.js';
import { EXIT, type Io, type Outcome, type ProjectFlags } from './io.js';

/** What each endpoint reads: /api/stats needs no models folder, /api/model and /api/comparison no data file. */
const NEEDS: Readonly<Record<ApiName, Needs>> = {
  model: { models: 'required', data: false },
  comparison: { models: 'required', data: false },
  stats: { models: 'optional', data: true },
};

export async function printApi(which: ApiName, flags: ProjectFlags, io: Io): Promise<Outcome> {
  const config = await loadConfig(flags, io.cwd, io.env);
  const report = await collect(config, clockFrom(io.env), { needs: NEEDS[which] });
  io.stdout(jsonText(API[which](report), config.limits.maxOutputBytes));
  return { code: EXIT.OK, detail: which };
}

/** `mlops-report inspect FILE...`: each model file summarised, as text or JSON; one bad file does not stop the others. */
import { resolve } from 'node:path';
import { inspectFile, verdictAtLeast } from '../collect/model.js';
import { DEFAULT_PICKLE_LIMITS } from '../collect/pickle/index.js';
import { formatInspection } from '../render/inspect-text.js';
import type { ImportVerdict } from '../report-data.js';
import { EXIT, type Io, type Outcome } from './io.js';

export interface InspectFlags {
  readonly json?: boolean;
  readonly failOn?: ImportVerdict;
}

export async function inspectCommand(files: readonly string[], flags: InspectFlags, io: Io): Promise<Outcome> {
  const results = [];
  for (const f of files) results.push(await inspectFile(resolve(io.cwd, f), f, DEFAULT_PICKLE_LIMITS));
  if (flags.json) io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  else {
    // a summary is the output; a file that could not be read is an error, said where errors go
    const read = results.filter((r) => !('error' in r));
    if (read.length) io.stdout(read.map(formatInspection).join('\n'));
    for (const r of results)
      if ('error' in r)
        io.stderr(`mlops-report: ${r.error.message}\n${r.error.hint ? `  hint: ${r.error.hint}\n` : ''}`);
  }
  const detail = `${files.length} file(s)`;
  if (results.some((r) => 'error' in r)) return { code: EXIT.USER, detail };
  const level = flags.failOn;
  const failing = level
    ? results.filter((r) => 'inspection' in r && verdictAtLeast(r.inspection.safety.verdict, level))
    : [];
  if (failing.length > 0) {
    io.stderr(`mlops-report: ${failing.map((r) => r.file).join(', ')}: safety verdict at or above "${level}"\n`);
    return { code: EXIT.GATE, detail };
  }
  return { code: EXIT.OK, detail };
}

/** `mlops-report inspect FILE...`: each model file summarised, as text or JSON; one bad file does not stop the others. */
import { resolve } from 'node:path';
import { inspectFile, verdictAtLeast } from '../collect/model.js';
import { pickleLimits, safetyAllow } from '../collect/read-options.js';
import { loadConfig } from '../config/load.js';
import { formatInspection } from '../render/inspect-text.js';
import { jsonText, termText } from '../render/terminal.js';
import type { ImportVerdict } from '../report-data.js';
import { EXIT, type Io, type Outcome } from './io.js';

export interface InspectFlags {
  readonly json?: boolean;
  readonly failOn?: ImportVerdict;
}

export async function inspectCommand(files: readonly string[], flags: InspectFlags, io: Io): Promise<Outcome> {
  // limits.* and safety.allow of mlops-report.config.json in the current folder, when there is one
  const config = await loadConfig({}, io.cwd, io.env);
  const allow = safetyAllow(config);
  const results = [];
  for (const f of files) results.push(await inspectFile(resolve(io.cwd, f), f, pickleLimits(config), allow));
  if (flags.json) io.stdout(jsonText(results, config.limits.maxOutputBytes));
  else {
    // a summary is the output; a file that could not be read is an error, said where errors go
    const read = results.filter((r) => !('error' in r));
    if (read.length) io.stdout(read.map(formatInspection).join('\n'));
    for (const r of results)
      if ('error' in r)
        io.stderr(
          `mlops-report: ${termText(r.error.message, 2000)}\n${r.error.hint ? `  hint: ${termText(r.error.hint, 2000)}\n` : ''}`,
        );
  }
  const detail = `${files.length} file(s)`;
  if (results.some((r) => 'error' in r)) return { code: EXIT.USER, detail };
  const level = flags.failOn;
  const failing = level
    ? results.filter((r) => 'inspection' in r && verdictAtLeast(r.inspection.safety.verdict, level))
    : [];
  if (failing.length > 0) {
    io.stderr(
      `mlops-report: ${termText(failing.map((r) => r.file).join(', '), 2000)}: safety verdict at or above "${level}"\n`,
    );
    return { code: EXIT.GATE, detail };
  }
  return { code: EXIT.OK, detail };
}

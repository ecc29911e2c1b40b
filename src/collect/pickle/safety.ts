/**
 * The safety verdict of a file: each import judged by its exact name (judge.ts), a
 * conditional import by what its rule concluded where the file used it, and the machine's
 * findings; the file's verdict is the worst of them all.
 */
import type { ImportCheck, ImportVerdict, SafetyFinding, SafetyReport } from '../../report-data.js';
import { NO_EXTRA_ALLOW, judgeGlobal, type ExtraAllow } from './judge.js';
import { SafetyLog } from './safety-log.js';

const RANK: Readonly<Record<ImportVerdict, number>> = { safe: 0, unknown: 1, dangerous: 2 };

const worst = (verdicts: Iterable<ImportVerdict>): ImportVerdict => {
  let w: ImportVerdict = 'safe';
  for (const v of verdicts) if (RANK[v] > RANK[w]) w = v;
  return w;
};

/** Judges what one read of a pickle recorded. */
export function judgeFile(log: SafetyLog, extra: ExtraAllow = NO_EXTRA_ALLOW): SafetyReport {
  const imports: ImportCheck[] = [];
  for (const [k, u] of log.imports) {
    const name = `${u.module}.${u.name}`;
    const j = judgeGlobal(u.module, u.name, extra);
    const o = log.outcomes.get(k);
    // The pickle.load view of a genuine joblib file misreads its nested pickles: their memo
    // indices point into the outer file's memo, so Python asks for names like
    // `LabelEncoder.dtype` and stops (no such module). Only a name that could do harm there
    // counts; an unknown one would be a false alarm on every such file.
    if (log.plainOnly.has(k) && j.verdict === 'unknown') continue;
    if (j.verdict !== 'conditional') {
      imports.push({ name, count: u.count, verdict: j.verdict, reason: j.reason, detail: null });
      continue;
    }
    // never used in a way its rule checks (a class never built, a function never called): nothing ran
    imports.push({
      name,
      count: u.count,
      verdict: o?.verdict ?? 'safe',
      reason: o?.reason ?? 'rule-held',
      detail: o?.detail ?? null,
    });
  }
  imports.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const findings: SafetyFinding[] = [...log.findings].map(([reason, f]) => ({
    reason,
    verdict: 'dangerous',
    count: f.count,
    offset: f.offset,
  }));
  return {
    verdict: worst([...imports.map((i) => i.verdict), ...findings.map((f) => f.verdict)]),
    imports,
    findings,
  };
}

/** Judges bare `module.name` strings (the last dot splits them), for callers without a log. */
export function checkImports(names: ReadonlyMap<string, number>, extra: ExtraAllow = NO_EXTRA_ALLOW): SafetyReport {
  const log = new SafetyLog();
  for (const [n, count] of names) {
    const dot = n.lastIndexOf('.');
    log.imports.get(log.import(n.slice(0, dot), n.slice(dot + 1)))!.count = count;
  }
  return judgeFile(log, extra);
}

/**
 * What one read of a pickle records for the verdict: every global it imports (by exact
 * module and name), what the conditional rules concluded each time such a global was
 * used, and what the machine saw beyond imports (calls of computed values).
 */
import type { FindingReason, ImportReason, ImportVerdict } from '../../report-data.js';
import { key } from './lists.js';

export interface ImportUse {
  readonly module: string;
  readonly name: string;
  count: number;
}

/** A conditional rule's conclusion for one use of a global. */
export interface RuleOutcome {
  readonly verdict: ImportVerdict;
  readonly reason: ImportReason;
  /** Text from the file the outcome is about (a resolved name, a companion path), or null. */
  readonly detail: string | null;
}

const RANK: Readonly<Record<ImportVerdict, number>> = { safe: 0, unknown: 1, dangerous: 2 };

export class SafetyLog {
  /** By key(module, name), in order of first use. */
  readonly imports = new Map<string, ImportUse>();
  /** The worst rule outcome per import key. */
  readonly outcomes = new Map<string, RuleOutcome>();
  readonly findings = new Map<FindingReason, { count: number; offset: number }>();
  /** Imports only the pickle.load view of a joblib file saw (absorb): judged by the denylist and rules only. */
  readonly plainOnly = new Set<string>();

  /** Records a reference to module.name; returns its key. */
  import(module: string, name: string): string {
    const k = key(module, name);
    const seen = this.imports.get(k);
    if (seen) seen.count++;
    else this.imports.set(k, { module, name, count: 1 });
    return k;
  }

  /** Records a rule outcome for the import `k`; the worst one is kept. */
  outcome(k: string, o: RuleOutcome): void {
    const prev = this.outcomes.get(k);
    if (!prev || RANK[o.verdict] > RANK[prev.verdict]) this.outcomes.set(k, o);
  }

  finding(reason: FindingReason, offset: number): void {
    const f = this.findings.get(reason);
    if (f) f.count++;
    else this.findings.set(reason, { count: 1, offset });
  }

  /** `module.name` → count, the form PickleLoadError and the tests read. */
  names(): Map<string, number> {
    const out = new Map<string, number>();
    for (const u of this.imports.values()) {
      const n = `${u.module}.${u.name}`;
      out.set(n, (out.get(n) ?? 0) + u.count);
    }
    return out;
  }

  /** Adds what `other` (a second view of the same bytes) saw that this log did not. */
  absorb(other: SafetyLog): void {
    for (const [k, u] of other.imports)
      if (!this.imports.has(k)) {
        this.imports.set(k, { ...u });
        this.plainOnly.add(k);
      }
    for (const [k, o] of other.outcomes) this.outcome(k, o);
    for (const [r, f] of other.findings) if (!this.findings.has(r)) this.findings.set(r, { ...f });
  }
}

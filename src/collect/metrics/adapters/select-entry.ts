/**
 * Which model's entry to report when a file holds several. Rule, first that applies:
 *  1. a role (champion, production, … for production; challenger, candidate, … for the
 *     candidate) in a role column or in the entry's name ("Champion Model"); the production
 *     role is wanted unless the caller asks for the candidate;
 *  2. the file's own best_model (or best, selected_model, …) name;
 *  3. a name that matches the model being reported (its file stem or class, ctx.modelHints):
 *     equal words first, then the entry with the fewest extra words;
 *  4. the best value of the headline metric: f1, else accuracy, else roc_auc (higher is
 *     better), else r2 (higher), rmse, mae (lower); ties go to the first entry in the file.
 */
import type { Why } from '../../../report-data.js';
import { why } from '../../why.js';
import { nameWords } from './metric-names.js';
import type { AdapterContext, AdapterMatch, MetricKey, ModelEntry, ModelSelection } from './types.js';

export interface Entry {
  readonly name: string;
  readonly match: AdapterMatch;
  readonly role: string | null;
}

const PRODUCTION_ROLE = ['champion', 'production', 'prod', 'deployed', 'current', 'live'];
const CANDIDATE_ROLE = ['challenger', 'candidate', 'staging', 'new'];
/** The metrics that rank models, first present decides: also how discovery ranks MLflow runs. */
export const HEADLINE: readonly { key: MetricKey; higher: boolean }[] = [
  { key: 'f1', higher: true },
  { key: 'accuracy', higher: true },
  { key: 'roc_auc', higher: true },
  { key: 'r2', higher: true },
  { key: 'rmse', higher: false },
  { key: 'mae', higher: false },
];

const roleWords = (e: Entry): string[] => [...nameWords(e.role ?? ''), ...nameWords(e.name)];

/** The entry whose role words come first in `wanted` (challenger before candidate). */
function byRole(entries: readonly Entry[], wanted: readonly string[]): Entry | null {
  for (const w of wanted) {
    const hit = entries.find((e) => roleWords(e).includes(w));
    if (hit) return hit;
  }
  return null;
}

/**
 * The item whose name matches `name`: equal words first, else one side's words all in the
 * other's (or the same letters run together: "decisiontree" ~ "Decision Tree"), fewest extra
 * words first. Null when none matches.
 */
export function matchName<T>(items: readonly T[], nameOf: (t: T) => string, name: string): T | null {
  const want = nameWords(name);
  if (want.length === 0) return null;
  const key = (ws: string[]): string => ws.join(' ');
  const equal = items.find((e) => key(nameWords(nameOf(e))) === key(want) || nameOf(e) === name);
  if (equal !== undefined) return equal;
  const joined = want.join('');
  const close = items
    .map((e) => ({ e, w: nameWords(nameOf(e)) }))
    .filter(
      ({ w }) =>
        w.length > 0 && (w.every((x) => want.includes(x)) || want.every((x) => w.includes(x)) || w.join('') === joined),
    )
    .sort((a, b) => Math.abs(a.w.length - want.length) - Math.abs(b.w.length - want.length));
  return close[0]?.e ?? null;
}

const byName = (entries: readonly Entry[], name: string): Entry | null => matchName(entries, (e) => e.name, name);

function byHeadline(entries: readonly Entry[]): { entry: Entry; why: Why } | null {
  for (const { key, higher } of HEADLINE) {
    const scored = entries.filter((e) => e.match.metrics[key] !== undefined);
    if (scored.length === 0) continue;
    const best = scored.reduce((a, b) =>
      (higher ? b.match.metrics[key]! > a.match.metrics[key]! : b.match.metrics[key]! < a.match.metrics[key]!) ? b : a,
    );
    const values = { metric: key, value: best.match.metrics[key]!, count: entries.length };
    return { entry: best, why: why(higher ? 'entry_highest' : 'entry_lowest', values) };
  }
  return null;
}

/** Picks one entry and says why; null only for an empty list. */
export function selectEntry(
  entries: readonly Entry[],
  ctx: AdapterContext,
  bestName: string | null,
  bestKey: string | null,
): { entry: Entry; selection: ModelSelection } | null {
  if (entries.length === 0) return null;
  const candidateRole = byRole(entries, CANDIDATE_ROLE);
  let entry: Entry | null;
  let reason: Why = why('entry_first');
  const role = ctx.role ?? 'production';
  entry = byRole(entries, role === 'production' ? PRODUCTION_ROLE : CANDIDATE_ROLE);
  if (entry) reason = why('entry_role', { role: entry.role ?? entry.name, model: role });
  if (!entry && bestName !== null) {
    entry = byName(entries, bestName);
    if (entry) reason = why('entry_best_key', { key: bestKey });
  }
  for (const hint of ctx.modelHints ?? []) {
    if (entry) break;
    entry = byName(entries, hint);
    if (entry) reason = why('entry_name_match', { hint });
  }
  if (!entry) {
    const best = byHeadline(entries);
    entry = best?.entry ?? entries[0]!;
    if (best)
      reason =
        bestName !== null
          ? why('entry_best_missing', { key: bestKey, name: bestName, then: best.why })
          : why('entry_no_best_key', { then: best.why });
  }
  const list: ModelEntry[] = entries.map((e) => ({ name: e.name, metrics: e.match.metrics, role: e.role }));
  return {
    entry,
    selection: {
      chosen: entry.name,
      reason,
      entries: list,
      candidate: candidateRole && candidateRole !== entry ? candidateRole.name : null,
    },
  };
}

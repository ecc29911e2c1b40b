/**
 * Plain text: "Accuracy: 0.84, F1 Score: 0.71", "F1-Score of Testing is : 61.82%",
 * "rmse = 3.2". Every "name [is] : value[%]" pair whose name ends in a known metric counts;
 * a % sign divides by 100. When a metric appears on several lines the last line wins (logs
 * append), and a note says how many lines there were.
 */
import { why } from '../../why.js';
import { addCandidate, finish, newDraft } from './draft.js';
import { parseMetricPhrase } from './metric-names.js';
import type { AdapterContext, AdapterMatch } from './types.js';

const PAIR = /([A-Za-z][A-Za-z0-9 _\-()/]{0,60}?)\s*[:=]\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(%?)/g;

export function adaptText(text: string, ctx: AdapterContext): AdapterMatch | null {
  const draft = newDraft();
  let lines = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    let hit = false;
    for (const m of line.matchAll(PAIR)) {
      const name = parseMetricPhrase(m[1]!);
      if (!name.metric) continue;
      const value = Number(m[2]);
      const percent = m[3] === '%' || name.percent;
      const previous = draft.candidates.findIndex((c) => c.metric === name.metric && c.split === name.split);
      if (previous >= 0) draft.candidates.splice(previous, 1);
      addCandidate(draft, {
        metric: name.metric,
        value,
        key: `line ${i + 1}: ${m[1]!.trim()}`,
        split: name.split,
        variant: name.variant,
        percent,
      });
      hit = true;
    }
    if (hit) lines++;
  });
  if (lines > 1) draft.notes.push(why('note_text_lines', { lines }));
  return finish(draft, ctx, { shape: 'text' });
}

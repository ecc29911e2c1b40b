/**
 * The report's Inputs block (ReportData.inputs): what was read for each role, where it came
 * from and why; what else discovery considered; what to pull; discovery's notes. Pure.
 */
import type { InputChoice, InputRole, Inputs, Why } from '../report-data.js';
import type { LabelChoice } from './dataset/label.js';
import type { FileSource, MetricsSource, Resolved } from './inputs.js';

const choice = (role: InputRole, s: FileSource | MetricsSource | null): InputChoice => ({
  role,
  value: s?.label ?? null,
  source: s?.source ?? null,
  reason: s?.reason ?? null,
});

const sameWhy = (a: Why, b: Why): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The Inputs block from the resolved inputs and the label column chosen. */
export function inputsBlock(r: Resolved, label: LabelChoice | null): Inputs {
  const chosen: InputChoice[] = [
    choice('production_model', r.production),
    choice('candidate_model', r.candidate),
    choice('production_metrics', r.productionMetrics),
    choice('candidate_metrics', r.candidateMetrics),
    choice('data', r.data),
    {
      role: 'label_column',
      value: label?.column ?? null,
      source: label?.source ?? null,
      reason: label?.reason ?? null,
    },
  ];
  const used = new Set(chosen.map((c) => c.value));
  const d = r.discovery;
  const alternatives: Inputs['alternatives'] = d
    ? [
        ...d.models.map((m) => ({ kind: 'model' as const, path: m.path, reason: m.reason })),
        ...d.metrics.map((m) => ({ kind: 'metrics' as const, path: m.path, reason: m.reason })),
        ...d.dataFiles.map((f) => ({ kind: 'data' as const, path: f.path, reason: f.reason })),
      ].filter((a) => !used.has(a.path))
    : [];
  const hints: Why[] = [...(d?.hints.map((h) => h.why) ?? [])];
  for (const s of [r.production, r.candidate, r.data])
    if (s?.pull && !hints.some((h) => sameWhy(h, s.pull!))) hints.push(s.pull);
  return {
    discovered: d !== null,
    chosen,
    alternatives: alternatives.sort((a, b) => a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path)),
    hints,
    notes: [...(d?.notes ?? [])],
  };
}

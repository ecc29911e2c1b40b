/**
 * One entry of a bigger shape (a split, a model, the last log line): read as a classification
 * report when it is one, else as flat metrics; then relabelled with the outer shape.
 */
import { addReport, readReport } from './classification-report.js';
import { finish, newDraft } from './draft.js';
import { readFlat } from './flat.js';
import type { Why } from '../../../report-data.js';
import type { AdapterContext, AdapterMatch, ModelSelection, ShapeCode, SplitInfo } from './types.js';

/**
 * The inner reading of `value`, with key paths under `path`; null when it holds no metric.
 * The split hint is held back: wrap() applies it only if neither the entry's keys nor the
 * outer shape say a split.
 */
export function readEntry(value: unknown, outerCtx: AdapterContext, path: string): AdapterMatch | null {
  const ctx: AdapterContext = { ...outerCtx, splitHint: null };
  const report = readReport(value);
  if (report && (report.weighted || report.macro)) {
    const draft = newDraft();
    addReport(draft, report, path);
    return finish(draft, ctx, { shape: 'classification-report' });
  }
  return readFlat(value, ctx, path);
}

export interface Outer {
  readonly shape: ShapeCode;
  readonly split?: SplitInfo;
  readonly model?: ModelSelection;
  readonly notes?: readonly Why[];
}

/** The inner match seen from the outer shape: its shape first in `via`, its notes in front. */
export function wrap(inner: AdapterMatch, o: Outer, ctx: AdapterContext): AdapterMatch {
  return {
    ...inner,
    shape: o.shape,
    via: [o.shape, ...inner.via],
    split: inner.split.name !== null ? inner.split : (o.split ?? ctx.splitHint ?? inner.split),
    model: o.model ?? inner.model,
    notes: [...(o.notes ?? []), ...inner.notes],
  };
}

/** The Inputs block: what was read, from where and why; how each metrics file was read; what to pull (partials/inputs.hbs). */
import type { ModelMetrics, ReportData } from '../../../report-data.js';
import { isMessageKey, whyText } from '../../i18n/index.js';
import type { Ctx } from './context.js';

export interface InputsView {
  readonly intro: string;
  readonly task: string;
  readonly rows: {
    readonly role: string;
    readonly value: string;
    readonly found: boolean;
    readonly source: string;
    readonly reason: string;
  }[];
  /** One entry per metrics file read: its shape, then the entry, split, averaging and notes. */
  readonly read: { readonly file: string; readonly shape: string; readonly lines: string[] }[];
  readonly hints: string[];
  readonly alternatives_title: string;
  readonly alternatives: { readonly kind: string; readonly path: string; readonly reason: string }[];
  readonly notes: string[];
}

const variantWord = (c: Ctx, name: string | null): string => {
  const key = `variant.${name ?? 'unknown'}`;
  return isMessageKey(key) ? c.t(key) : (name ?? '');
};

function readLines(m: ModelMetrics, c: Ctx): InputsView['read'][number] {
  const { t } = c;
  const why = (w: Parameters<typeof whyText>[1]): string => whyText(c.lang, w);
  const shapes = m.shape_via.map((s) => t(`shape.${s}`)).join(' → ');
  return {
    file: m.path,
    shape: shapes,
    lines: [
      ...(m.entry
        ? [t('inputs.entry', { name: m.entry.name, count: m.entry.entries, reason: why(m.entry.reason) })]
        : []),
      t('inputs.split', { split: t(`split.${m.split.name ?? 'unknown'}`), reason: why(m.split.reason) }),
      ...(m.variant
        ? [t('inputs.variant', { variant: variantWord(c, m.variant.name), reason: why(m.variant.reason) })]
        : []),
      ...m.notes.map(why),
    ],
  };
}

export function inputsView(r: ReportData, c: Ctx): InputsView {
  const { t } = c;
  const i = r.inputs;
  return {
    intro: t(i.discovered ? 'inputs.discovered' : 'inputs.named'),
    task: t('inputs.task', { task: t(`task.${r.task.kind}`), reason: whyText(c.lang, r.task.reason) }),
    rows: i.chosen.map((x) => ({
      role: t(`inputs.role.${x.role}`),
      value: x.value ?? t('inputs.none'),
      found: x.value !== null,
      source: x.source ? t(`inputs.source.${x.source}`) : '',
      // "conventional path: the conventional path" would say it twice
      reason: x.reason && x.reason.code !== 'default_name' ? whyText(c.lang, x.reason) : '',
    })),
    read: [r.metrics, r.candidate_metrics].filter((m): m is ModelMetrics => m !== null).map((m) => readLines(m, c)),
    hints: i.hints.map((h) => whyText(c.lang, h)),
    alternatives_title: t('inputs.alternatives', { count: i.alternatives.length }),
    alternatives: i.alternatives.map((a) => ({
      kind: t(`inputs.kind.${a.kind}`),
      path: a.path,
      reason: whyText(c.lang, a.reason),
    })),
    notes: i.notes.map((n) => whyText(c.lang, n)),
  };
}

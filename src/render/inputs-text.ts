/** What `generate` and `init` print on stderr about the inputs: one line per input chosen, then what to pull. */
import type { Lang, ReportData } from '../report-data.js';
import { translate, whyText } from './i18n/index.js';

/**
 * One line per role (value, where it came from, why), then the pull hints, in `lang`.
 * `discoveredOnly`: only the inputs discovery chose (generate: what the user did not name).
 */
export function inputLines(r: ReportData, lang: Lang, discoveredOnly = false): string[] {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, unknown>): string =>
    translate(lang, key, values);
  const shown = discoveredOnly ? r.inputs.chosen.filter((c) => c.source === 'discovered') : r.inputs.chosen;
  const lines = shown.map((c) =>
    t(c.value === null ? 'inputs.line_none' : 'inputs.line', {
      role: t(`inputs.role.${c.role}`),
      value: c.value ?? '',
      source: c.source ? t(`inputs.source.${c.source}`) : '',
      reason: c.reason ? whyText(lang, c.reason) : '',
    }),
  );
  return [...lines, ...r.inputs.hints.map((h) => t('inputs.line_hint', { hint: whyText(lang, h) }))];
}

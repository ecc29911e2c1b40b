/**
 * `mlops-report inspect`'s text: one block per file, in English (like the rest of the CLI's
 * output). Every string that came from the file goes through termText (terminal.ts): a
 * class name holding a newline, ESC or `::error` prints as visible text, never as a new
 * line, a cursor move or a workflow command.
 */
import type { ImportReason, InspectResult } from '../report-data.js';
import { formatParam, formatPercent, formatSize } from './format.js';
import { translate } from './i18n/index.js';
import { termText } from './terminal.js';

const v = (s: unknown, max = 200): string => termText(String(s), max);

const list = (items: readonly unknown[], max = 12): string =>
  `${items
    .slice(0, max)
    .map((x) => v(x, 80))
    .join(', ')}${items.length > max ? `, … (${items.length - max} more)` : ''}`;

/** The human-readable summary of one result. */
export function formatInspection(r: InspectResult): string {
  const file = v(r.file, 400);
  if ('error' in r)
    return `${file}\n  error: ${v(r.error.message.replace(`${r.file}: `, ''), 2000)}\n${r.error.hint ? `  hint: ${v(r.error.hint, 2000)}\n` : ''}`;
  const i = r.inspection,
    e = i.estimator,
    s = i.safety;
  const lines = [file];
  lines.push(
    `  ${e ? `${v(e.class_name)} (${v(e.module)})${e.sklearn_version ? `, scikit-learn ${v(e.sklearn_version, 40)}` : ''}` : `not an estimator: ${v(i.root_type, 400)}`}`,
  );
  lines.push(
    `  ${i.format}, ${i.compression === 'none' ? 'uncompressed' : i.compression}, protocol ${i.protocol} · ${formatSize('en', r.size_bytes)} · sha256 ${r.sha256.slice(0, 16)}…`,
  );
  const flagged = s.imports.filter((x) => x.verdict !== 'safe');
  const why = (reason: ImportReason, detail: string | null): string =>
    `${translate('en', `safety.reason.${reason}`)}${detail === null ? '' : `: ${v(detail, 80)}`}`;
  lines.push(
    `  safety: ${s.verdict} (${s.imports.length} import${s.imports.length === 1 ? '' : 's'}${flagged.length ? `; ${flagged.length} flagged` : ''})`,
  );
  for (const x of flagged.slice(0, 20)) lines.push(`    ${x.verdict}: ${v(x.name)}: ${why(x.reason, x.detail)}`);
  if (flagged.length > 20) lines.push(`    … (${flagged.length - 20} more)`);
  for (const f of s.findings)
    lines.push(
      `    ${f.verdict}: ${translate('en', `safety.finding.${f.reason}`)} (${translate('en', 'safety.finding_at', { offset: f.offset, count: f.count })})`,
    );
  if (e) {
    const params = Object.entries(e.params).map(([k, x]) => `${v(k, 80)}=${v(formatParam(x), 120)}`);
    lines.push(
      `  params (${e.params_source === 'table' ? 'get_params' : 'public attributes'}): ${params.join(', ') || 'none'}`,
    );
    if (e.classes) lines.push(`  classes (${e.classes.length}): ${list(e.classes)}`);
    if (e.feature_names) lines.push(`  features (${e.feature_names.length}): ${list(e.feature_names)}`);
    else if (e.n_features_in !== null) lines.push(`  features: ${e.n_features_in}`);
    for (const c of e.components.slice(0, 50)) {
      const what =
        typeof c.estimator === 'string' || c.estimator === null ? String(c.estimator) : c.estimator.class_name;
      lines.push(
        `  ${v(c.role, 40)}: ${v(c.name, 80)} = ${v(what)}${c.columns === null ? '' : ` on ${v(JSON.stringify(c.columns), 200)}`}`,
      );
    }
    if (e.best_score !== null)
      lines.push(
        `  best_score_: ${v(String(e.best_score), 40)}; best_params_: ${v(JSON.stringify(e.best_params), 400)}`,
      );
  }
  if (i.feature_importances) {
    const top = i.feature_importances
      .flatMap((f) => (typeof f.value === 'number' ? [{ feature: f.feature, value: f.value }] : []))
      .sort((a, b) => b.value - a.value)
      .slice(0, 5);
    lines.push(
      `  top importances: ${top.map((f) => `${v(f.feature, 80)} ${formatPercent('en', f.value)}`).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `mlops-report inspect`'s text: one block per file, in English (like the rest of the CLI's output). */
import type { InspectResult } from '../report-data.js';
import { formatParam, formatPercent, formatSize } from './format.js';

const list = (items: readonly unknown[], max = 12): string =>
  `${items
    .slice(0, max)
    .map((x) => String(x))
    .join(', ')}${items.length > max ? `, … (${items.length - max} more)` : ''}`;

/** The human-readable summary of one result. */
export function formatInspection(r: InspectResult): string {
  if ('error' in r)
    return `${r.file}\n  error: ${r.error.message.replace(`${r.file}: `, '')}\n${r.error.hint ? `  hint: ${r.error.hint}\n` : ''}`;
  const i = r.inspection,
    e = i.estimator,
    s = i.safety;
  const lines = [r.file];
  lines.push(
    `  ${e ? `${e.class_name} (${e.module})${e.sklearn_version ? `, scikit-learn ${e.sklearn_version}` : ''}` : `not an estimator: ${i.root_type}`}`,
  );
  lines.push(
    `  ${i.format}, ${i.compression === 'none' ? 'uncompressed' : i.compression}, protocol ${i.protocol} · ${formatSize('en', r.size_bytes)} · sha256 ${r.sha256.slice(0, 16)}…`,
  );
  const flagged = s.imports.filter((x) => x.verdict !== 'safe');
  lines.push(
    `  safety: ${s.verdict} (${s.imports.length} import${s.imports.length === 1 ? '' : 's'}${flagged.length ? `; ${flagged.map((x) => `${x.name} ${x.verdict}`).join(', ')}` : ''})`,
  );
  if (e) {
    const params = Object.entries(e.params).map(([k, v]) => `${k}=${formatParam(v)}`);
    lines.push(
      `  params (${e.params_source === 'table' ? 'get_params' : 'public attributes'}): ${params.join(', ') || 'none'}`,
    );
    if (e.classes) lines.push(`  classes (${e.classes.length}): ${list(e.classes)}`);
    if (e.feature_names) lines.push(`  features (${e.feature_names.length}): ${list(e.feature_names)}`);
    else if (e.n_features_in !== null) lines.push(`  features: ${e.n_features_in}`);
    for (const c of e.components) {
      const what =
        typeof c.estimator === 'string' || c.estimator === null ? String(c.estimator) : c.estimator.class_name;
      lines.push(`  ${c.role}: ${c.name} = ${what}${c.columns === null ? '' : ` on ${JSON.stringify(c.columns)}`}`);
    }
    if (e.best_score !== null)
      lines.push(`  best_score_: ${String(e.best_score)}; best_params_: ${JSON.stringify(e.best_params)}`);
  }
  if (i.feature_importances) {
    const top = i.feature_importances
      .flatMap((f) => (typeof f.value === 'number' ? [{ feature: f.feature, value: f.value }] : []))
      .sort((a, b) => b.value - a.value)
      .slice(0, 5);
    lines.push(`  top importances: ${top.map((f) => `${f.feature} ${formatPercent('en', f.value)}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

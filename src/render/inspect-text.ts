/**
 * `mlops-report inspect FILE...`: what the safe reader finds in each model file, as text
 * or JSON. One bad file does not stop the others: its ReportError becomes its result.
 */
import { stat } from 'node:fs/promises';
import { readAndHash } from '../collect/file-hash.js';
import { ReportError, fromFsError } from '../errors.js';
import { companionsBeside, humanSize } from '../collect/model.js';
import { inspectPickle, type ImportVerdict, type ModelInspection, type PickleLimits } from '../collect/pickle/index.js';
import { formatParam } from './format.js';

export type InspectResult =
  | {
      readonly file: string;
      readonly size_bytes: number;
      readonly sha256: string;
      readonly inspection: ModelInspection;
    }
  | {
      readonly file: string;
      readonly error: { readonly code: string; readonly message: string; readonly hint: string | null };
    };

/** Reads and inspects one file; a user-fixable problem is returned, not thrown. */
export async function inspectFile(path: string, label: string, limits: PickleLimits): Promise<InspectResult> {
  try {
    const info = await stat(path).catch((e: unknown) => {
      throw fromFsError(e, label, { kind: 'model file' });
    });
    if (info.isDirectory()) throw fromFsError({ code: 'EISDIR' }, label, { kind: 'model file' });
    const { bytes, sha256 } = readAndHash(path, info.size);
    const inspection = inspectPickle(bytes, limits, label, companionsBeside(path));
    return { file: label, size_bytes: bytes.length, sha256: await sha256, inspection };
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    return { file: label, error: { code: e.code, message: e.message, hint: e.hint } };
  }
}

const RANK: Readonly<Record<ImportVerdict, number>> = { safe: 0, unknown: 1, dangerous: 2 };

/** True when the file's verdict is at least as bad as `level`. */
export function failsOn(result: InspectResult, level: ImportVerdict): boolean {
  return 'inspection' in result && RANK[result.inspection.safety.verdict] >= RANK[level];
}

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
    `  ${i.format}, ${i.compression === 'none' ? 'uncompressed' : i.compression}, protocol ${i.protocol} · ${humanSize(r.size_bytes)} · sha256 ${r.sha256.slice(0, 16)}…`,
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
    const top = [...i.feature_importances]
      .filter((f) => typeof f.value === 'number')
      .sort((a, b) => (b.value as number) - (a.value as number))
      .slice(0, 5);
    lines.push(
      `  top importances: ${top.map((f) => `${f.feature} ${((f.value as number) * 100).toFixed(1)}%`).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

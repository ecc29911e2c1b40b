#!/usr/bin/env node
// Reads the real-world model corpus (../shared/corpus: 47 files from public repositories,
// whose licences forbid copying them here) with the built reader and compares each with its
// ground truth: imports, the top-level class, parameters, classes_, n_features_in_,
// feature_names_in_. Exits 1 on any mismatch.  npm run build && node scripts/check-corpus.mjs [corpus dir]
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inspectPickle } from '../dist/collect/pickle/index.js';
import { companionsBeside } from '../dist/collect/model.js';

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus'));
if (!existsSync(join(dir, 'GROUND_TRUTH.jsonl'))) {
  console.log(`corpus: ${dir} not found; skipped`);
  process.exit(0);
}
const rows = readFileSync(join(dir, 'GROUND_TRUTH.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** Python repr-ish scalars in the static summary ("<class '__main__.x'>") are not comparable; plain values are. */
const plain = (v) =>
  v === null || (['number', 'string', 'boolean'].includes(typeof v) && !String(v).startsWith('<class'));

/** The ground truth's preview at one of our paths (`dict["a"]["b"]`, `list[0]`), or undefined. */
function valueAt(preview, path) {
  let v = preview;
  for (const m of path.matchAll(/\[(?:"((?:[^"\\]|\\.)*)"|(\d+))\]/g)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = m[1] !== undefined ? v[JSON.parse(`"${m[1]}"`)] : v[Number(m[2])];
  }
  return v;
}

let checked = 0;
let wrapped = 0;
let wrappedChecked = 0;
const problems = [];
for (const t of rows) {
  if (t.format.startsWith('npy') || t.format === 'empty') continue;
  const path = join(dir, 'files', t.file);
  const expectError = t.joblib_external_array_files.length > 0 && !existsSync(path.replace(/\.pkl$/, '.pkl_01.npy'));
  let r;
  try {
    r = inspectPickle(readFileSync(path), undefined, t.file, companionsBeside(path));
  } catch (e) {
    if (expectError && /companion files/.test(e.message)) {
      checked++;
      continue;
    }
    problems.push(`${t.file}: ${e.message}`);
    continue;
  }
  checked++;
  const seen = r.safety.imports.map((i) => i.name).sort();
  if (!same(seen, [...new Set(t.imports)].sort()))
    problems.push(`${t.file}: imports ${seen} ≠ ${[...new Set(t.imports)].sort()}`);
  for (const bad of t.disallowed_imports) {
    if (r.safety.imports.find((i) => i.name === bad)?.verdict === 'safe')
      problems.push(`${t.file}: ${bad} judged safe`);
  }
  const cls = t.top_level_class_static;
  const e = r.estimator;
  const w = r.wrapper;
  if (w) {
    // an estimator found inside a dict, list or custom class: the container is the top level,
    // and the estimator must be the one the ground truth shows at the same path
    const top = w.type === 'dict' ? ['builtins.dict'] : w.type === 'list' ? ['builtins.list', 'builtins.tuple'] : null;
    if (cls && (top ? !top.includes(cls) : !cls.endsWith(`.${w.type}`)))
      problems.push(`${t.file}: container ${w.type} ≠ ${cls}`);
    const inside = valueAt(t.static_summary?.value_preview, w.path);
    wrapped++;
    if (inside?.__estimator__) wrappedChecked++;
    if (e && inside?.__estimator__ && inside.__estimator__ !== `${e.module}.${e.class_name}`)
      problems.push(`${t.file}: ${w.path} is ${e.module}.${e.class_name} ≠ ${inside.__estimator__}`);
  } else if (cls && e && `${e.module}.${e.class_name}` !== cls)
    problems.push(`${t.file}: class ${e.module}.${e.class_name} ≠ ${cls}`);
  if (!e) continue;
  if (t.get_params && !w) {
    for (const [k, v] of Object.entries(t.get_params))
      if (plain(v) && !same(e.params[k], v))
        problems.push(`${t.file}: param ${k} ${JSON.stringify(e.params[k])} ≠ ${JSON.stringify(v)}`);
  }
  const s = t.static_summary ?? {};
  // the static scan names companion files instead of reading them; we read them
  for (const k of Object.keys(s)) if (s[k]?.__external_array_file__) delete s[k];
  if ('classes_' in s && !same(e.classes, s.classes_))
    problems.push(`${t.file}: classes ${JSON.stringify(e.classes)} ≠ ${JSON.stringify(s.classes_)}`);
  if ('n_features_in_' in s && e.n_features_in !== s.n_features_in_)
    problems.push(`${t.file}: n_features_in ${e.n_features_in} ≠ ${s.n_features_in_}`);
  if ('feature_names_in_' in s && !same(e.feature_names, s.feature_names_in_))
    problems.push(`${t.file}: feature names differ`);
}
console.log(
  `corpus: ${checked} model files read (${wrapped} wrapped in a container, ${wrappedChecked} of them checked at their path), ${problems.length} mismatches`,
);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);

/**
 * What file names mean: model and data extensions, helper files that are never "the
 * model", production/candidate words, folder preference, metrics-file names. Pure.
 */
import { words } from '../metrics/adapters/metric-names.js';

/** Pickle/joblib models, compressed variants included (model.pkl.gz, model.joblib.xz). */
export const MODEL_FILE = /\.(pkl|pickle|joblib|sav)(\.(gz|z|xz|bz2|lzma|lz4))?$/i;
export const DATA_FILE = /\.(csv|tsv|parquet|jsonl|ndjson)$/i;
const METRICS_EXT = /\.(json|ya?ml|txt|csv|tsv)$/i;

/** Folders never walked: tools, caches, environments, VCS (and .dvc, whose cache is probed by path). */
export const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  'venv',
  '.venv',
  'virtualenv',
  '__pycache__',
  '.dvc',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.ipynb_checkpoints',
  'site-packages',
  '.idea',
  '.vscode',
  '.trash',
]);

export const fileWords = (path: string): string[] =>
  words(
    path
      .split('/')
      .at(-1)!
      .replace(MODEL_FILE, '')
      .replace(/\.[a-z0-9]+$/i, ''),
  );
const dirs = (path: string): string[] => path.split('/').slice(0, -1);

/** Words that make a pickle a helper (scaler, encoder, feature list, …), never "the model". */
const AUX_WORDS = [
  'scaler',
  'scalers',
  'encoder',
  'encoders',
  'preprocessor',
  'preprocessors',
  'preprocessing',
  'vectorizer',
  'vectoriser',
  'tfidf',
  'tokenizer',
  'imputer',
  'feature',
  'features',
  'columns',
  'column',
  'label',
  'labels',
  'mapping',
  'mappings',
  'transformer',
  'pca',
  'selector',
  'vocab',
  'vocabulary',
  'schema',
  'threshold',
  'explainer',
  'shap',
  'normalizer',
  'binarizer',
  'metadata',
  'config',
  'stats',
];

/** The helper word in a model file's name, or null when it may be a model. */
export function auxiliaryWord(path: string): string | null {
  return fileWords(path).find((w) => AUX_WORDS.includes(w)) ?? null;
}

const PRODUCTION_WORDS = ['production', 'prod', 'champion', 'current', 'deployed', 'best', 'live'];
/** "best" says production less firmly than the role words: it ranks after them and a registry's marking. */
export const isBestWord = (word: string): boolean => word === 'best';
const CANDIDATE_STRONG = ['candidate', 'challenger', 'staging'];
const CANDIDATE_WEAK = ['new', 'latest'];

/** The role a file name claims, the word that says it, and whether the word is weak (new, latest). */
export function nameRole(path: string): { role: 'production' | 'candidate'; word: string; weak: boolean } | null {
  const w = fileWords(path);
  const prod = w.find((x) => PRODUCTION_WORDS.includes(x));
  if (prod) return { role: 'production', word: prod, weak: false };
  const strong = w.find((x) => CANDIDATE_STRONG.includes(x));
  if (strong) return { role: 'candidate', word: strong, weak: false };
  const weak = w.find((x) => CANDIDATE_WEAK.includes(x));
  return weak ? { role: 'candidate', word: weak, weak: true } : null;
}

const MODEL_DIRS: readonly [RegExp, string][] = [
  [/^(models|saved_models|trained_models)$/i, 'models/'],
  [/^model$/i, 'model/'],
  [/^artifacts?$/i, 'artifacts/'],
  [/^outputs?$/i, 'outputs/'],
];

/** Folder preference for models: models/ 0, model/ 1, artifacts/ 2, outputs/ 3, the root 4, elsewhere 5 (+ depth). */
export function modelFolderRank(path: string): { rank: number; label: string } {
  const d = dirs(path);
  if (d.length === 0) return { rank: 4, label: './' };
  const i = MODEL_DIRS.findIndex(([re]) => re.test(d[0]!));
  if (i >= 0) return { rank: i + d.length / 100, label: MODEL_DIRS[i]![1] };
  return { rank: 5 + d.length / 100, label: `${d.join('/')}/` };
}

export const isUnder = (path: string, dir: string): boolean => path.split('/').includes(dir);
export const isMlflowPath = (path: string): boolean => /(^|\/)(mlruns|mlartifacts)\//.test(path);

const METRICS_WORDS: readonly [string, number][] = [
  ['metrics', 0],
  ['metric', 0],
  ['scores', 1],
  ['score', 1],
  ['eval', 1],
  ['evaluation', 1],
  ['results', 1],
  ['result', 1],
  ['performance', 1],
  ['report', 2],
  ['comparison', 2],
  ['leaderboard', 2],
  ['metadata', 3],
];

/** How strongly a file name says "metrics" (0 strongest, 3 weakest), or null when it does not. */
export function metricsNameStrength(path: string): number | null {
  if (!METRICS_EXT.test(path) || isMlflowPath(path) || /(^|\/)dvclive\/plots\//.test(path)) return null;
  const w = fileWords(path);
  const hits = METRICS_WORDS.filter(([x]) => w.includes(x)).map(([, s]) => s);
  return hits.length ? Math.min(...hits) : null;
}

const NOT_DATA_WORDS = [
  'metrics',
  'metric',
  'results',
  'result',
  'importance',
  'importances',
  'comparison',
  'experiments',
  'experiment',
  'summary',
  'inventory',
  'distribution',
  'predictions',
  'prediction',
  'submission',
  'mapping',
  'schema',
  'columns',
  'chart',
  'stats',
  'history',
  'log',
  'scores',
  'report',
  'leaderboard',
];

/** A data file that may hold training rows (not a metrics table, a mapping or a log). */
export function isDataName(path: string): boolean {
  if (
    !DATA_FILE.test(path) ||
    isMlflowPath(path) ||
    isUnder(path, 'dvclive') ||
    isUnder(path, 'reports') ||
    isUnder(path, 'metrics')
  )
    return false;
  return !fileWords(path).some((w) => NOT_DATA_WORDS.includes(w));
}

/** Small text files the snapshot reads: DVC and LFS files, MLflow metadata, metrics candidates. */
export function wantsText(path: string, size: number): boolean {
  if (size > 2 * 1024 * 1024) return false;
  const name = path.split('/').at(-1)!;
  if (name === 'dvc.yaml' || name === 'dvc.lock' || name.endsWith('.dvc') || name === '.gitattributes') return true;
  if (isMlflowPath(path))
    return (
      /\/(meta\.yaml|MLmodel)$/.test(path) ||
      /\/(metrics|params|aliases)\/[^/]+$/.test(path) ||
      /\/tags\/mlflow\.runName$/.test(path)
    );
  return metricsNameStrength(path) !== null;
}

/** Files whose first bytes the snapshot reads (LFS pointer check, CSV header). */
export const wantsHead = (path: string): boolean => MODEL_FILE.test(path) || DATA_FILE.test(path);

/** A Git LFS pointer file's content (spec v1). */
export const isLfsPointer = (head: string | undefined): boolean =>
  head !== undefined && head.startsWith('version https://git-lfs.github.com/spec/v1');

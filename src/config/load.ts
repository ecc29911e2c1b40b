/**
 * Settings: defaults < mlops-report.config.json < command-line flags. The file is checked
 * by the strict schema of config/schema.ts, and every problem is reported at once, one
 * line each.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { z } from 'zod';
import { ReportError, fromFsError } from '../errors.js';
import { assertInside, readRegularFile } from '../input-file.js';
import { LANGS, type InputSource, type Lang, type RowNoun } from '../report-data.js';
import { configSchema, type FileConfig } from './schema.js';

export const CONFIG_FILE = 'mlops-report.config.json';

/** Flags the CLI passes; each overrides the file. */
export interface CliFlags {
  readonly root?: string | undefined;
  readonly config?: string | undefined;
  readonly modelsDir?: string | undefined;
  readonly data?: string | undefined;
  readonly out?: string | undefined;
  readonly lang?: string | undefined;
  readonly labelColumn?: string | undefined;
  /** promote --min-score: the deployment bar. */
  readonly minScore?: number | undefined;
  /** promote --max-regression: the largest fall of a core metric, in points. */
  readonly maxRegression?: number | undefined;
}

/** Resolved settings: every path absolute, every value set. */
export interface Config {
  readonly root: string;
  /** The config file used, or null when there was none. */
  readonly configFile: string | null;
  /** null when the config sets none: render words the default in the report's language. */
  readonly title: string | null;
  readonly lang: Lang;
  readonly modelsDir: string;
  readonly productionModel: string;
  readonly productionMetrics: string;
  readonly candidateModel: string;
  readonly candidateMetrics: string;
  /** Per-row predictions of both models (optional). */
  readonly predictions: string;
  readonly data: string;
  readonly out: string;
  readonly thresholds: { readonly excellent: number; readonly good: number };
  readonly minScore: number;
  /** Points: a change within ± this is a tie. */
  readonly tieEpsilon: number;
  /** Points: the largest fall a core metric may show. */
  readonly maxRegression: number;
  readonly lowerIsBetter: readonly string[];
  /** Points of F1. */
  readonly classTolerance: number;
  readonly blockOnClassRegression: boolean;
  readonly requireSignificantGain: boolean;
  readonly confidence: number;
  readonly scoreWeights: {
    readonly accuracy: number;
    readonly precision: number;
    readonly recall: number;
    readonly f1_score: number;
  };
  /** The label column; null: found in the data (collect/dataset/label.ts). */
  readonly labelColumn: string | null;
  /**
   * Which inputs the user named, and how: a named input is read from its path (or reported
   * missing there); an unnamed one is read from its conventional path when it exists, else
   * discovery finds it. modelsDir named: discovery looks for models only in it.
   */
  readonly named: {
    readonly [
      K in
        | 'modelsDir'
        | 'productionModel'
        | 'productionMetrics'
        | 'candidateModel'
        | 'candidateMetrics'
        | 'data'
        | 'labelColumn'
    ]: Exclude<InputSource, 'default' | 'discovered'> | null;
  };
  /** Deprecated config keys in use, for a notice. */
  readonly deprecated: readonly string[];
  readonly retrainThreshold: number;
  /** What a data row is called in the report (data_options.row_noun), or null for "row". */
  readonly rowNoun: RowNoun | null;
  /** Population stability index bands for the class-balance verdict. */
  readonly drift: { readonly moderate: number; readonly significant: number };
  readonly limits: Limits;
  /** safety.allow: globals (module.Name, module.*) the team's own models may import and stay safe. */
  readonly safetyAllow: readonly string[];
  /**
   * Which paths the command line named: those may point anywhere; paths from the config
   * file or the defaults must stay inside the root (README, "Safety").
   */
  readonly explicit: { readonly modelsDir: boolean; readonly data: boolean; readonly out: boolean };
  /** Link to the CI run that made the report (GitHub Actions), or null. */
  readonly runUrl: string | null;
}

/** limits.* of the config, each bounding one thing an input could blow up (README, "Safety"). */
export interface Limits {
  readonly maxModelBytes: number;
  readonly maxExpansionRatio: number;
  readonly maxLzmaDictionaryBytes: number;
  readonly maxPickleOps: number;
  readonly maxPickleItems: number;
  readonly maxContainerItems: number;
  readonly maxMemoEntries: number;
  readonly maxIntBytes: number;
  readonly maxTreeWork: number;
  readonly maxSummaryValues: number;
  readonly maxOutputBytes: number;
  readonly maxMetricsBytes: number;
  readonly maxMetricsDepth: number;
  readonly maxCsvLineBytes: number;
}

function limitsOf(l: FileConfig['limits']): Limits {
  return {
    maxModelBytes: l.max_model_bytes,
    maxExpansionRatio: l.max_expansion_ratio,
    maxLzmaDictionaryBytes: l.max_lzma_dictionary_bytes,
    maxPickleOps: l.max_pickle_ops,
    maxPickleItems: l.max_pickle_items,
    maxContainerItems: l.max_container_items,
    maxMemoEntries: l.max_memo_entries,
    maxIntBytes: l.max_int_bytes,
    maxTreeWork: l.max_tree_work,
    maxSummaryValues: l.max_summary_values,
    maxOutputBytes: l.max_output_bytes,
    maxMetricsBytes: l.max_metrics_bytes,
    maxMetricsDepth: l.max_metrics_depth,
    maxCsvLineBytes: l.max_csv_line_bytes,
  };
}

/** The defaults of every limit (inspect without a config file, tests). */
export const DEFAULT_LIMITS: Limits = limitsOf(configSchema.parse({}).limits);

/** The environment variables the tool reads (passed in: nothing below main touches process). */
export type Env = Readonly<Record<string, string | undefined>>;

/** GitHub Actions' run URL from its standard variables. */
export function runUrlFrom(env: Env): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  // only http(s): the link goes into the report's HTML
  return server && /^https?:\/\//.test(server) && repo && run ? `${server}/${repo}/actions/runs/${run}` : null;
}

function formatIssues(file: string, error: z.ZodError): string {
  const lines = error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  return `${file} is not a valid config:\n${lines.join('\n')}`;
}

/** Checks a parsed config file and fills in defaults; throws CONFIG_INVALID listing every problem. */
export function parseConfigFile(value: unknown, file: string): FileConfig {
  const r = configSchema.safeParse(value);
  if (!r.success) {
    throw new ReportError('CONFIG_INVALID', formatIssues(file, r.error), {
      hint: 'fix or remove the keys listed; see README, "Configuration"',
    });
  }
  return r.data;
}

/** 'flag' when the flag is given, 'config' when the file sets the key, else null. */
function namedBy(flag: unknown, raw: unknown, ...keys: string[]): 'flag' | 'config' | null {
  if (flag !== undefined) return 'flag';
  let v: unknown = raw;
  for (const k of keys) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v === undefined ? null : 'config';
}

/**
 * Applies the flags to a checked file and makes every path absolute (relative to the root).
 * `raw` is the file as written, to tell a key the user set from a default.
 */
export function resolveConfig(
  file: FileConfig,
  flags: CliFlags,
  root: string,
  configFile: string | null,
  env: Env = {},
  raw: unknown = {},
): Config {
  const at = (p: string, base = root): string => (isAbsolute(p) ? p : resolve(base, p));
  const lang = flags.lang ?? file.lang;
  if (!isLang(lang)) {
    throw new ReportError('CONFIG_INVALID', `--lang ${lang} is not supported`, {
      hint: `use one of: ${LANGS.join(', ')}`,
    });
  }
  const modelsDir = at(flags.modelsDir ?? file.models_dir);
  const { thresholds, models: m, deployment: d, data_options: o } = file;
  if (thresholds.good > thresholds.excellent) {
    throw new ReportError(
      'CONFIG_INVALID',
      `${configFile ?? 'config'}: thresholds.good (${thresholds.good}) is above thresholds.excellent (${thresholds.excellent})`,
      { hint: 'good must be at most excellent' },
    );
  }
  if (o.label_column && o.category_column && o.label_column !== o.category_column) {
    throw new ReportError(
      'CONFIG_INVALID',
      `${configFile ?? 'config'}: data_options.label_column (${o.label_column}) and data_options.category_column (${o.category_column}) differ`,
      { hint: 'keep label_column only: category_column is its old name' },
    );
  }
  const weights = file.score_weights;
  const sum = weights.accuracy + weights.precision + weights.recall + weights.f1_score;
  if (Math.abs(sum - 1) > 1e-9) {
    throw new ReportError('CONFIG_INVALID', `${configFile ?? 'config'}: score_weights add up to ${sum}, not 1`, {
      hint: 'make the four weights sum to 1',
    });
  }
  return {
    root,
    configFile,
    title: file.title ?? null,
    lang,
    modelsDir,
    productionModel: at(m.production_model, modelsDir),
    productionMetrics: at(m.production_metrics, modelsDir),
    candidateModel: at(m.candidate_model, modelsDir),
    candidateMetrics: at(m.candidate_metrics, modelsDir),
    predictions: at(m.predictions, modelsDir),
    data: at(flags.data ?? file.data),
    out: at(flags.out ?? file.out),
    thresholds,
    minScore: flags.minScore ?? d.min_score,
    tieEpsilon: d.tie_epsilon,
    maxRegression: flags.maxRegression ?? d.max_regression,
    lowerIsBetter: d.lower_is_better,
    classTolerance: d.class_regression_tolerance,
    blockOnClassRegression: d.block_on_class_regression,
    requireSignificantGain: d.require_significant_gain,
    confidence: d.confidence,
    scoreWeights: weights,
    labelColumn: flags.labelColumn ?? o.label_column ?? o.category_column ?? null,
    named: {
      modelsDir: namedBy(flags.modelsDir, raw, 'models_dir'),
      productionModel: namedBy(undefined, raw, 'models', 'production_model'),
      productionMetrics: namedBy(undefined, raw, 'models', 'production_metrics'),
      candidateModel: namedBy(undefined, raw, 'models', 'candidate_model'),
      candidateMetrics: namedBy(undefined, raw, 'models', 'candidate_metrics'),
      data: namedBy(flags.data, raw, 'data'),
      labelColumn:
        namedBy(flags.labelColumn, raw, 'data_options', 'label_column') ??
        namedBy(undefined, raw, 'data_options', 'category_column'),
    },
    deprecated: o.category_column !== undefined ? ['data_options.category_column'] : [],
    retrainThreshold: o.retrain_threshold,
    rowNoun: o.row_noun ?? null,
    drift: { moderate: o.drift_moderate, significant: o.drift_significant },
    limits: limitsOf(file.limits),
    safetyAllow: file.safety.allow,
    explicit: {
      modelsDir: flags.modelsDir !== undefined,
      data: flags.data !== undefined,
      out: flags.out !== undefined,
    },
    runUrl: runUrlFrom(env),
  };
}

const isLang = (s: string): s is Lang => (LANGS as readonly string[]).includes(s);

/**
 * Reads the config file (the --config path, else mlops-report.config.json in the root when
 * it exists) and resolves it with the flags. Paths in the file are relative to the root.
 */
export async function loadConfig(flags: CliFlags, cwd: string, env: Env = {}): Promise<Config> {
  const root = resolve(cwd, flags.root ?? '.');
  const explicit = flags.config !== undefined;
  const abs = resolve(root, flags.config ?? CONFIG_FILE);
  // messages name the file as the user would type it, relative to where they are
  const file = relative(cwd, abs) || abs;
  let text: string;
  try {
    // the default config is repository content: it must not lead outside the repository
    if (!explicit) await assertInside(abs, root, file);
    text = (await readRegularFile(abs, file, { maxBytes: 1 << 20 }, 'config file')).toString('utf8');
  } catch (e) {
    if (e instanceof ReportError) throw new ReportError('CONFIG_INVALID', e.message, { hint: e.hint ?? undefined });
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !explicit)
      return resolveConfig(parseConfigFile({}, file), flags, root, null, env);
    throw fromFsError(e, file, {
      missing: 'CONFIG_INVALID',
      code: 'CONFIG_INVALID',
      kind: 'config file',
      action: 'read the config file',
      missingHint: 'check the --config path',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8's message quotes the text around the error: keep only where it is
    const at = /at position (\d+)/.exec((e as Error).message)?.[1];
    throw new ReportError('CONFIG_INVALID', `${file}: not valid JSON${at === undefined ? '' : ` (at byte ${at})`}`, {
      hint: 'fix the JSON syntax',
    });
  }
  return resolveConfig(parseConfigFile(value, file), flags, root, abs, env, value);
}

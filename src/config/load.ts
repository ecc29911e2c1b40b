/**
 * Settings: defaults < mlops-report.config.json < command-line flags. The file is checked
 * by a strict schema (an unknown key is an error, so a typo never silently does nothing),
 * and every problem is reported at once, one line each.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';
import { ReportError, fromFsError } from '../errors.js';

export const CONFIG_FILE = 'mlops-report.config.json';
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

const fraction = z.number().min(0).max(1);

/** The config file's schema; also the shape of defaults. */
const rawConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  models_dir: z.string().min(1).optional(),
  data: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  lang: z.enum(LANGS).optional(),
  title: z.string().min(1).max(200).optional(),
  models: z
    .strictObject({
      production_model: z.string().min(1).optional(),
      production_metrics: z.string().min(1).optional(),
      candidate_model: z.string().min(1).optional(),
      candidate_metrics: z.string().min(1).optional(),
    })
    .optional(),
  thresholds: z
    .strictObject({
      excellent: fraction.optional(),
      good: fraction.optional(),
    })
    .optional(),
  deployment: z
    .strictObject({
      min_score: z.number().min(0).max(100).optional(),
      tie_epsilon: z.number().min(0).max(1).optional(),
      lower_is_better: z.array(z.string().min(1)).optional(),
      class_regression_tolerance: fraction.optional(),
    })
    .optional(),
  score_weights: z
    .strictObject({ accuracy: fraction, precision: fraction, recall: fraction, f1_score: fraction })
    .optional(),
  data_options: z
    .strictObject({
      category_column: z.string().min(1).optional(),
      retrain_threshold: z.number().int().min(1).optional(),
      drift_moderate: z.number().min(0).optional(),
      drift_significant: z.number().min(0).optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      max_model_bytes: z.number().int().min(1).optional(),
      max_pickle_ops: z.number().int().min(1).optional(),
    })
    .optional(),
});

export type RawConfig = z.infer<typeof rawConfigSchema>;

/** Flags the CLI passes; each overrides the file. */
export interface CliFlags {
  readonly root?: string | undefined;
  readonly config?: string | undefined;
  readonly modelsDir?: string | undefined;
  readonly data?: string | undefined;
  readonly out?: string | undefined;
  readonly lang?: string | undefined;
  /** promote --min-score: the deployment bar. */
  readonly minScore?: number | undefined;
}

/** Resolved settings: every path absolute, every value set. */
export interface Config {
  readonly root: string;
  /** The config file used, or null when there was none. */
  readonly configFile: string | null;
  readonly title: string;
  readonly lang: Lang;
  readonly modelsDir: string;
  readonly productionModel: string;
  readonly productionMetrics: string;
  readonly candidateModel: string;
  readonly candidateMetrics: string;
  readonly data: string;
  readonly out: string;
  readonly thresholds: { readonly excellent: number; readonly good: number };
  readonly minScore: number;
  readonly tieEpsilon: number;
  readonly lowerIsBetter: readonly string[];
  readonly classTolerance: number;
  readonly scoreWeights: {
    readonly accuracy: number;
    readonly precision: number;
    readonly recall: number;
    readonly f1_score: number;
  };
  readonly categoryColumn: string;
  readonly retrainThreshold: number;
  /** Population stability index bands for the class-balance verdict. */
  readonly drift: { readonly moderate: number; readonly significant: number };
  readonly limits: { readonly maxModelBytes: number; readonly maxPickleOps: number };
  /** Link to the CI run that made the report (GitHub Actions), or null. */
  readonly runUrl: string | null;
}

/** The environment variables the tool reads (passed in: nothing below main touches process). */
export type Env = Readonly<Record<string, string | undefined>>;

/** GitHub Actions' run URL from its standard variables. */
export function runUrlFrom(env: Env): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  // only http(s): the link goes into the report's HTML
  return server && /^https?:\/\//.test(server) && repo && run ? `${server}/${repo}/actions/runs/${run}` : null;
}

export const DEFAULTS = {
  title: 'MLOps Dashboard',
  models_dir: 'models',
  data: 'data/apps.csv',
  out: 'reports',
  lang: 'en' as Lang,
  production_model: 'production_model.pkl',
  production_metrics: 'production_metrics.json',
  candidate_model: 'candidate_model.pkl',
  candidate_metrics: 'candidate_metrics.json',
  excellent: 0.85,
  good: 0.75,
  min_score: 70,
  tie_epsilon: 0.001,
  /** Metrics where a smaller value is better; any other extra metric is higher-is-better. */
  lower_is_better: [
    'log_loss',
    'loss',
    'mae',
    'mse',
    'rmse',
    'mape',
    'brier_score',
    'error_rate',
    'hamming_loss',
    'zero_one_loss',
  ],
  class_regression_tolerance: 0.02,
  score_weights: { accuracy: 0.25, precision: 0.25, recall: 0.25, f1_score: 0.25 },
  category_column: 'Category',
  retrain_threshold: 100,
  drift_moderate: 0.1,
  drift_significant: 0.25,
  max_model_bytes: 2 ** 31 - 1,
  max_pickle_ops: 100_000_000,
} as const;

function formatIssues(file: string, error: z.ZodError): string {
  const lines = error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  return `${file} is not a valid config:\n${lines.join('\n')}`;
}

/** Checks a parsed config file; throws CONFIG_INVALID listing every problem. */
export function parseRawConfig(value: unknown, file: string): RawConfig {
  const r = rawConfigSchema.safeParse(value);
  if (!r.success) {
    throw new ReportError('CONFIG_INVALID', formatIssues(file, r.error), {
      hint: 'fix or remove the keys listed; see README, "Configuration"',
    });
  }
  return r.data;
}

/** Fills in defaults and flags and makes every path absolute (relative to the root). */
export function resolveConfig(
  raw: RawConfig,
  flags: CliFlags,
  root: string,
  configFile: string | null,
  env: Env = {},
): Config {
  const at = (p: string, base = root): string => (isAbsolute(p) ? p : resolve(base, p));
  const lang = flags.lang ?? raw.lang ?? DEFAULTS.lang;
  if (!(LANGS as readonly string[]).includes(lang)) {
    throw new ReportError('CONFIG_INVALID', `--lang ${lang} is not supported`, {
      hint: `use one of: ${LANGS.join(', ')}`,
    });
  }
  const modelsDir = at(flags.modelsDir ?? raw.models_dir ?? DEFAULTS.models_dir);
  const m = raw.models ?? {};
  const thresholds = {
    excellent: raw.thresholds?.excellent ?? DEFAULTS.excellent,
    good: raw.thresholds?.good ?? DEFAULTS.good,
  };
  if (thresholds.good > thresholds.excellent) {
    throw new ReportError(
      'CONFIG_INVALID',
      `${configFile ?? 'config'}: thresholds.good (${thresholds.good}) is above thresholds.excellent (${thresholds.excellent})`,
      { hint: 'good must be at most excellent' },
    );
  }
  const weights = raw.score_weights ?? DEFAULTS.score_weights;
  const sum = weights.accuracy + weights.precision + weights.recall + weights.f1_score;
  if (Math.abs(sum - 1) > 1e-9) {
    throw new ReportError('CONFIG_INVALID', `${configFile ?? 'config'}: score_weights add up to ${sum}, not 1`, {
      hint: 'make the four weights sum to 1',
    });
  }
  return {
    root,
    configFile,
    title: raw.title ?? DEFAULTS.title,
    lang: lang as Lang,
    modelsDir,
    productionModel: at(m.production_model ?? DEFAULTS.production_model, modelsDir),
    productionMetrics: at(m.production_metrics ?? DEFAULTS.production_metrics, modelsDir),
    candidateModel: at(m.candidate_model ?? DEFAULTS.candidate_model, modelsDir),
    candidateMetrics: at(m.candidate_metrics ?? DEFAULTS.candidate_metrics, modelsDir),
    data: at(flags.data ?? raw.data ?? DEFAULTS.data),
    out: at(flags.out ?? raw.out ?? DEFAULTS.out),
    thresholds,
    minScore: flags.minScore ?? raw.deployment?.min_score ?? DEFAULTS.min_score,
    tieEpsilon: raw.deployment?.tie_epsilon ?? DEFAULTS.tie_epsilon,
    lowerIsBetter: raw.deployment?.lower_is_better ?? DEFAULTS.lower_is_better,
    classTolerance: raw.deployment?.class_regression_tolerance ?? DEFAULTS.class_regression_tolerance,
    scoreWeights: weights,
    categoryColumn: raw.data_options?.category_column ?? DEFAULTS.category_column,
    retrainThreshold: raw.data_options?.retrain_threshold ?? DEFAULTS.retrain_threshold,
    drift: {
      moderate: raw.data_options?.drift_moderate ?? DEFAULTS.drift_moderate,
      significant: raw.data_options?.drift_significant ?? DEFAULTS.drift_significant,
    },
    limits: {
      maxModelBytes: raw.limits?.max_model_bytes ?? DEFAULTS.max_model_bytes,
      maxPickleOps: raw.limits?.max_pickle_ops ?? DEFAULTS.max_pickle_ops,
    },
    runUrl: runUrlFrom(env),
  };
}

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
  let text: string | null = null;
  try {
    text = await readFile(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return resolveConfig({}, flags, root, null, env);
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
    throw new ReportError('CONFIG_INVALID', `${file}: not valid JSON (${(e as Error).message})`, {
      hint: 'fix the JSON syntax',
    });
  }
  return resolveConfig(parseRawConfig(value, file), flags, root, abs, env);
}

/**
 * Discovery's input (a snapshot of the repository: file list and the few texts it reads)
 * and output (chosen inputs, one reason each, the alternatives, and pull hints). Plain data
 * both ways, so the ranking is pure and tested on made-up file lists.
 */
import type { Why } from '../../report-data.js';
import type { MlflowRunFiles, SplitInfo } from '../metrics/adapters/types.js';
import type { MlflowStore } from './mlflow.js';

export interface FileEntry {
  /** Relative to the root, with forward slashes. */
  readonly path: string;
  readonly size: number;
}

export interface Snapshot {
  readonly files: readonly FileEntry[];
  /** Small text files discovery reads (patterns.ts wantsText): YAML, .dvc, .gitattributes, metrics candidates, MLflow files. */
  readonly texts: Readonly<Record<string, string>>;
  /** The first bytes (as latin1) of model and data files: Git LFS pointers, CSV headers. */
  readonly heads: Readonly<Record<string, string>>;
  /** DVC cache objects that exist, relative to the root (asked for by dvc.ts cachePaths). */
  readonly dvcCache: readonly string[];
  /** Why the walk stopped early (file or depth limit), else null. */
  readonly truncated: Why | null;
}

export type ModelStatus = 'production' | 'candidate' | 'other' | 'auxiliary';
export type ModelSource = 'file' | 'dvc' | 'mlflow-registry' | 'mlflow-logged-model' | 'mlflow-run';

export interface MlflowRef {
  readonly runId: string | null;
  readonly modelId: string | null;
  /** The registry entry when registered: HeartDiseaseClassifier v2, its stage and aliases. */
  readonly registered: {
    readonly name: string;
    readonly version: number;
    readonly stage: string | null;
    readonly aliases: readonly string[];
  } | null;
}

export interface ModelCandidate {
  readonly path: string;
  readonly status: ModelStatus;
  readonly source: ModelSource;
  /** The bytes are in the checkout (false for a DVC-only file or a Git LFS pointer). */
  readonly present: boolean;
  /** Where to read the bytes: the path, or the DVC cache object; null when nowhere. */
  readonly readPath: string | null;
  readonly mlflow: MlflowRef | null;
  readonly reason: Why;
}

export type MetricsSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'mlflow-run'; readonly path: string; readonly run: MlflowRunFiles };

export interface MetricsPick {
  readonly source: MetricsSource;
  readonly reason: Why;
  /** The split known from outside the file (DVC stage deps, file name); pass as ctx.splitHint. */
  readonly splitHint: SplitInfo | null;
  /** Which entry to ask for in a file holding champion/challenger rows; pass as ctx.role. */
  readonly role: 'production' | 'candidate';
  /** Names of the model the metrics are for; pass as ctx.modelHints (add the class once read). */
  readonly modelHints: readonly string[];
  /** What ties the file to the model: its name (role word or model name), dvc.yaml, only its place, or an MLflow run. */
  readonly basis: 'name' | 'dvc' | 'place' | 'mlflow-run';
}

export interface MetricsCandidate {
  readonly path: string;
  readonly declared: boolean;
  readonly present: boolean;
  /** Why it ranks where it does, or why it was not used ("no metric found", "merge conflict"). */
  readonly reason: Why;
}

export interface DataCandidate {
  readonly path: string;
  readonly present: boolean;
  readonly readPath: string | null;
  readonly columns: readonly string[] | null;
  readonly reason: Why;
}

export interface Pick {
  readonly path: string;
  /** Where to read it (a DVC cache object when the file itself is absent); null when not readable here. */
  readonly readPath: string | null;
  readonly reason: Why;
}

export type HintKind = 'dvc-pull' | 'dvc-cache' | 'git-lfs-pull' | 'mlflow-artifact-missing' | 'declared-missing';

export interface Hint {
  readonly kind: HintKind;
  readonly path: string;
  /** One line for the user, with the command to run (hint_<kind>). */
  readonly why: Why;
}

export interface Discovery {
  /** The MLflow store as read (runs with their metric and param texts), for linking a model file to its run. */
  readonly mlflow: MlflowStore | null;
  readonly production: (Pick & { readonly mlflow: MlflowRef | null }) | null;
  readonly candidate: (Pick & { readonly mlflow: MlflowRef | null; readonly needsLinkCheck: boolean }) | null;
  readonly productionMetrics: MetricsPick | null;
  readonly candidateMetrics: MetricsPick | null;
  readonly data: (Pick & { readonly labelColumn: { readonly column: string; readonly reason: Why } | null }) | null;
  readonly models: readonly ModelCandidate[];
  readonly metrics: readonly MetricsCandidate[];
  readonly dataFiles: readonly DataCandidate[];
  readonly hints: readonly Hint[];
  /** Facts for the user that are not choices: walk limits, conflicts, what was ignored. */
  readonly notes: readonly Why[];
  /** Every path DVC tracks, and which file says so: a named input missing here gets `dvc pull`. */
  readonly dvcTracked: readonly { readonly path: string; readonly from: string }[];
}

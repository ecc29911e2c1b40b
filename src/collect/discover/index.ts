/**
 * Discovery: find a real repository's model, metrics and data without configuration, and
 * say what was chosen and why. fs-snapshot.ts reads; everything else is pure.
 */
import { discoverLayout, type DiscoverOptions } from './discover.js';
import { DEFAULT_WALK_LIMITS, takeSnapshot, type WalkLimits } from './fs-snapshot.js';
import type { Discovery } from './types.js';

export { discoverLayout, type DiscoverOptions } from './discover.js';
export { takeSnapshot, DEFAULT_WALK_LIMITS, type WalkLimits } from './fs-snapshot.js';
export { detectLabelColumn, LABEL_NAMES, type LabelEvidence, type LabelGuess } from './label-column.js';
export { linkModelToRun, mlflowCandidate, mlflowProduction } from './mlflow-pick.js';
export { applyRunLink, type RunLink } from './run-link.js';
export { readMlflow, type MlflowStore, type MlflowRun } from './mlflow.js';
export { readDvc, type DvcInfo } from './dvc.js';
export type * from './types.js';

/** Walks `root` and discovers its inputs. */
export async function discover(
  root: string,
  options: DiscoverOptions = {},
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
): Promise<Discovery> {
  return discoverLayout(await takeSnapshot(root, limits), options);
}

/**
 * Metrics adapters: one small pure function per shape a real metrics file has, and the
 * dispatcher that tries them in a documented order (dispatch.ts). No fs here: the caller
 * reads the file (or the MLflow run folder) and passes its text.
 */
export { readMetricsShapes, VALUE_ADAPTERS, type ReadOutcome, type MetricsProblem } from './dispatch.js';
export { adaptBySplit } from './by-split.js';
export { adaptByModel } from './by-model.js';
export { adaptClassificationReport, readReport } from './classification-report.js';
export { adaptDvclive } from './dvclive.js';
export { adaptFlat, adaptNestedFlat } from './flat.js';
export { adaptLeaderboard, adaptLogList } from './lists.js';
export { adaptMlflowRun, lastMetricValue } from './mlflow-run.js';
export { adaptText } from './text.js';
export { parseMetricName, splitOfName, nameWords } from './metric-names.js';
export {
  detectTask,
  taskOfClass,
  scoreOf,
  metricLevel,
  lowerIsBetter,
  levelOf,
  DEFAULT_THRESHOLDS,
  type Task,
  type TaskDecision,
  type Score,
  type Level,
} from './task.js';
export type * from './types.js';

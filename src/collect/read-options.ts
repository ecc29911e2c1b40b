/** The config's limits.* and safety.allow, in the forms the readers take. */
import type { Config } from '../config/load.js';
import { ReportError } from '../errors.js';
import { checkExtraAllow, type ExtraAllow, type PickleLimits } from './pickle/index.js';
import type { JsonFileLimits } from './read-json.js';

export function pickleLimits(config: Config): PickleLimits {
  const l = config.limits;
  return {
    maxModelBytes: l.maxModelBytes,
    maxLzmaDictionaryBytes: l.maxLzmaDictionaryBytes,
    maxExpansionRatio: l.maxExpansionRatio,
    maxOps: l.maxPickleOps,
    maxItems: l.maxPickleItems,
    maxContainerItems: l.maxContainerItems,
    maxMemo: l.maxMemoEntries,
    maxIntBytes: l.maxIntBytes,
    maxTreeWork: l.maxTreeWork,
    maxSummaryValues: l.maxSummaryValues,
  };
}

export function jsonLimits(config: Config): JsonFileLimits {
  return { maxBytes: config.limits.maxMetricsBytes, maxDepth: config.limits.maxMetricsDepth };
}

/**
 * safety.allow, checked: an entry the lists or rules call dangerous is a config error (the
 * config is repository content, written by whoever opens the pull request CI runs on).
 */
export function safetyAllow(config: Config): ExtraAllow {
  const { allow, problems } = checkExtraAllow(config.safetyAllow);
  if (problems.length > 0) {
    throw new ReportError(
      'CONFIG_INVALID',
      `${config.configFile ?? 'config'} is not a valid config:\n${problems.map((p) => `  safety.allow: ${p}`).join('\n')}`,
      { hint: 'safety.allow is for your own classes; see README, "Safety"' },
    );
  }
  return allow;
}

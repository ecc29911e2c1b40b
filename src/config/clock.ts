import { ReportError } from '../errors.js';
import type { Env } from './load.js';

/**
 * The one clock: SOURCE_DATE_EPOCH (seconds, the reproducible-builds convention) when set,
 * else the real time. Same inputs and same epoch give the same report, byte for byte.
 */
export function clockFrom(env: Env, realNow: () => Date = () => new Date()): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return realNow();
  if (!/^\d{1,12}$/.test(epoch)) {
    throw new ReportError(
      'CONFIG_INVALID',
      `SOURCE_DATE_EPOCH=${epoch.slice(0, 30)} is not a whole number of seconds`,
      { hint: 'unset it, or set it to e.g. $(git log -1 --format=%ct)' },
    );
  }
  return new Date(Number(epoch) * 1000);
}

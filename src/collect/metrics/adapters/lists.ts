/**
 * Lists of objects. A leaderboard (every entry has a distinct name: model, model_name, name,
 * …, and nothing says time or step) picks one entry by select-entry.ts; any other list is a
 * training log, and its last entry with metrics is the current one. A list may also be the
 * only list of an object ({"history": [...]}). CSV/TSV tables arrive here as lists of rows.
 */
import { why } from '../../why.js';
import { readEntry, wrap } from './entry.js';
import { words } from './metric-names.js';
import { selectEntry, type Entry } from './select-entry.js';
import type { Adapter } from './types.js';
import { isObject } from './parse-text.js';

const NAME_KEYS = [
  'model',
  'model_name',
  'name',
  'algorithm',
  'estimator',
  'classifier',
  'regressor',
  'run_name',
  'model_id',
];
const ROLE_KEYS = ['selected_role', 'role', 'selection_role', 'status', 'stage', 'model_role'];
const TIME_WORDS = ['step', 'epoch', 'timestamp', 'updated', 'date', 'time', 'created', 'iteration', 'at'];

/** The list and where it sits: the value itself, or the one list-of-objects key of an object. */
export function listOf(value: unknown): { list: Record<string, unknown>[]; key: string | null } | null {
  const objects = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && v.every(isObject);
  if (objects(value)) return { list: value, key: null };
  if (!isObject(value)) return null;
  const lists = Object.entries(value).filter(([, v]) => objects(v));
  return lists.length === 1 ? { list: lists[0]![1] as Record<string, unknown>[], key: lists[0]![0] } : null;
}

const keyOf = (obj: Record<string, unknown>, names: readonly string[]): string | undefined =>
  Object.keys(obj).find((k) => names.includes(words(k).join('_')));

function leaderboardName(list: Record<string, unknown>[]): string | null {
  if (list.length < 2) return null;
  const nameKey = keyOf(list[0]!, NAME_KEYS);
  if (!nameKey || list.some((e) => typeof e[nameKey] !== 'string')) return null;
  if (new Set(list.map((e) => e[nameKey])).size !== list.length) return null;
  if (list.some((e) => Object.keys(e).some((k) => words(k).some((w) => TIME_WORDS.includes(w))))) return null;
  return nameKey;
}

export const adaptLeaderboard: Adapter = (value, ctx) => {
  const found = listOf(value);
  const nameKey = found ? leaderboardName(found.list) : null;
  if (!found || !nameKey) return null;
  const roleKey = keyOf(found.list[0]!, ROLE_KEYS);
  const entries: Entry[] = [];
  found.list.forEach((row, i) => {
    const match = readEntry(row, ctx, `${found.key ?? ''}[${i}]`);
    const role = roleKey && typeof row[roleKey] === 'string' ? (row[roleKey] as string) : null;
    if (match) entries.push({ name: row[nameKey] as string, match, role });
  });
  const picked = selectEntry(entries, ctx, null, null);
  if (!picked) return null;
  return wrap(picked.entry.match, { shape: 'leaderboard', model: picked.selection }, ctx);
};

export const adaptLogList: Adapter = (value, ctx) => {
  const found = listOf(value);
  if (!found) return null;
  const { list, key } = found;
  for (let i = list.length - 1; i >= 0; i--) {
    const match = readEntry(list[i], ctx, `${key ?? ''}[${i}]`);
    if (!match) continue;
    const notes = i < list.length - 1 ? [why('note_empty_entries', { count: list.length - 1 - i })] : [];
    return wrap(match, { shape: 'log-list', notes }, ctx);
  }
  return null;
};

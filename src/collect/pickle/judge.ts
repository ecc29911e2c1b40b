/**
 * The verdict of one global, by its exact (module, name), never by a module prefix:
 * allowlist → conditional rule → denylist (exact, then the module and its parents) →
 * builtins → the name rules (dotted, dunder, a denied module reached as an attribute) →
 * safety.allow from the config → unknown. Python 2 spellings are judged as written and as
 * Python 3 reads them; the worse verdict wins. README, "Safety", lists the rules.
 */
import type { ImportReason, ImportVerdict } from '../../report-data.js';
import { key, lists, type Rule } from './lists.js';

export type Judgement =
  | { readonly verdict: ImportVerdict; readonly reason: ImportReason }
  | { readonly verdict: 'conditional'; readonly rule: Rule };

/** Names that, as an attribute segment, hand out a module that runs things (npyio.os, sklearn.base.sys). */
const DENIED_ROOTS = new Set([
  'os',
  'posix',
  'nt',
  'sys',
  'subprocess',
  'builtins',
  '__builtin__',
  '__builtins__',
  'importlib',
  'pickle',
  '_pickle',
  'ctypes',
  '_ctypes',
  'shutil',
  'socket',
  'runpy',
  'marshal',
  'io',
  '_io',
  'pty',
  'posixpath',
  'ntpath',
  'operator',
  '_operator',
  'types',
  'inspect',
  'gc',
  'codecs',
  'pkgutil',
  'webbrowser',
]);

const RANK: Readonly<Record<Judgement['verdict'], number>> = { safe: 0, conditional: 1, unknown: 2, dangerous: 3 };

const dunder = (s: string): boolean => s.length > 4 && s.startsWith('__') && s.endsWith('__');

/** What the config's safety.allow lifts from unknown to safe: exact globals, and `module.*` entries. */
export interface ExtraAllow {
  readonly exact: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
}

export const NO_EXTRA_ALLOW: ExtraAllow = { exact: new Set(), modules: new Set() };

/** Steps 1–8 for one spelling; null when nothing decides (then safety.allow, else unknown). */
function decide(module: string, name: string): Judgement | null {
  const l = lists();
  const k = key(module, name);
  if (l.allowed.has(k)) return { verdict: 'safe', reason: 'allowlist' };
  const rule = l.conditional.get(k);
  if (rule) return { verdict: 'conditional', rule };
  const exact = l.denyExact.get(k);
  if (exact) return { verdict: 'dangerous', reason: exact };
  for (let m = module; m !== ''; m = m.includes('.') ? m.slice(0, m.lastIndexOf('.')) : '') {
    const r = l.denyModules.get(m);
    if (r) return { verdict: 'dangerous', reason: r };
  }
  if (module === 'builtins' || module === '__builtin__') return { verdict: 'dangerous', reason: 'builtin' };
  const segments = name.split('.');
  // protocol 4 resolves a dotted name attribute by attribute: npyio + "os.system" is os.system
  if (segments.length > 1) return { verdict: 'dangerous', reason: 'dotted-name' };
  if (segments.some(dunder)) return { verdict: 'dangerous', reason: 'dunder-name' };
  if (DENIED_ROOTS.has(name)) return { verdict: 'dangerous', reason: 'module-attribute' };
  return null;
}

function judgeOne(module: string, name: string, extra: ExtraAllow): Judgement {
  const decided = decide(module, name);
  if (decided) return decided;
  if (extra.exact.has(key(module, name)) || extra.modules.has(module))
    return { verdict: 'safe', reason: 'config-allow' };
  return { verdict: 'unknown', reason: module === '__main__' ? 'script-code' : 'not-listed' };
}

/** The spellings Python may resolve: as written, and as fix_imports maps a Python 2 name. */
function spellings(module: string, name: string): [string, string][] {
  const l = lists();
  const moved = l.py2Names.get(key(module, name));
  if (moved)
    return [
      [module, name],
      [moved[0], moved[1]],
    ];
  const m = l.py2Modules.get(module);
  return m
    ? [
        [module, name],
        [m, name],
      ]
    : [[module, name]];
}

/** The verdict of `module.name` (the worse of its spellings). */
export function judgeGlobal(module: string, name: string, extra: ExtraAllow = NO_EXTRA_ALLOW): Judgement {
  let worst: Judgement | null = null;
  for (const [m, n] of spellings(module, name)) {
    const j = judgeOne(m, n, extra);
    if (!worst || RANK[j.verdict] > RANK[worst.verdict]) worst = j;
  }
  return worst!;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The libraries the allowlist covers: a whole module of theirs cannot be allowed (an exact class can). */
const COVERED = new Set(['sklearn', 'numpy', 'scipy', 'pandas', 'joblib', 'xgboost', 'lightgbm']);

/**
 * Checks the config's safety.allow: each entry is `module.Name` or `module.*`, and none may
 * name what the lists or rules call dangerous (the config is repository content, written by
 * whoever opens the pull request CI runs on). Returns the problems, one line each.
 */
export function checkExtraAllow(entries: readonly string[]): { allow: ExtraAllow; problems: string[] } {
  const exact = new Set<string>(),
    modules = new Set<string>(),
    problems: string[] = [];
  for (const entry of entries) {
    const parts = entry.split('.');
    if (parts.length < 2 || !parts.every((p, i) => IDENT.test(p) || (p === '*' && i === parts.length - 1))) {
      problems.push(`${entry}: expected module.Name or module.* (Python identifiers separated by dots)`);
      continue;
    }
    const module = parts.slice(0, -1).join('.'),
      name = parts[parts.length - 1]!;
    // a module entry is checked as if it named a plain class of that module
    const j = judgeGlobal(module, name === '*' ? 'Name' : name);
    if (j.verdict === 'dangerous') {
      problems.push(`${entry} is dangerous (${j.reason}): safety.allow cannot allow it`);
      continue;
    }
    if (name === '*' && (COVERED.has(parts[0]!) || module === 'builtins' || module === '__builtin__')) {
      problems.push(`${entry}: a whole module of ${parts[0]} cannot be allowed; name the class (module.Name)`);
      continue;
    }
    if (name === '*') modules.add(module);
    else exact.add(key(module, name));
  }
  return { allow: { exact, modules }, problems };
}

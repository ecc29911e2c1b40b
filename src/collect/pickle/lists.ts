/**
 * The generated allowlist and denylist (scripts/make-allowlist.py), indexed once for
 * lookups by (module, name). README, "Safety", says how they are made.
 */
import allowDoc from './allowlist.json' with { type: 'json' };
import denyDoc from './denylist.json' with { type: 'json' };
import { DENY_REASONS, type ImportReason } from '../../report-data.js';

/** A conditional entry's rule: the entry is safe only when its rule holds for the file's arguments. */
const RULE_NAMES = [
  'class-args',
  'class-arg',
  'latin1',
  'resolves-name',
  'companion-basename',
  'scipy-rv-template',
  'not-called',
  'bound-method',
] as const;
export type Rule = (typeof RULE_NAMES)[number];
const RULES: ReadonlySet<string> = new Set(RULE_NAMES);

/** The denylist's reason codes (scripts/allowlist/deny.py CODES). */
const DENY_CODES: ReadonlySet<string> = new Set(DENY_REASONS);

export const key = (module: string, name: string): string => `${module}\u0000${name}`;

export interface Lists {
  readonly allowed: ReadonlySet<string>;
  readonly conditional: ReadonlyMap<string, Rule>;
  readonly denyExact: ReadonlyMap<string, ImportReason>;
  /** module → reason, for entries that cover a module and every submodule. */
  readonly denyModules: ReadonlyMap<string, ImportReason>;
  /** Python 2 module names (fix_imports), and (module, name) pairs that moved. */
  readonly py2Modules: ReadonlyMap<string, string>;
  readonly py2Names: ReadonlyMap<string, readonly [string, string]>;
  readonly scipyTemplate: {
    readonly template: string;
    readonly continuous: { readonly locscale_in: string; readonly locscale_out: string };
    readonly discrete: { readonly locscale_in: string; readonly locscale_out: string };
    readonly shapePattern: RegExp;
  };
  /** Method names getattr may fetch from a scipy.stats distribution (rule bound-method). */
  readonly boundMethods: ReadonlySet<string>;
}

function build(): Lists {
  const allowed = new Set<string>();
  for (const [module, names] of Object.entries(allowDoc.globals as Record<string, Record<string, string>>))
    for (const name of Object.keys(names)) allowed.add(key(module, name));
  const conditional = new Map<string, Rule>();
  for (const c of allowDoc.conditional) {
    if (!RULES.has(c.rule)) throw new Error(`allowlist.json: unknown rule ${c.rule}`);
    conditional.set(key(c.module, c.name), c.rule as Rule);
  }
  const denyExact = new Map<string, ImportReason>();
  const denyModules = new Map<string, ImportReason>();
  for (const e of denyDoc.entries) {
    if (!DENY_CODES.has(e.code)) throw new Error(`denylist.json: unknown code ${e.code}`);
    if (e.name === '*') denyModules.set(e.module, e.code as ImportReason);
    else denyExact.set(key(e.module, e.name), e.code as ImportReason);
  }
  const names = allowDoc.python2_names.names as Record<string, string[]>;
  const t = allowDoc.scipy_rv_template;
  return {
    allowed,
    conditional,
    denyExact,
    denyModules,
    py2Modules: new Map(Object.entries(allowDoc.python2_names.modules as Record<string, string>)),
    py2Names: new Map(
      Object.entries(names).map(([k, v]) => [k.replace(' ', '\u0000'), [v[0]!, v[1]!] as const] as const),
    ),
    scipyTemplate: {
      template: t.template,
      continuous: t.continuous,
      discrete: t.discrete,
      shapePattern: new RegExp(t.shape_pattern),
    },
    boundMethods: new Set(allowDoc.bound_methods.names),
  };
}

let cached: Lists | null = null;

/** The indexed lists, built on first use. */
export function lists(): Lists {
  return (cached ??= build());
}

/** The tool versions the lists were generated with (README, "Safety"). */
export const LIST_VERSIONS: Readonly<Record<string, string>> = allowDoc.versions;

/**
 * The conditional entries of the allowlist: globals that run nothing only for some
 * arguments. Each is wrapped so that every use checks its rule where the arguments are
 * known, and records the outcome for the verdict (safety-log.ts). Nothing is refused
 * here: a failed rule makes the import dangerous and the value inert.
 */
import type { ImportReason } from '../../report-data.js';
import { judgeGlobal } from './judge.js';
import { lists, type Rule } from './lists.js';
import { BigText, PyGlobal, PyObject } from './objects.js';
import type { SafetyLog } from './safety-log.js';

/** What a rule needs besides the arguments. */
export interface RuleEnv {
  readonly log: SafetyLog;
  /** Resolves module.name as a GLOBAL opcode would (numpy's _ufunc_reconstruct does exactly that). */
  readonly findClass: (module: string, name: string) => PyGlobal;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : v instanceof BigText ? v.toString() : null);

const BUILTIN_MODULES = new Set(['builtins', '__builtin__']);

/** A scipy.stats distribution instance: its BUILD runs rv_generic.__setstate__, which exec()s a template. */
export class RvObject extends PyObject {
  constructor(
    cls: PyGlobal,
    how: 'call' | 'new',
    args: readonly unknown[],
    kwargs: Map<unknown, unknown> | null,
    private readonly onState: (state: unknown) => void,
  ) {
    super(cls, how, args, kwargs);
  }
  override setState(state: unknown): void {
    this.onState(state);
    super.setState(state);
  }
}

/** The reason a conditional global fails for, when its rule cannot be checked (it was not only called). */
const FAILS: Readonly<Record<Rule, ImportReason | null>> = {
  'class-args': 'reconstructor-args',
  'class-arg': 'newobj-args',
  latin1: 'codec',
  'resolves-name': 'ufunc-args',
  'companion-basename': 'companion-path',
  'scipy-rv-template': 'scipy-template',
  'bound-method': 'attribute-by-name',
  'not-called': null,
};

/**
 * A conditional global: checks its rule on every call (and, for distributions, on every
 * BUILD). Its rule holds only where the pickle calls it; put anywhere else (an argument,
 * a state, a list), library code could call it later with any arguments, so a reference
 * that was not called makes it dangerous (see escaped()).
 */
export class Ruled extends PyGlobal {
  /** References put on the stack, and how many were called (or passed as a reconstructor's class). */
  refs = 0;
  calls = 0;

  constructor(
    private readonly inner: PyGlobal,
    private readonly rule: Rule,
    private readonly k: string,
    private readonly env: RuleEnv,
  ) {
    super(inner.module, inner.name);
  }

  private fail(reason: ImportReason, detail: string | null = null): void {
    this.env.log.outcome(this.k, { verdict: 'dangerous', reason, detail });
  }

  private held(): void {
    this.env.log.outcome(this.k, { verdict: 'safe', reason: 'rule-held', detail: null });
  }

  override call(args: unknown[]): unknown {
    switch (this.rule) {
      case 'class-args': {
        // copyreg._reconstructor(cls, base, state): base.__new__(cls, state), then base.__init__
        const [cls, base] = args;
        if (cls instanceof Ruled) cls.calls++; // a conditional class, constructed here
        const baseOk =
          base instanceof PyGlobal &&
          BUILTIN_MODULES.has(base.module) &&
          judgeGlobal(base.module, base.name).verdict === 'safe';
        if (!(cls instanceof PyGlobal) || !baseOk) {
          this.fail('reconstructor-args');
          return super.call(args);
        }
        this.held();
        return this.inner.call(args);
      }
      case 'class-arg':
        if (args[0] instanceof Ruled) args[0].calls++;
        if (!(args[0] instanceof PyGlobal)) {
          this.fail('newobj-args');
          return super.call(args);
        }
        this.held();
        return this.inner.call(args);
      case 'latin1': {
        // protocol 2 writes bytes as _codecs.encode(text, 'latin1'); other codecs are imported by name
        const codec = args[1];
        if (args.length !== 2 || text(args[0]) === null || (codec !== 'latin1' && codec !== 'latin-1')) {
          this.fail('codec', typeof codec === 'string' ? codec : null);
          return super.call(args);
        }
        this.held();
        return this.inner.call(args);
      }
      case 'resolves-name': {
        // numpy's _ufunc_reconstruct(module, name) imports module and returns module.name
        const [m, n] = [text(args[0]), text(args[1])];
        if (args.length !== 2 || m === null || n === null) {
          this.fail('ufunc-args');
          return super.call(args);
        }
        const j = judgeGlobal(m, n);
        if (j.verdict === 'conditional' || j.verdict === 'safe') this.held();
        else this.env.log.outcome(this.k, { verdict: j.verdict, reason: j.reason, detail: `${m}.${n}` });
        return this.env.findClass(m, n);
      }
      case 'bound-method': {
        // getattr(distribution, '_entropy'): what rv_discrete pickles for vectorize(self._entropy)
        const [obj, name] = args;
        if (args.length !== 2 || !(obj instanceof RvObject) || !lists().boundMethods.has(text(name) ?? '')) {
          this.fail('attribute-by-name', text(name));
          return super.call(args);
        }
        this.held();
        return super.call(args); // an inert bound method: calling it while loading is a computed call
      }
      case 'scipy-rv-template':
        return this.distribution('call', args, null);
      case 'companion-basename':
      case 'not-called':
        return this.inner.call(args);
    }
  }

  override construct(args: unknown[], kwargs: Map<unknown, unknown> | null = null): unknown {
    if (this.rule === 'scipy-rv-template') return this.distribution('new', args, kwargs);
    if (this.rule === 'companion-basename' || this.rule === 'not-called') return this.inner.construct(args, kwargs);
    return super.construct(args, kwargs); // NEWOBJ on a function: Python raises, nothing runs
  }

  /** Records the failure when a reference escaped: called fewer times than it was referenced. */
  judgeEscape(): void {
    const reason = FAILS[this.rule];
    if (reason && this.refs > this.calls) this.fail(reason, 'used as a value, not called');
  }

  private distribution(how: 'call' | 'new', args: unknown[], kwargs: Map<unknown, unknown> | null): RvObject {
    return new RvObject(this, how, args, kwargs, (state) => {
      const problem = rvStateProblem(this.module, state);
      if (problem === null) this.held();
      else this.fail('scipy-template', problem);
    });
  }
}

/** Wraps `inner` (a plain or decoding global) with the rule of its conditional entry. */
export function ruled(inner: PyGlobal, rule: Rule, k: string, env: RuleEnv): PyGlobal {
  return new Ruled(inner, rule, k, env);
}

/** joblib < 0.10 reads os.path.join(model folder, filename): only a bare file name stays in the folder. */
export function bareFileName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\:\0]/.test(name);
}

// --- scipy.stats distributions -------------------------------------------------------

const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

/** The methods __setstate__ calls on the instance: state that shadows them would be called. */
const CALLED_IN_SETSTATE = ['_attach_methods', '_attach_argparser_methods'];

/** The dict `self.__dict__.update(state)` makes, or 'raises' when Python would raise, or null when we cannot tell. */
function updateOf(state: unknown): Map<unknown, unknown> | 'raises' | null {
  if (state instanceof Map) return state;
  if (state === null || state === undefined || typeof state !== 'object' || state instanceof Uint8Array)
    return 'raises'; // None, numbers, bytes (items are ints): dict.update raises before exec
  if (!Array.isArray(state)) return null; // an object with keys() (a pandas Series) could be a mapping
  const out = new Map<unknown, unknown>();
  for (const e of state) {
    if (Array.isArray(e)) {
      if (e.length !== 2) return 'raises';
      out.set(text(e[0]) ?? e[0], e[1]);
    } else if (e instanceof Map) {
      if (e.size !== 2) return 'raises';
      const [a, b] = [...e.keys()];
      out.set(text(a) ?? a, b);
    } else if (typeof e === 'string') {
      if ([...e].length !== 2) return 'raises';
    } else if (e === null || typeof e !== 'object' || e instanceof Uint8Array || e instanceof BigText) {
      return 'raises';
    } else {
      return null;
    }
  }
  return out;
}

/** True when `t` is exactly the template scipy builds for identifier shapes with these loc/scale parts. */
function isTemplate(t: string, part: { readonly locscale_in: string; readonly locscale_out: string }): boolean {
  const { template, shapePattern } = lists().scipyTemplate;
  const head = '\ndef _parse_args(self, ';
  if (!t.startsWith(head)) return false;
  const end = t.indexOf(` ${part.locscale_in}):`, head.length);
  if (end < 0) return false;
  const shapeArgs = t.slice(head.length, end);
  const shapes = shapeArgs === '' ? [] : shapeArgs.slice(0, -2).split(', ');
  if (shapeArgs !== '' && !shapeArgs.endsWith(', ')) return false;
  if (!shapes.every((s) => shapePattern.test(s) && !KEYWORDS.has(s))) return false;
  const expected = template
    .replaceAll('%(shape_arg_str)s', shapes.length ? `${shapes.join(', ')}, ` : '')
    .replaceAll('%(locscale_in)s', part.locscale_in)
    .replaceAll('%(locscale_out)s', part.locscale_out);
  return t === expected;
}

/** Why a distribution's BUILD state could run code, or null when it cannot. */
export function rvStateProblem(module: string, state: unknown): string | null {
  const dict = updateOf(state);
  if (dict === 'raises') return null;
  if (dict === null) return 'the state is not a dict';
  const keys = new Set([...dict.keys()].map((k) => text(k) ?? k));
  for (const m of CALLED_IN_SETSTATE) if (keys.has(m)) return `the state replaces ${m}`;
  let raw: unknown = undefined;
  for (const [k, v] of dict) if ((text(k) ?? k) === '_parse_arg_template') raw = v;
  if (raw === undefined) return null;
  const t = text(raw);
  if (t === null) return 'the _parse_arg_template is not text';
  const { continuous, discrete } = lists().scipyTemplate;
  const parts = module.endsWith('._continuous_distns')
    ? [continuous]
    : module.endsWith('._discrete_distns')
      ? [discrete]
      : [continuous, discrete];
  return parts.some((p) => isTemplate(t, p)) ? null : 'the _parse_arg_template is not the one scipy writes';
}

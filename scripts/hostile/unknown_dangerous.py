"""Dangerous names that a root-prefix rule only calls "unknown": each runs the payload."""
from . import opcodes as op
from .fixture import Fixture, dangerous, marker, touch

CLASS = "dangerous-not-unknown"


def _then_call(callable_ops, *args):
    """callable_ops pushes a computed callable; call it with args."""
    return callable_ops + b"(" + b"".join(op.value(a) for a in args) + b"tR"


def fixtures():
    out = []

    def add(name, data, attack, names, **kw):
        out.append(Fixture(f"unknown-dangerous/{name}", data, CLASS, attack, dangerous(*names), **kw))

    add("joblib_load_p4.pkl", op.program(op.call("joblib", "load", "stage2.pkl")), "joblib.load(stage2.pkl)", ["joblib.load"], setup=("stage2",))
    add("torch_load_p4.pkl", op.program(op.call("torch", "load", "stage2.pkl")), "torch.load(stage2.pkl) (torch is not installed here: Python stops at the import)",
        ["torch.load"], setup=("stage2",), note="not runnable here (no torch); dangerous by the denylist")
    ident = "attrgetter_p4"
    getter = op.call("_operator", "attrgetter", "os.system")
    module = op.global_op("numpy.lib", "npyio")
    system = getter + b"(" + module + b"tR"
    add(f"{ident}.pkl", op.program(_then_call(system, touch(ident))), "_operator.attrgetter('os.system')(numpy.lib.npyio)(command)",
        ["_operator.attrgetter"])
    ident = "fork_exec_p4"
    argv = [b"/usr/bin/touch", marker(ident).encode()]
    # errpipe_write must be an open descriptor >= 3: the loader's own file is one
    args = (argv, [b"/usr/bin/touch"], True, (), None, None, -1, -1, -1, -1, -1, -1, 0, 3, False, False, -1, None, None, None, -1, None, False)
    add(f"{ident}.pkl", op.program(op.call("_posixsubprocess", "fork_exec", *args)), "_posixsubprocess.fork_exec([touch, marker], …)", ["_posixsubprocess.fork_exec"])
    add("ctypes_dlopen_p4.pkl", op.program(op.call("_ctypes", "dlopen", "./libpayload.so", 2)), "_ctypes.dlopen('./libpayload.so'): its constructor runs",
        ["_ctypes.dlopen"], setup=("libpayload",))
    ident = "resolve_name_p4"
    add(f"{ident}.pkl", op.program(_then_call(op.call("pkgutil", "resolve_name", "os:system"), touch(ident))),
        "pkgutil.resolve_name('os:system')(command)", ["pkgutil.resolve_name"])
    ident = "posixpath_os_system_p4"
    add(f"{ident}.pkl", op.program(op.call("posixpath", "os.system", touch(ident))), "posixpath + os.system", ["posixpath.os.system"])
    ident = "doctest_debug_src_p4"
    src = f">>> import os; _ = os.system({touch(ident)!r})\n"
    add(f"{ident}.pkl", op.program(op.call("doctest", "debug_src", src, True)), "doctest.debug_src(example, pm=True) exec()s it", ["doctest.debug_src"])
    ident = "builtin_reduce_p2"
    getattr_ = op.global_op("__builtin__", "getattr", 2)
    system = op.global_op("__builtin__", "reduce", 2) + b"(" + getattr_ + op.value(["os", "system"]) + op.global_op("numpy.lib", "npyio", 2) + b"tR"
    add(f"{ident}.pkl", op.program(_then_call(system, touch(ident)), proto=2), "__builtin__.reduce(getattr, ['os', 'system'], numpy.lib.npyio)(command)",
        ["__builtin__.reduce", "__builtin__.getattr"])
    return out

"""Parser differentials: bytes that mlops-report and Python read differently. Each file
hides a payload where only Python looks (or looks as opcodes where we look as data)."""
import pickle
import struct

import numpy as np

from . import opcodes as op
from .fixture import Fixture, dangerous, touch

CLASS = "parser-differential"
OR_REFUSED = "differential"


def _payload(ident):
    """posix.system(touch marker), result popped: leaves the stack as it was."""
    return op.call("posix", "system", touch(ident), proto=2) + b"0"


def _pad(n):
    """n bytes of opcodes that leave the stack as it was (NONE, POP; BININT1, POP for an odd one)."""
    if n % 2:
        return b"K\x000" + b"N0" * ((n - 3) // 2)
    return b"N0" * (n // 2)


def dtype(descr, state):
    """numpy.dtype(descr, False, True) with BUILD state, as numpy pickles a dtype."""
    return op.global_op("numpy", "dtype", 2) + b"(" + op.value(descr) + b"\x89\x88tR" + op.value(state) + b"b"


def wrapper(dtype_ops, shape, order="C"):
    """joblib's NumpyArrayWrapper with its BUILD: the array bytes follow in the stream."""
    state = b"}(" + op.value("subclass") + op.global_op("numpy", "ndarray", 2) + op.value("shape") + op.value(shape)
    state += op.value("order") + op.value(order) + op.value("dtype") + dtype_ops + op.value("allow_mmap") + b"\x88u"
    return op.global_op("joblib.numpy_pickle", "NumpyArrayWrapper", 2) + b")\x81" + state + b"b"


F8 = (3, "<", None, None, None, -1, -1, 0)
OBJ = (3, "|", None, None, None, -1, -1, 63)
HEAD = b"\x80\x02"


def _object_array_pickle(prefix=b""):
    """pickle.dumps(np.array([None], dtype=object), 2), with opcodes run before it."""
    body = pickle.dumps(np.array([None], dtype=object), protocol=2)
    return HEAD + prefix + body[2:]


def fixtures():
    out = []

    def add(name, data, attack, loaders=("joblib",), **kw):
        out.append(Fixture(f"differential/{name}", data, CLASS, attack, dangerous("posix.system", or_refused=OR_REFUSED), loaders=loaders, **kw))

    # 1. numpy ignores the elsize of a dtype's state for f8; we take it: 16 bytes per item
    ident, k = "dtype_itemsize_lie", 16
    p = _payload(ident)
    data = HEAD + wrapper(dtype("f8", (3, "<", None, None, None, 16, 1, 0)), (k,)) + bytes(8 * k) + p + _pad(8 * k - len(p)) + b"."
    add(f"{ident}.joblib", data, "joblib array: dtype f8 whose state claims 16-byte items; joblib reads 8 per item and runs what follows")
    # 2. '|O' is object to numpy; our type-code pattern reads it as bool, one byte per item
    ident = "dtype_pipe_O"
    inner = _object_array_pickle(_payload(ident))
    data = HEAD + wrapper(dtype("|O", OBJ), (len(inner),)) + inner + b"."
    add(f"{ident}.joblib", data, "joblib array of dtype '|O': joblib reads a nested pickle (payload inside), we read bytes as bools")
    # 3. a record dtype with an object field: joblib unpickles it, we read 16-byte records
    ident = "record_object_field"
    inner = _object_array_pickle(_payload(ident))
    n = -(-len(inner) // 16)
    rec = (3, "|", None, ("a", "b"), {"a": (np.dtype("<f8"), 0), "b": (np.dtype("O"), 8)}, 16, 1, 27)
    rec_ops = op.global_op("numpy", "dtype", 2) + b"(" + op.value("V16") + b"\x89\x88tR" + _record_state(rec) + b"b"
    data = HEAD + wrapper(rec_ops, (n,)) + inner + _pad(16 * n - len(inner)) + b"."
    add(f"{ident}.joblib", data, "joblib array whose record dtype has an object field: joblib unpickles a nested pickle, we read records")
    # 4. 'object' is numpy's object dtype; we read item size 0 and stop at the nested pickle's STOP
    ident = "object_spelled_object"
    data = HEAD + wrapper(dtype("object", OBJ), (1,)) + _object_array_pickle() + _payload(ident) + b"."
    add(f"{ident}.joblib", data, "joblib array of dtype 'object': joblib reads the nested pickle and goes on to the payload; we stop at the nested STOP")
    # 5. 'float64' is f8 to numpy; our pattern reads item size 0 and parses the array bytes as opcodes
    ident, k = "dtype_spelled_float64", 4
    p = _payload(ident) + b"N"
    swallow = 8 * k - 5 + len(p)
    data = HEAD + wrapper(dtype("float64", F8), (k,)) + b"B" + struct.pack("<I", swallow) + bytes(8 * k - 5) + p + b"0."
    add(f"{ident}.joblib", data, "joblib array of dtype 'float64': joblib reads 8 bytes per item and runs what follows; we read 0 and take it all as one bytes value")
    # 6. pickle.load reads the bytes after a NumpyArrayWrapper's BUILD as opcodes; joblib as array data
    ident = "after_wrapper_build"
    p = _payload(ident)
    data = HEAD + wrapper(dtype("u1", (3, "|", None, None, None, -1, -1, 0)), (len(p),)) + p + b"."
    add(f"{ident}.pkl", data, "joblib array whose data bytes are opcodes: pickle.load runs them, joblib.load reads them as uint8", loaders=("pickle", "joblib"))
    # 7. joblib unpickles an object array's nested pickle with plain pickle.load: a wrapper in it is not special
    ident = "nested_plain_wrapper"
    p = _payload(ident)
    inner = HEAD + wrapper(dtype("u1", (3, "|", None, None, None, -1, -1, 0)), (len(p),)) + p + b"0" + _object_array_pickle()[2:]
    data = HEAD + wrapper(dtype("O8", OBJ), (1,)) + inner + b"."
    add(f"{ident}.joblib", data, "object array whose nested pickle holds a NumpyArrayWrapper: we read its bytes as data, Python's plain pickle.load runs them")
    out += _old_joblib()
    return out


def _record_state(rec):
    version, order, sub, names, fields, elsize, align, flags = rec
    f = b"}(" + b"".join(op.value(k) + b"(" + (dtype("<f8", F8) if v[0].kind == "f" else dtype("O8", OBJ)) + op.value(v[1]) + b"t" for k, v in fields.items()) + b"u"
    return b"(" + op.value(version) + op.value(order) + b"N" + op.value(names) + f + op.value(elsize) + op.value(align) + op.value(flags) + b"t"


def _npy(header, body):
    h = header.encode("latin1")
    h += b" " * ((-(10 + len(h) + 1)) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h + body


def _nd_wrapper(filename):
    """joblib < 0.10: the pickle names the .npy file that holds the array."""
    state = {"filename": filename, "allow_mmap": True}
    return (HEAD + op.global_op("joblib.numpy_pickle", "NDArrayWrapper", 2) + b")\x81" + op.value(state)[:-1]
            + op.value("subclass") + op.global_op("numpy", "ndarray", 2) + b"ub.")


def _old_joblib():
    out = []
    # 8. numpy reads the .npy header with literal_eval: of two 'descr' keys the last wins; we take the first
    ident = "npy_descr_twice"
    evil = _object_array_pickle(_payload(ident))
    npy = _npy("{'descr': '<f8', 'descr': '|O', 'fortran_order': False, 'shape': (1,), }", evil)
    out.append(Fixture(f"differential/{ident}/model.pkl", _nd_wrapper("model.pkl_01.npy"), CLASS,
                       "joblib < 0.10 companion .npy whose header says 'descr' twice: numpy takes the last ('|O', unpickles), we the first ('<f8')",
                       dangerous("posix.system", or_refused=OR_REFUSED), loaders=("joblib",), files={f"differential/{ident}/model.pkl_01.npy": npy}, name=ident))
    # 9. joblib joins the folder and the filename as given; we read the file of that name beside the model
    ident = "ndarraywrapper_traversal"
    benign = _npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", bytes(8))
    evil = _npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", _object_array_pickle(_payload(ident)))
    out.append(Fixture(f"differential/{ident}/models/model.pkl", _nd_wrapper("../elsewhere/x_01.npy"), CLASS,
                       "joblib < 0.10 NDArrayWrapper filename '../elsewhere/x_01.npy': joblib loads that file (allow_pickle), we read x_01.npy beside the model",
                       dangerous("joblib.numpy_pickle.NDArrayWrapper", or_refused=OR_REFUSED), loaders=("joblib",),
                       files={f"differential/{ident}/models/x_01.npy": benign, f"differential/{ident}/elsewhere/x_01.npy": evil}, name=ident))
    return out

"""Writing crafted pickles: raw opcodes for the spellings a normal pickler would never
emit (dotted names, Python 2 names, names of functions it cannot find), and a pickler
that hides such a call inside a real object's state.
"""
import io
import pickle
import struct

import joblib.numpy_pickle as jnp


def _str(s):
    b = s.encode("utf-8", "surrogatepass")
    return (b"\x8c" + bytes([len(b)]) + b) if len(b) < 256 else (b"X" + struct.pack("<I", len(b)) + b)


def global_op(module, name, proto=4):
    """The opcodes that push module.name: STACK_GLOBAL from protocol 4, else GLOBAL."""
    if proto >= 4:
        return _str(module) + _str(name) + b"\x93"
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def value(v):
    """A plain value as opcodes (str, bytes, int, float, None, bool, tuple, list, dict).
    Protocol 3 encoding: BINBYTES for bytes, BINPUT memo entries that nothing reads, no frames."""
    return pickle.dumps(v, protocol=3)[2:-1]


def call(module, name, *args, proto=4):
    """module.name(*args), leaving the result on the stack. Arguments may be raw opcode bytes (Raw)."""
    out = global_op(module, name, proto) + b"("
    for a in args:
        out += a.data if isinstance(a, Raw) else value(a)
    return out + b"tR"


class Raw:
    """Opcode bytes that push exactly one value, spliced into a pickle as that value."""

    def __init__(self, data):
        self.data = data


def program(*parts, proto=4):
    """A whole pickle: PROTO, then the parts (each pushes one value); every part but the
    last is popped, so the last is the pickle's value."""
    out = b"\x80" + bytes([proto]) if proto >= 2 else b""
    for i, p in enumerate(parts):
        out += p + (b"0" if i < len(parts) - 1 else b"")
    return out + b"."


def _splicing(base):
    class Splicing(base):
        """The pure-Python pickler, writing Raw values as their bytes (no memo entry), and
        adding `extra` to the state of the first object `hide_in` accepts."""

        hide_in = None
        extra = None

        def save(self, obj, save_persistent_id=True):
            if isinstance(obj, Raw):
                self.write(obj.data)
                return
            return super().save(obj) if save_persistent_id else super().save(obj, save_persistent_id)

        def reducer_override(self, obj):
            if self.hide_in is not None and self.hide_in(obj):
                self.hide_in = None
                rv = obj.__reduce_ex__(self.proto)
                state = dict(rv[2]) if isinstance(rv[2], dict) else rv[2]
                if isinstance(state, dict):
                    state.update(self.extra)
                elif isinstance(state, tuple) and isinstance(state[0], dict):
                    state = ({**state[0], **self.extra},) + state[1:]
                return (rv[0], rv[1], state) + tuple(rv[3:])
            return NotImplemented

    return Splicing


SplicingPickler = _splicing(pickle._Pickler)
SplicingJoblibPickler = _splicing(jnp.NumpyPickler)


def dumps(obj, proto=4, hide_in=None, extra=None):
    buf = io.BytesIO()
    p = SplicingPickler(buf, protocol=proto)
    p.hide_in, p.extra = hide_in, extra
    p.dump(obj)
    return buf.getvalue()


def joblib_dumps(obj, hide_in=None, extra=None):
    """joblib.dump's format (uncompressed): arrays written after their wrapper's BUILD."""
    buf = io.BytesIO()
    p = SplicingJoblibPickler(buf, protocol=None)
    p.hide_in, p.extra = hide_in, extra
    p.dump(obj)
    return buf.getvalue()

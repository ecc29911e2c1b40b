"""One crafted file, what it attacks, what mlops-report must answer, and how the Python
check sees its payload run."""
from dataclasses import dataclass, field

MARKER_PREFIX = "/tmp/mlops-report-PWNED-"


def marker(ident):
    return MARKER_PREFIX + ident


def touch(ident):
    """The harmless payload command: creates the marker file."""
    return f"touch {marker(ident)}"


@dataclass
class Fixture:
    path: str  # relative to test/fixtures/hostile/
    data: bytes | None
    attack_class: str
    attack: str
    expected: dict
    # how the Python check knows the payload ran: marker | truncated | victim-gone | none
    effect: str = "marker"
    # what the check prepares in its temp folder first: stage2 (stage2.pkl that touches the
    # marker), victim (folder victim/), libpayload (libpayload.so whose constructor touches
    # the marker), truncate (the marker exists with content, the payload empties it)
    setup: tuple = ()
    loaders: tuple = ("pickle", "joblib")
    # other files of the fixture, relative to test/fixtures/hostile/ (companions, folders)
    files: dict = field(default_factory=dict)
    bounds: dict | None = None
    note: str | None = None
    # not committed: written at test time by test/hostile-big.ts (or by --big, for local runs)
    generated: bool = False
    # the marker's name; the file's stem unless the file sits in a folder of its own
    name: str | None = None

    @property
    def ident(self):
        return self.name or self.path.rsplit("/", 1)[-1].split(".")[0]


def dangerous(*names, or_refused=None):
    """Expected: the file's verdict is dangerous, because of at least these imports."""
    out = {"verdict": "dangerous", "dangerous_imports": list(names)}
    if or_refused:
        out["or_refused"] = or_refused
    return out


def refused(kind):
    """Expected: the file is refused (INPUT_INVALID, exit 2 for generate) for this reason."""
    return {"outcome": "refused", "reason": kind}


def answered(verdict="safe", or_refused=None):
    """Expected: an answer (within the bounds), with this verdict."""
    out = {"outcome": "answered", "verdict": verdict}
    if or_refused:
        out["or_refused"] = or_refused
    return out


def warned(kind):
    """Expected: an answer (exit 0, the report written) whose warning names this problem: a
    metrics input that cannot be read costs only its own section (the report degrades)."""
    return {"outcome": "answered", "warning": kind}


BOUNDS = {"max_seconds": 2, "max_peak_mb": 300}

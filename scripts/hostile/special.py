"""Inputs that are not bytes in a file: special files in the model's place, and layouts
whose outputs point outside the repository. All are made at test time
(test/hostile-big.ts): a FIFO or a symlink cannot be committed portably."""
from .fixture import BOUNDS, Fixture, refused, warned

SPECIAL = "special-file"
OUTSIDE = "write-outside-root"
READ_OUTSIDE = "read-outside-root"


def fixtures():
    out = []
    for name, attack, expected in [
        ("fifo.pkl", "models/production_model.pkl is a FIFO (open() waits for a writer forever)", refused("not-a-regular-file")),
        ("dev_zero.pkl", "models/production_model.pkl is a symlink to /dev/zero (stat size 0, reads forever)", refused("not-a-regular-file")),
        ("folder.pkl", "models/production_model.pkl is a folder (named on the command line: refused; at the conventional path: not a model file, so discovery looks elsewhere)", warned("not-found")),
    ]:
        out.append(Fixture(f"special/{name}", None, SPECIAL, attack, expected, effect="none", bounds=BOUNDS, generated=True, loaders=()))
    for name, attack in [
        ("metrics_outside", "models/production_metrics.json is a committed symlink to /proc/self/environ (its content would be quoted in the error)"),
        ("data_outside", "data/apps.csv is a committed symlink to /etc/passwd (its first line would be quoted as column names)"),
    ]:
        out.append(Fixture(f"layouts/{name}", None, READ_OUTSIDE, attack, refused("input-outside-root"),
                           effect="none", generated=True, loaders=()))
    for name, attack in [
        ("ledger_symlink", "reports/history.jsonl is a committed symlink to ../../elsewhere/ledger: the ledger line goes there"),
        ("reports_symlink", "reports/ is a committed symlink to a folder outside the repository"),
        ("out_parent", "the config's out is ../x (outside the root, not named on the command line)"),
        ("out_absolute", "the config's out is an absolute path outside the root"),
    ]:
        out.append(Fixture(f"layouts/{name}", None, OUTSIDE, attack, {"outcome": "refused-or-written-inside", "reason": "output-outside-root"},
                           effect="none", generated=True, loaders=()))
    return out

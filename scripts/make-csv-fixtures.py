#!/usr/bin/env python3
"""Make the delimited-text fixtures of the CSV scanner, and what Python says about them.

  /usr/bin/python3 scripts/make-csv-fixtures.py      (needs pandas)

Writes test/fixtures/csv/*.csv|tsv|psv (hand-made edge cases, then seeded random files
with quotes, embedded delimiters and line ends, CR/LF/CRLF, BOMs, ragged rows and blank
lines) and test/fixtures/csv/truth.json. Every number in truth.json comes from Python's
csv module or from pandas on the same bytes, never from the code under test:

- "csv": the records Python's csv module reads (strict=False), each with the physical
  line it starts on, its field count and its values. Blank lines and whitespace-only
  lines are left out, as pandas (skip_blank_lines=True) leaves them out; the script
  checks that the records left equal pandas' row count.
- "pandas": read_csv(dtype=str, usecols=range(N)) with N the header's width: pandas' own
  reading of "a short row is one row, missing fields empty; a long row is one row cut to
  the header's width" (usecols keeps the first N fields and never infers an index).
  The column names pandas gives (a.1 for a repeated name, "Unnamed: i" for an empty one),
  missing cells per column with pandas 2's default NA strings (on pandas 1.x: its defaults
  plus "None", which 2.0 added) and with keep_default_na=False, duplicated().sum() for
  both, and value_counts(dropna=False) of the category column. A file whose name says
  latin1 is read with encoding="latin-1" (it is not UTF-8; pandas would refuse it).
- "pandas_plain": what plain read_csv(dtype=str) does (an error for a long row), and
  "pandas_warn_lines": the lines on_bad_lines="warn" names (pandas counts records there,
  not physical lines: a quoted line end does not count).
"""
import contextlib
import csv
import io
import json
import os
import random
import re
import sys
import warnings

import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "csv")
BOM = b"\xef\xbb\xbf"
APP_HEADER = "App,Category,Rating,Reviews,Size,Installs,Type,Price,Content Rating,Genres,Last Updated,Current Ver,Android Ver"


# ---------------------------------------------------------------- hand-made edge cases
def lines(*rows, end="\n"):
    return end.join(rows) + end


def app_store():
    """A Play-Store-like file in which one row lost its Category (a field short), as in the
    public googleplaystore.csv; the TOOLS row after it must stay a row of its own."""
    rows = [APP_HEADER,
            'Photo Editor & Candy Camera,ART_AND_DESIGN,4.1,159,19M,"10,000+",Free,0,Everyone,Art & Design,"January 7, 2018",1.0.0,4.0.3 and up',
            'Coloring book moana,ART_AND_DESIGN,3.9,967,14M,"500,000+",Free,0,Everyone,Art & Design;Pretend Play,"January 15, 2018",2.0.0,4.0.3 and up',
            'Sketch - Draw & Paint,ART_AND_DESIGN,4.5,215644,25M,"50,000,000+",Free,0,Teen,Art & Design,"June 8, 2018",Varies with device,4.2 and up',
            'Life Made WI-Fi Touchscreen Photo Frame,1.9,19.0,3.0M,"1,000+",Free,0,Everyone,,"February 11, 2018",1.0.19,4.0 and up',
            'Flashlight Pro,TOOLS,4.4,5432,2.1M,"1,000,000+",Free,0,Everyone,Tools,"July 3, 2018",2.1,4.1 and up',
            'Calculator,TOOLS,NaN,0,1.2M,"10+",Free,0,Everyone,Tools,"May 1, 2018",1.0,NaN',
            'Flashlight Pro,TOOLS,4.4,5432,2.1M,"1,000,000+",Free,0,Everyone,Tools,"July 3, 2018",2.1,4.1 and up',
            '"Zoë\'s ""Best"" Puzzles",GAME,4.7,12,8.5M,"100+",Paid,$0.99,Everyone,Puzzle,"March 3, 2018",1.2,5.0 and up']
    return lines(*rows).encode()


def line_ends(end):
    """The same records with every record end written as `end`; the line end inside the
    quoted field stays "\\n", so the three files hold equal values."""
    return lines("id,text,group", '1,"two\nlines",A', "2,plain,B", "", '3,"x, ""y""",A', "4,,B", end=end).encode()


HAND = {
    "app-store-short-row.csv": (app_store(), "Category"),
    "line-ends-lf.csv": (line_ends("\n"), "group"),
    "line-ends-crlf.csv": (line_ends("\r\n"), "group"),
    "line-ends-cr.csv": (line_ends("\r"), "group"),
    "quotes.csv": (lines("a,b,c", '"x, y","say ""hi""",q', '"multi\nline\r\nand\rcr",2,q', '"",3,"NA"',
                         '"""",4,"a,b,c"', '"ends with ""","",r', 'plain "inner" quotes,5,r').encode(), "c"),
    "bom-crlf.csv": (BOM + lines("name,kind", "a,X", "b,Y", '"c",X', end="\r\n").encode(), "kind"),
    "blank-lines.csv": (b"\n\r\n   \na,b,c\n\n1,2,3\n   \n\t\n \t \n,,\n\"\"\n4,5,6\r\n\r\n  \"x\",8,9\n7,8,9\n\n\n", "b"),
    "ragged.csv": (lines("a,b,c", "1,2,3,4", "5,6", "7", "8,9,10,", "11,12,13,14,15", "16,17,18").encode(), "b"),
    "text-after-quote.csv": (lines("a,b,c", '"ab"cd,"x""y"z,3', '"a"b"c",2,3', '"q" ,"r"  ,s').encode(), "c"),
    "unterminated-quote.csv": (lines("a,b,c", "1,2,3", '4,"5,6', "7,8,9").encode(), "a"),
    "semicolon.csv": (lines('"a,b";c;d', "1,5;x;y", '2;"x;z";y', "3;x").encode(), "c"),
    "pipe.psv": (lines("a|b|c", "1|x|q", "2||q", '3|"y|z"|r').encode(), "b"),
    "tab.tsv": (b"a\tb\tc\n1\tx\tq\n\t\t\n  \n \t \n2\t\"y\tz\"\tr\n", "b"),
    "one-column.csv": (b"only\n1\n\n\"\"\n  \n2\n\"NA\"\n", "only"),
    "na-markers.csv": (lines("v,k", *(f"{m},{i % 3}" for i, m in enumerate(
        ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
         "NULL", "NaN", "n/a", "nan", "null", "None", '"NA"', " NA", "na", "NA ", "1.5", "-1", "#"]))).encode(), "v"),
    "na-duplicates.csv": (lines("x,y,z", "a,,1", "a,NA,1", "a,nan,1", 'a,"",1', "a,None,1", "b,2", "b,,", "b,NA,").encode(), "x"),
    "no-final-newline.csv": (b"a,b,c\n1,2,\n3,4,5\n6,7,", "c"),
    "header-only.csv": (b"a,b,c\n", "a"),
    # pandas 1.5's C parser: with CR line ends, a record starting with a space re-reads from
    # the last LF (here the header comes back as a data row). The csv module is the truth.
    "cr-leading-space.csv": (b"a,b\r x,2\r3,4\r", "a"),
    # pandas' names: a repeated name gets .1, .2 (skipping names taken: "a.1" is in the header), an empty one "Unnamed: i"
    "duplicate-names.csv": (lines("a,b,a,,a.1,a,b,", "1,x,2,3,4,5,6,7", "1,y,2,,4,5,6,", "1,x,2,3,4,5,6,7").encode(), "b"),
    # the only byte that is not UTF-8 is far past the first chunk: Latin-1, decided in one pass
    "late-latin1.csv": (("id,kind,name\n" + "".join(f"{i},{'AB'[i % 2]},row {i}\n" for i in range(300))).encode()
                        + "300,C,caf\u00e9\n6001,\u00c9t\u00e9,x\n".encode("latin-1"), "kind"),
    "multibyte.csv": (lines("名前,カテゴリ,n", "café,日本,1", "naïve,日本,2", '"emoji 😀, yes",Ελλάδα,3', "Ω,Ελλάδα,").encode(), "カテゴリ"),
}


# ---------------------------------------------------------------- seeded random files
ALPHABET = ["a", "b", "z", "0", "7", " ", "é", "日", "😀", '"', ",", ";", "|", "\t", "\n", "\r\n", "\r", "NA", "nan", ""]


def random_file(seed):
    rnd = random.Random(seed)
    ncols = rnd.randint(1, 6)
    delim = "," if ncols == 1 else rnd.choice([",", ",", "\t", ";", "|"])
    end = rnd.choice(["\n", "\r\n", "\r"])
    always_quote = rnd.random() < 0.2

    def field(allow_break=True):
        if rnd.random() < 0.15:
            return rnd.choice(["", "NA", "NaN", "null"])
        parts = [rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 6))]
        if not allow_break:
            parts = [p for p in parts if p not in ("\n", "\r\n", "\r", '"', delim)]
        return "".join(parts)

    def quote(v):
        if always_quote or any(ch in v for ch in (delim, '"', "\n", "\r")):
            return '"' + v.replace('"', '""') + '"'
        return v

    # some names quote other delimiters (and this one): inference counts only those outside quotes
    out = [delim.join(f"c{i}" if rnd.random() < 0.7 else f'"c{i} x{delim}y;z|w,v"' for i in range(ncols))]
    # a few groups make the category column and duplicate rows meaningful
    pool = [[field() for _ in range(ncols)] for _ in range(4)]
    for _ in range(rnd.randint(0, 40)):
        r = rnd.random()
        if r < 0.06:
            out.append("")
        elif r < 0.1:
            out.append(rnd.choice([" ", "  ", "\t", " \t"]) if delim != "\t" else "  ")
        else:
            row = list(rnd.choice(pool)) if rnd.random() < 0.3 else [field() for _ in range(ncols)]
            if rnd.random() < 0.1:  # short
                row = row[: rnd.randint(1, max(1, ncols - 1))]
            elif rnd.random() < 0.1:  # long (sometimes a trailing delimiter)
                row = row + ([""] if rnd.random() < 0.5 else [field(False) for _ in range(rnd.randint(1, 3))])
            cells = [quote(v) for v in row]
            if end == "\r" and cells[0][:1] in (" ", "\t"):  # pandas 1.5 misreads this (see "cr-leading-space.csv")
                cells[0] = '"' + cells[0].replace('"', '""') + '"'
            if len(cells) == 1 and cells[0].strip(" \t") == "":
                cells = ['""']  # a lone empty field would be a blank line
            out.append(delim.join(cells))
    text = end.join(out) + (end if rnd.random() < 0.8 else "")
    data = text.encode()
    if rnd.random() < 0.2:
        data = BOM + data
    ext = {",": "csv", "\t": "tsv", ";": "csv", "|": "psv"}[delim]
    return f"random-{seed:02d}.{ext}", data, delim, rnd.randrange(ncols)


# ---------------------------------------------------------------- what Python says
def encoding_of(name):
    return "latin-1" if "latin1" in name else "utf-8-sig"


def csv_records(data, delim, encoding="utf-8-sig"):
    """Python's csv module: (start line, values) of every record, blank ones included."""
    text = data.decode(encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=False)
    out, prev = [], 0
    try:
        for values in reader:
            out.append((prev + 1, values))
            prev = reader.line_num
    except csv.Error as e:
        return out, str(e)
    return out, None


def physical_lines(data, encoding="utf-8-sig"):
    return re.split(r"\r\n|\r|\n", data.decode(encoding))


def is_blank(line_no, values, phys):
    """pandas skips empty lines and lines of spaces and tabs; a quoted empty field is a row."""
    if not values:
        return True
    return len(values) == 1 and values[0].strip(" \t") == "" and '"' not in phys[line_no - 1]


# pandas 2 reads "None" as missing by default; on pandas 1.x it is added, so the truth is pandas 2's
PANDAS2_NA = {} if int(pd.__version__.split(".")[0]) >= 2 else {"na_values": ["None"]}


def pandas_stats(data, delim, ncols, cat, **kw):
    if kw.get("keep_default_na", True):
        kw = {**PANDAS2_NA, **kw}
    df = pd.read_csv(io.BytesIO(data), sep=delim, dtype=str, usecols=range(ncols), **kw)
    counts = df.iloc[:, cat].value_counts(dropna=False)
    return df, {
        "missing": [int(x) for x in df.isna().sum()],
        "duplicates": int(df.duplicated().sum()),
        "categories": sorted([[None if pd.isna(k) else k, int(v)] for k, v in counts.items()], key=lambda kv: (kv[0] is None, kv[0] or "")),
    }


PANDAS_BUGS = {"cr-leading-space.csv"}


def truth_for(name, data, delim, cat):
    enc = encoding_of(name)
    recs, csv_error = csv_records(data, delim, enc)
    phys = physical_lines(data, enc)
    kept = [(line, vals) for line, vals in recs if not is_blank(line, vals, phys)]
    header, rows = kept[0], kept[1:]
    ncols = len(header[1])
    t = {"delimiter": delim, "bom": data.startswith(BOM), "category_index": cat,
         "csv": {"error": csv_error, "header": header[1], "header_line": header[0],
                 "records": [[line, len(vals), vals] for line, vals in rows]}}
    try:
        df, default = pandas_stats(data, delim, ncols, cat, encoding=enc)
        _, plain_str = pandas_stats(data, delim, ncols, cat, keep_default_na=False, encoding=enc)
        empty = [int((df_col == "").sum()) for _, df_col in pd.read_csv(io.BytesIO(data), sep=delim, dtype=str, usecols=range(ncols), keep_default_na=False, encoding=enc).items()]
        t["pandas"] = {"rows": len(df), "columns": ncols, "names": [str(c) for c in df.columns], "missing": default["missing"], "duplicates": default["duplicates"],
                       "categories": default["categories"], "keep_default_na_false": {"missing": plain_str["missing"], "empty": empty, "duplicates": plain_str["duplicates"]}}
        if name in PANDAS_BUGS:
            t["pandas"]["disagrees_with_csv"] = True
        elif len(df) != len(rows):
            sys.exit(f"{name}: the csv module's records without blank lines ({len(rows)}) are not pandas' rows ({len(df)})")
    except Exception as e:  # noqa: BLE001  (pandas refuses, e.g. a quote never closed)
        t["pandas"] = {"error": f"{type(e).__name__}: {str(e).strip()}"}
    try:
        t["pandas_plain"] = {"rows": len(pd.read_csv(io.BytesIO(data), sep=delim, dtype=str, encoding=enc))}
    except Exception as e:  # noqa: BLE001
        t["pandas_plain"] = {"error": f"{type(e).__name__}: {str(e).strip()}"}
    err = io.StringIO()
    with contextlib.redirect_stderr(err), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            pd.read_csv(io.BytesIO(data), sep=delim, dtype=str, on_bad_lines="warn", encoding=enc)
        except Exception:  # noqa: BLE001
            pass
    said = err.getvalue() + "".join(str(w.message) for w in caught)
    t["pandas_warn_lines"] = [int(n) for n in re.findall(r"Skipping line (\d+)", said)]
    return t


def header_names():
    """The column names pandas makes of headers with repeated and empty names (hand-made, then seeded random)."""
    headers = ["a,a,a,a.1,a.1", "x,,x,Unnamed: 1,x.1,x", ",,,", "a,,a,,Unnamed: 1", "b,a,,a.1,a,Unnamed: 2,,"]
    rnd = random.Random(1234)
    pieces = ["a", "a", "a.1", "a.2", "a.1.1", "", "", "Unnamed: 1", "Unnamed: 2.1", "b", "b.1"]
    headers += [",".join(rnd.choice(pieces) for _ in range(rnd.randint(2, 9))) for _ in range(60)]
    out = []
    for h in headers:
        data = (h + "\n" + ",".join("1" for _ in h.split(",")) + "\n").encode()
        out.append([h.split(","), [str(c) for c in pd.read_csv(io.BytesIO(data), dtype=str).columns]])
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    with open(os.path.join(OUT, ".gitattributes"), "w") as fh:  # the bytes are the test: no line-end conversion on checkout
        fh.write("* -text\n")
    truth = {"python": sys.version.split()[0], "pandas": pd.__version__, "na_values": "pandas 2 defaults" + (" (pandas 1.x defaults + 'None')" if PANDAS2_NA else ""), "files": {}}
    files = []
    for name, (data, cat_name) in HAND.items():
        delim = {"tsv": "\t", "psv": "|"}.get(name.rsplit(".", 1)[1], ";" if name.startswith("semicolon") else ",")
        recs, _ = csv_records(data, delim, encoding_of(name))
        header = next(v for line, v in recs if not is_blank(line, v, physical_lines(data, encoding_of(name))))
        files.append((name, data, delim, header.index(cat_name)))
    files += [random_file(seed) for seed in range(40)]
    for name, data, delim, cat in files:
        with open(os.path.join(OUT, name), "wb") as fh:
            fh.write(data)
        truth["files"][name] = truth_for(name, data, delim, cat)
    truth["header_names"] = header_names()
    with open(os.path.join(OUT, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    size = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"wrote {len(files)} files and truth.json to {os.path.relpath(OUT, ROOT)} ({size // 1024} KB)")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Executes tutorial notebooks and holds their printed numbers to the C++ core.

Usage: /usr/bin/python3 tests/notebooks/run.py [--json] [--timeout S] NOTEBOOK.ipynb...

For each notebook (the conventions are in notebooks/README.md):
  1. nbformat 4 and valid against its schema (nbformat.validate);
  2. committed without outputs (every code cell: outputs [], execution_count null);
  3. well-formed posenc metadata: widget cells name a known widget, either as a
     code cell `posenc_widget.show("<widget>", ...)` that agrees with its metadata, followed by
     its caption cell, or as a markdown cell (the caption itself); checks name
     printed / cli / select (tol optional, default 1e-6);
  4. at least one check;
  5. executes top to bottom (nbclient, kernel python3, a timeout per cell) with no
     error output and nothing on stderr;
  6. every check: the cell printed a line `<printed> = <numbers>`, and the core
     (`posenc <cli> --format json`, the binary from $POSENC_BIN or
     build/native/posenc) gives the same count of numbers at the JSON path
     `select`, each within |a - b| <= tol * max(1, |b|).

Prints one line per problem (notebook, 1-based cell number, printed name, first
mismatches) and exits 1 if there is any; with --json, prints one JSON report per
notebook instead (read by tests/notebooks/notebooks.test.mjs).
"""

import argparse
import ast
import hashlib
import json
import math
import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "notebooks"))  # posenc_widget: what a widget cell's show() means
BIN = Path(os.environ.get("POSENC_BIN") or ROOT / "build/native/posenc")
DEFAULT_TOL = 1e-6
FIRST_MISMATCHES = 3

# The contract's widget names (custom element posenc-<name>).
WIDGETS = {
    "sum-of-embeddings", "naive-index", "naive-normalized", "naive-random",
    "learned-table", "sinusoidal-heatmap", "sinusoidal-similarity",
    "relative-matrix", "t5-buckets", "rope-rotation", "rope-decay", "alibi-bias",
    "fire-bias", "conv-position", "nope-permutation", "orthogonality",
    "requirements-table", "attention-map", "extrapolation-lab",
}


# ---------------------------------------------------------------- selection

_TOKEN = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(-?\d+)\]|\[(-?\d*):(-?\d*)\]")


def select(doc, path):
    """Follows `path` into a JSON document: keys (`a.b`), indices (`[i]`, negative
    from the end) and slices (`[a:b]`), applied left to right as in Python, so
    `data[0:3][1]` is row 1 of the first three rows. Raises ValueError."""
    rest = path if path.startswith(("[", ".")) or not path else "." + path
    value, pos = doc, 0
    while pos < len(rest):
        m = _TOKEN.match(rest, pos)
        if not m:
            raise ValueError(f"select {path!r}: cannot parse {rest[pos:]!r}")
        key, index, start, stop = m.groups()
        if key is not None:
            if not isinstance(value, dict) or key not in value:
                keys = sorted(value) if isinstance(value, dict) else type(value).__name__
                raise ValueError(f"select {path!r}: no key {key!r} (have {keys})")
            value = value[key]
        elif not isinstance(value, list):
            raise ValueError(f"select {path!r}: {m.group(0)} applied to a {type(value).__name__}")
        elif index is not None:
            i = int(index)
            if not -len(value) <= i < len(value):
                raise ValueError(f"select {path!r}: index {i} out of range (length {len(value)})")
            value = value[i]
        else:
            value = value[int(start) if start else None:int(stop) if stop else None]
        pos = m.end()
    return value


def flatten(value):
    """Nested lists of numbers (None for a masked entry) -> flat list; an object
    (train's accuracy per length) contributes its values in the order written."""
    if isinstance(value, dict):
        return [x for v in value.values() for x in flatten(v)]
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in flatten(v)]
    if value is None or isinstance(value, (int, float)):
        return [None if value is None else float(value)]
    raise ValueError(f"not a number: {value!r}")


def parse_printed(text):
    """The numbers after `name = `: one number or a (nested) list, as Python's
    print writes them; nan is a masked entry. Raises ValueError."""
    text = re.sub(r"\bnan\b", "None", text.strip())
    text = re.sub(r"\binf\b", "1e999", text)
    try:
        return flatten(ast.literal_eval(text))
    except (ValueError, SyntaxError) as e:
        raise ValueError(f"cannot read numbers from {text[:80]!r}: {e}") from None


def compare(got, want, tol):
    """Elementwise |a - b| <= tol * max(1, |b|); a null wants None or NaN.
    Returns a list of (index, got, want) that fail."""
    bad = []
    for k, (a, b) in enumerate(zip(got, want)):
        if b is None:
            ok = a is None or math.isnan(a)
        else:
            ok = a is not None and abs(a - b) <= tol * max(1.0, abs(b))
        if not ok:
            bad.append((k, a, b))
    return bad


# ---------------------------------------------------------------- the core

_accepts_format = {}


def run_cli(cli):
    """`posenc <cli> --format json` -> parsed JSON. Commands without a --format
    option (rope-apply, attention: JSON only) get none. Raises ValueError."""
    args = shlex.split(cli)
    if not args:
        raise ValueError("empty cli")
    if not BIN.exists():
        raise ValueError(f"no posenc binary at {BIN} (npm run build:native, or set POSENC_BIN)")
    command = args[0]
    if command not in _accepts_format:
        h = subprocess.run([str(BIN), command, "--help"], capture_output=True, text=True)
        _accepts_format[command] = "--format" in h.stdout
    if _accepts_format[command] and "--format" not in args:
        args += ["--format", "json"]
    r = subprocess.run([str(BIN), *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise ValueError(f"posenc {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    return json.loads(r.stdout)


# ---------------------------------------------------------------- a notebook

def cell_text(cell):
    """Everything a code cell showed: streams and text/plain results."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stdout":
            parts.append(out.get("text", ""))
        elif out.get("output_type") in ("execute_result", "display_data"):
            parts.append(out.get("data", {}).get("text/plain", "") + "\n")
    return "".join(parts)


def metadata_problems(nb):
    """Malformed posenc metadata, one message per problem; and the checks."""
    problems, checks = [], []
    for n, cell in enumerate(nb.cells, 1):
        meta = cell.get("metadata", {}).get("posenc")
        if meta is None:
            continue
        if not isinstance(meta, dict):
            problems.append(f"cell {n}: metadata.posenc is not an object")
            continue
        if "widget" in meta:
            name, attrs = meta["widget"], meta.get("attributes", {})
            if cell.cell_type == "code":
                problems += [f"cell {n}: {p}" for p in live_widget_problems(cell, meta, nb.cells[n:n + 1])]
            elif cell.cell_type != "markdown":
                problems.append(f"cell {n}: widget {name!r} is on a {cell.cell_type} cell (must be code or markdown)")
            if name not in WIDGETS:
                problems.append(f"cell {n}: unknown widget {name!r} (known: {', '.join(sorted(WIDGETS))})")
            if not isinstance(attrs, dict) or not all(
                    re.fullmatch(r"[a-z][a-z0-9-]*", k) and isinstance(v, (str, int, float)) and not isinstance(v, bool)
                    for k, v in attrs.items()):
                problems.append(f"cell {n}: widget {name!r}: attributes must map kebab-case names to strings")
            if cell.cell_type == "markdown" and not "".join(cell.source).strip():
                problems.append(f"cell {n}: widget {name!r} has no caption")
        if meta.get("caption") is not None:
            before = nb.cells[n - 2] if n >= 2 else None
            if meta["caption"] is not True or cell.cell_type != "markdown":
                problems.append(f"cell {n}: metadata.posenc.caption must be true, on a markdown cell")
            elif before is None or before.cell_type != "code" or "widget" not in before.get("metadata", {}).get("posenc", {}):
                problems.append(f"cell {n}: a caption cell must follow a widget code cell")
        for c in meta.get("checks", []):
            if cell.cell_type != "code":
                problems.append(f"cell {n}: checks on a {cell.cell_type} cell")
            elif not isinstance(c, dict) or not all(isinstance(c.get(k), str) for k in ("printed", "cli", "select")):
                problems.append(f"cell {n}: a check needs printed, cli and select (strings): {c!r}")
            elif not isinstance(c.get("tol", DEFAULT_TOL), (int, float)) or c.get("tol", DEFAULT_TOL) < 0:
                problems.append(f"cell {n}: check {c['printed']!r}: tol must be a number >= 0")
            else:
                checks.append((n, c))
    return problems, checks


def live_widget_problems(cell, meta, after):
    """A widget code cell (notebooks/README.md): its source is `posenc_widget.show("<widget>",
    k=v, ...)` (after an optional `import posenc_widget`) naming the metadata's widget
    and attributes, and the next cell (`after`, a list of at most one) is its caption.
    Returns the problems, without the cell number."""
    name = meta["widget"]
    want = {k: str(v) for k, v in (meta.get("attributes") or {}).items()} if isinstance(meta.get("attributes", {}), dict) else None
    usage = f'must be `posenc_widget.show({name!r}, ...)` with the metadata\'s attributes'
    problems = []
    try:
        body = ast.parse("".join(cell.source)).body
    except SyntaxError:
        body = []
    if body and isinstance(body[0], ast.Import) and [a.name for a in body[0].names] == ["posenc_widget"]:
        body = body[1:]
    call = body[0].value if len(body) == 1 and isinstance(body[0], ast.Expr) else None
    func = getattr(call, "func", None)
    if not (isinstance(call, ast.Call) and isinstance(func, ast.Attribute) and func.attr == "show"
            and isinstance(func.value, ast.Name) and func.value.id == "posenc_widget"
            and len(call.args) == 1 and isinstance(call.args[0], ast.Constant)
            and all(k.arg and isinstance(k.value, ast.Constant) for k in call.keywords)):
        problems.append(f"widget {name!r}: the code {usage}")
    else:
        from posenc_widget import attribute_text
        try:
            got = {k.arg.replace("_", "-"): attribute_text(k.arg, k.value.value) for k in call.keywords}
        except TypeError as e:
            got = str(e)
        if call.args[0].value != name or got != want:
            problems.append(f"widget {name!r}: show({call.args[0].value!r}, {got}) differs from the metadata "
                            f"({name!r}, {want}): the figure in Jupyter would not be the site's")
    caption = after[0] if after else None
    if caption is None or caption.cell_type != "markdown" or caption.get("metadata", {}).get("posenc", {}).get("caption") is not True:
        problems.append(f"widget {name!r} has no caption (the next cell: markdown, metadata {{\"posenc\": {{\"caption\": true}}}})")
    elif not "".join(caption.source).strip():
        problems.append(f"widget {name!r} has an empty caption")
    return problems


def check_one(n, check, cell):
    """One check against the core; returns None or a message."""
    printed, tol = check["printed"], float(check.get("tol", DEFAULT_TOL))
    where = f"cell {n} `{printed}`"
    prefix = printed + " = "
    lines = [l for l in cell_text(cell).splitlines() if l.startswith(prefix)]
    if not lines:
        return f"{where}: no output line starts with {prefix!r}"
    try:
        got = parse_printed(lines[0][len(prefix):])
        want = flatten(select(run_cli(check["cli"]), check["select"]))
    except ValueError as e:
        return f"{where}: {e}"
    if len(got) != len(want):
        return f"{where}: printed {len(got)} numbers, posenc {check['cli']} [{check['select']}] has {len(want)}"
    bad = compare(got, want, tol)
    if bad:
        first = "; ".join(f"[{k}] got {a!r}, core {b!r}" for k, a, b in bad[:FIRST_MISMATCHES])
        return (f"{where}: {len(bad)} of {len(want)} differ from posenc {check['cli']} "
                f"[{check['select']}] beyond tol {tol:g}; first: {first}")
    return None


def run_notebook(path, timeout, save_dir=None):
    """Returns the report: {notebook, ok, problems, checks, seconds}. With save_dir, a
    notebook that passes is also written there executed, in web/site/execute.py's
    cache format (<name>.ipynb and <name>.sha256 of the source bytes), so the site
    build that follows in `npm test` reuses it instead of running it again."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    t0 = time.monotonic()
    report = {"notebook": str(path), "problems": [], "checks": []}
    problems = report["problems"]
    try:
        nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
    except Exception as e:  # unreadable JSON or not a notebook at all
        problems.append(f"cannot read: {e}")
        return finish(report, t0)
    if nb.get("nbformat") != 4:
        problems.append(f"nbformat {nb.get('nbformat')}, want 4")
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as e:
        problems.append(f"not valid nbformat: {str(e).splitlines()[0]}")
        return finish(report, t0)

    for n, cell in enumerate(nb.cells, 1):
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            problems.append(f"cell {n}: committed with outputs (clear them before committing)")
    meta_problems, checks = metadata_problems(nb)
    problems += meta_problems
    if not checks:
        problems.append("no checks: a chapter must hold the numbers it prints to the core")

    for cell in nb.cells:  # run what is committed, starting clean either way
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    client = NotebookClient(nb, kernel_name="python3", timeout=timeout,
                            resources={"metadata": {"path": str(Path(path).resolve().parent)}})
    try:
        client.execute()
    except CellTimeoutError as e:
        problems.append(f"timed out (over {timeout} s in one cell): {str(e).splitlines()[0]}")
    except CellExecutionError:
        pass  # reported from the cell's error output below
    except Exception as e:  # kernel died or could not start
        problems.append(f"execution failed: {type(e).__name__}: {e}")

    for n, cell in enumerate(nb.cells, 1):
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            if out.output_type == "error":
                problems.append(f"cell {n}: raised {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {n}: wrote to stderr: {out.text.strip()[:200]}")

    for n, check in checks:
        message = check_one(n, check, nb.cells[n - 1])
        report["checks"].append({"cell": n, "printed": check["printed"], "cli": check["cli"],
                                 "select": check["select"], "ok": message is None})
        if message:
            problems.append(message)
    if save_dir and not problems:
        save_executed(path, nb, Path(save_dir))
    return finish(report, t0)


def save_executed(path, nb, out_dir):
    """Writes the executed notebook where web/site/execute.py looks for its cache."""
    out_dir.mkdir(parents=True, exist_ok=True)
    name = Path(path).stem
    nbformat.write(nb, str(out_dir / (name + ".ipynb")))
    (out_dir / (name + ".sha256")).write_text(hashlib.sha256(Path(path).read_bytes()).hexdigest())


def finish(report, t0):
    report["ok"] = not report["problems"]
    report["seconds"] = round(time.monotonic() - t0, 2)
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="+", type=Path)
    ap.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    ap.add_argument("--json", action="store_true", help="one JSON report per notebook, one per line")
    ap.add_argument("--save-executed", metavar="DIR", help="write each passing notebook, executed, to DIR (the site build's cache)")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # notebooks may run side by side
    failed = False
    for path in args.notebooks:
        report = run_notebook(path, args.timeout, args.save_executed)
        failed |= not report["ok"]
        if args.json:
            print(json.dumps(report), flush=True)
        else:
            status = "ok" if report["ok"] else "FAIL"
            print(f"{status} {path}: {len(report['checks'])} checks, {report['seconds']} s", flush=True)
            for p in report["problems"]:
                print(f"  {path}: {p}", flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

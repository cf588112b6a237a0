"""Executes notebooks for the site, so the pages can show each code cell's output.

Usage: /usr/bin/python3 web/site/execute.py OUT_DIR NOTEBOOK...

Each NOTEBOOK runs top to bottom in a fresh python3 kernel (nbclient; Debian's
python3 with its torch) and is written to OUT_DIR/<name>.ipynb, next to
OUT_DIR/<name>.sha256, the SHA-256 of the source notebook's bytes. A notebook
whose hash matches is not run again. The kernel's working directory is the
notebook's folder, as in Jupyter.

A cell that raises stops everything: one line on stderr names the notebook, the
cell (1-based, in file order) and the exception, and the exit status is 1.
Exit status 2: a missing module (nbclient/nbformat; run `npm run setup`).
"""
import hashlib
import os
import sys
import time

os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # the kernel's debugger warnings

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
except ImportError as e:
    print(f"execute.py: {e}; run `npm run setup` (python3-nbclient, python3-nbformat, python3-ipykernel)", file=sys.stderr)
    sys.exit(2)

TIMEOUT_S = int(os.environ.get("POSENC_CELL_TIMEOUT", "600"))  # per cell


def failing_cell(nb):
    """1-based index of the first code cell whose outputs hold an error, or None."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i + 1
    return None


def execute(path, out_dir):
    """Runs one notebook unless its cached copy is current; returns 'cached' or the seconds it took."""
    name = os.path.splitext(os.path.basename(path))[0]
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    target = os.path.join(out_dir, name + ".ipynb")
    stamp = os.path.join(out_dir, name + ".sha256")
    if os.path.exists(target) and os.path.exists(stamp):
        with open(stamp) as f:
            if f.read().strip() == digest:
                return "cached"
    nb = nbformat.read(path, as_version=4)
    start = time.monotonic()
    client = NotebookClient(nb, kernel_name="python3", timeout=TIMEOUT_S,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    try:
        client.execute()
    except CellExecutionError as e:
        cell = failing_cell(nb)
        where = f"cell {cell}" if cell else "a cell"
        last = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
        print(f"{path}: {where}: execution failed: {last}", file=sys.stderr)
        sys.exit(1)
    except Exception as e:  # a kernel that dies or times out
        print(f"{path}: execution failed: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    # Write the copy first, then its stamp: a crash in between only costs a rerun.
    tmp = target + ".tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, target)
    with open(stamp, "w") as f:
        f.write(digest + "\n")
    return time.monotonic() - start


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out_dir, notebooks = argv[0], argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    for path in notebooks:
        result = execute(path, out_dir)
        print(f"  {path}: {'unchanged, not rerun' if result == 'cached' else f'executed in {result:.1f} s'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

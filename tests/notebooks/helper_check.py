#!/usr/bin/python3
"""Checks notebooks/posenc_widget.py, then makes the notebook the browser test opens.

Usage: /usr/bin/python3 tests/notebooks/helper_check.py OUT_DIR

Python-level checks (each raises AssertionError on failure): attribute names map
to kebab case and values are escaped with quote=True; bad widget names, attribute
names and value types raise errors that name them; a missing script raises
WidgetScriptMissing naming the path and `npm run build:widgets`; the script is
embedded in the first figure of a session only (or when asked). Then a two-figure
notebook is executed with nbclient and exported with nbconvert to
OUT_DIR/helper.html; prints that path.
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "notebooks"))
import posenc_widget as pw  # noqa: E402


def expect_error(kind, words, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except kind as e:
        for w in words:
            assert w in str(e), f"{kind.__name__} message {str(e)!r} lacks {w!r}"
        return
    raise AssertionError(f"{fn.__name__}{args}{kwargs} did not raise {kind.__name__}")


def python_checks():
    fig = pw.show("rope-decay", max_distance=256, axis='"><script>alert(1)</script>', script=False)
    html = fig._repr_html_()
    assert '<posenc-rope-decay max-distance="256" axis="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">' in html, html
    assert "<script" not in html.replace("&lt;script", ""), "a value reached the HTML as markup"
    assert pw.attribute_text("causal", True) == "true" and pw.attribute_text("base", 0.5) == "0.5"
    expect_error(ValueError, ["widget", "'no-such-widget'", "rope-decay"], pw.show, "no-such-widget")
    expect_error(ValueError, ["widget", "<b>"], pw.show, "<b>")
    expect_error(ValueError, ["Max_Distance"], pw.show, "rope-decay", Max_Distance=3)
    expect_error(TypeError, ["base", "list"], pw.show, "rope-decay", base=[1])
    os.environ["POSENC_WIDGETS_JS"] = "/nonexistent/posenc-widgets.js"
    expect_error(pw.WidgetScriptMissing, ["/nonexistent/posenc-widgets.js"], pw.show, "rope-decay")
    del os.environ["POSENC_WIDGETS_JS"]
    saved = pw.CANDIDATES
    pw.CANDIDATES = (Path("/nonexistent/build/web/posenc-widgets.js"),)
    expect_error(pw.WidgetScriptMissing, ["/nonexistent/build/web/posenc-widgets.js", "npm run build:widgets"], pw.show, "rope-decay")
    pw.CANDIDATES = saved
    # Once per session: the first displayed figure carries the script, the next does not, script=True forces it.
    pw._state["script_shown"] = False
    first, second = pw.show("alibi-bias")._repr_html_(), pw.show("alibi-bias")._repr_html_()
    forced = pw.show("alibi-bias", script=True)._repr_html_()
    assert first.count("data-posenc-widgets") == 1 and "data-posenc-widgets" not in second and "data-posenc-widgets" in forced
    assert "posenc alibi-bias figure" in repr(pw.show("alibi-bias"))


def export(out_dir):
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(f"import sys\nsys.path.insert(0, {str(ROOT / 'notebooks')!r})\nimport posenc_widget"),
        nbformat.v4.new_code_cell('posenc_widget.show("rope-decay", dim=64, max_distance=128)'),
        nbformat.v4.new_code_cell('posenc_widget.show("alibi-bias", heads=4, length=12)'),
    ]
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    for c in nb.cells:
        assert not any(o.get("output_type") == "error" for o in c.outputs), c.outputs
    html_outputs = [o["data"]["text/html"] for c in nb.cells for o in c.outputs if "text/html" in o.get("data", {})]
    assert len(html_outputs) == 2 and "data-posenc-widgets" in html_outputs[0] and "data-posenc-widgets" not in html_outputs[1]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(out / "helper.ipynb"))
    r = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", str(out / "helper.ipynb")], capture_output=True, text=True)
    assert r.returncode == 0, f"nbconvert failed: {r.stderr[-2000:]}"
    return out / "helper.html"


if __name__ == "__main__":
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    python_checks()
    print(export(sys.argv[1]))

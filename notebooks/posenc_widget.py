"""Live posenc figures in Jupyter and in the HTML that nbconvert exports.

Usage (a notebook in this folder, the python3 kernel)::

    from posenc_widget import show
    show("rope-decay", dim=128, max_distance=256)   # <posenc-rope-decay dim="128" max-distance="256">

`show(widget, **attributes)` returns a display object whose HTML is the custom
element `posenc-<widget>` with the attributes (Python names with underscores
become the kebab-case attribute names: `max_distance` -> `max-distance`; True and
False become "true" and "false"; numbers their `str`), plus, the first time a
figure is displayed in a kernel session, the whole of `posenc-widgets.js` as an
inline <script> (about 0.7 MB: the WebAssembly core and every widget). Later
figures reuse the elements that script registered. Loading it twice is harmless
(a widget already registered is not registered again). `show(..., script=True)`
embeds it again, for instance after "Clear All Outputs" removed the first copy.

The figure runs where HTML outputs may run scripts: classic Jupyter and
JupyterLab (a trusted notebook: one you executed, or File > Trust Notebook), and
the page of `jupyter nbconvert --to html`. Elsewhere (GitHub's viewer, an
untrusted notebook) the text form says what it would show.

The script is looked for at $POSENC_WIDGETS_JS, else build/web/posenc-widgets.js,
else dist/posenc-widgets.js of this repository (`npm run build:widgets` writes
the first). A missing script raises WidgetScriptMissing naming the paths tried.
"""
import html
import os
import re
from pathlib import Path

__all__ = ["show", "Figure", "WidgetScriptMissing", "script_path", "attribute_text"]

ROOT = Path(__file__).resolve().parent.parent
CANDIDATES = (ROOT / "build/web/posenc-widgets.js", ROOT / "dist/posenc-widgets.js")
INDEX = ROOT / "web/widgets/index.js"  # the widget registry, when this is the repository
KEBAB = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

_state = {"script_shown": False, "script": None}


class WidgetScriptMissing(FileNotFoundError):
    """posenc-widgets.js is not where it was looked for; the message says what to run."""


def script_path():
    """The path of posenc-widgets.js: $POSENC_WIDGETS_JS, else the first of CANDIDATES
    that exists. Raises WidgetScriptMissing naming every path tried."""
    env = os.environ.get("POSENC_WIDGETS_JS")
    if env:
        if Path(env).is_file():
            return Path(env)
        raise WidgetScriptMissing(f"POSENC_WIDGETS_JS={env}: no such file")
    for p in CANDIDATES:
        if p.is_file():
            return p
    tried = ", ".join(str(p) for p in CANDIDATES)
    raise WidgetScriptMissing(f"posenc-widgets.js not found (tried {tried}): run `npm run build:widgets` "
                              "in the repository, or set POSENC_WIDGETS_JS to its path")


def known_widgets():
    """The widget names registered in web/widgets/index.js (`define('<name>', ...)`), or
    None outside the repository (then any kebab-case name is accepted)."""
    if not INDEX.is_file():
        return None
    return sorted(set(re.findall(r"""define\(\s*['"]([a-z0-9-]+)['"]""", INDEX.read_text(encoding="utf-8"))))


def attribute_text(name, value):
    """One attribute's text as the widget parses it: bool -> "true"/"false", int and
    float -> str(value), str as is. Raises TypeError for anything else (naming it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    raise TypeError(f"show(): attribute {name}: got {value!r} ({type(value).__name__}); "
                    "allowed: str, int, float or bool")


def _check_widget(widget):
    if not isinstance(widget, str) or not KEBAB.fullmatch(widget):
        raise ValueError(f"show(): widget: got {widget!r}; allowed: a kebab-case widget name such as 'rope-decay'")
    names = known_widgets()
    if names is not None and widget not in names:
        raise ValueError(f"show(): widget: got {widget!r}; allowed: one of {', '.join(names)}")


def _attributes(attributes):
    pairs = []
    for key, value in attributes.items():
        name = key.replace("_", "-")
        if not KEBAB.fullmatch(name):
            raise ValueError(f"show(): attribute name {key!r}: allowed: lower-case words joined by _ "
                             "(max_distance -> max-distance)")
        pairs.append((name, attribute_text(name, value)))
    return pairs


class Figure:
    """A posenc widget as a display object: `_repr_html_` is the element (and, once
    per kernel session or when asked, the script); `repr` says what it shows."""

    def __init__(self, widget, attributes, script=None):
        self.widget, self.attributes, self.script = widget, attributes, script

    def element_html(self):
        """The custom element alone, every attribute value escaped (html.escape, quote=True)."""
        attrs = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in self.attributes)
        return f"<posenc-{self.widget}{attrs}></posenc-{self.widget}>"

    def _repr_html_(self):
        # Decided when displayed, not when made: the first figure shown carries the script.
        include = self.script if self.script is not None else not _state["script_shown"]
        parts = []
        if include:
            if _state["script"] is None:
                _state["script"] = script_path().read_text(encoding="utf-8")
            # "</script" inside the code would end the element early; the bundle has none, but be sure.
            code = _state["script"].replace("</script", "<\\/script")
            parts.append(f'<script data-posenc-widgets="inline">{code}</script>')
            _state["script_shown"] = True
        parts.append(f'<div class="posenc-output" style="max-width:100%;overflow-x:auto">{self.element_html()}</div>')
        return "\n".join(parts)

    def __repr__(self):
        attrs = " ".join(f"{k}={v!r}" for k, v in self.attributes)
        return f"posenc {self.widget} figure ({attrs or 'defaults'}): live where the notebook's HTML outputs run scripts"


def show(widget, *, script=None, **attributes):
    """Returns the live figure `posenc-<widget>` with `attributes` (see the module's
    doc). `script`: True embeds posenc-widgets.js in this output, False never,
    None (default) in the first figure displayed in this kernel session.
    Raises ValueError for a bad widget or attribute name, TypeError for a value
    that is not str, int, float or bool, and WidgetScriptMissing when displayed
    without the script where it must be embedded."""
    _check_widget(widget)
    figure = Figure(widget, _attributes(attributes), script)
    if figure.script or (figure.script is None and not _state["script_shown"]):
        script_path()  # fail here, in the cell that asked, rather than in the display hook
    return figure

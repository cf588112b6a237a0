#!/usr/bin/python3
"""Turns a chapter's markdown widget cells into live widget cells (notebooks/README.md).

Usage: /usr/bin/python3 tests/notebooks/convert_widget_cells.py NOTEBOOK.ipynb...

A markdown cell whose metadata names a widget,

    {"posenc": {"widget": "rope-decay", "attributes": {"dim": "128"}}}   source: the caption

becomes two cells: a code cell that shows the widget in Jupyter and carries the
same metadata (the site draws its figure from the metadata and ignores its output),

    import posenc_widget
    posenc_widget.show("rope-decay", dim=128)

followed by the caption, a markdown cell marked {"posenc": {"caption": true}}.
An empty attribute (an HTML boolean attribute: present means true) is written as
True and stored as "true". Cells already converted are left alone; running it
twice changes nothing. The notebook is rewritten as nbformat writes it.
"""
import json
import sys

import nbformat

IMPORT = "import posenc_widget"  # a module name: a chapter may have its own show()


def literal(text):
    """The Python literal of an attribute's text: an int or float when it reads back
    identically, True/False for "", "true", "false", else the string itself."""
    if text in ("", "true"):
        return "True"
    if text == "false":
        return "False"
    for kind in (int, float):
        try:
            if str(kind(text)) == text:
                return text
        except ValueError:
            pass
    return json.dumps(text)


def show_source(widget, attributes):
    """The code of a widget cell: the import and one show() call, attributes in metadata order."""
    args = [json.dumps(widget)] + [f"{k.replace('-', '_')}={literal(str(v))}" for k, v in attributes.items()]
    return f"{IMPORT.split('  #')[0]}\nposenc_widget.show({', '.join(args)})"


def convert(nb):
    """Returns the number of cells converted; edits `nb` in place."""
    cells, done = [], 0
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("posenc", {})
        if cell.cell_type != "markdown" or "widget" not in meta:
            cells.append(cell)
            continue
        attributes = {k: ("true" if str(v) == "" else str(v)) for k, v in meta.get("attributes", {}).items()}
        widget_meta = {"widget": meta["widget"], "attributes": attributes} if attributes else {"widget": meta["widget"]}
        code = nbformat.v4.new_code_cell(source=show_source(meta["widget"], attributes),
                                         metadata={"posenc": widget_meta})
        code["id"] = cell["id"]
        caption = nbformat.v4.new_markdown_cell(source=cell.source, metadata={"posenc": {"caption": True}})
        caption["id"] = (cell["id"] + "-caption")[-64:]
        cells += [code, caption]
        done += 1
    nb.cells = cells
    return done


def main(paths):
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        n = convert(nb)
        nbformat.validate(nb)
        if n:
            nbformat.write(nb, path)
        print(f"{path}: {n} widget cells converted")


if __name__ == "__main__":
    main(sys.argv[1:])

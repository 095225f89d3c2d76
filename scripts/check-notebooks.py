"""Checks the exported Jupyter notebooks (docs/notebooks/ipynb) with Jupyter's own tools.

  check-notebooks.py validate FILE...
      Each file is read by nbformat and validated against the nbformat 4 schema; every code cell but the
      first (the setup cell) must carry stored outputs, so the notebook shows everything without running; and
      the file must be byte for byte what nbformat itself writes, so that saving it in Jupyter changes nothing.

  check-notebooks.py execute [--tool PATH] FILE...
      Each notebook is executed with `jupyter nbconvert --to notebook --execute` (the standard IPython
      kernel) and its outputs compared with the stored ones: the text of each cell's stdout exactly (the
      kernel delivers it in chunks, which are joined first), and every displayed PNG by presence and pixel size.
      With --tool, a copy runs in a scratch folder with the cells' `notebook` command replaced by PATH (so a
      test uses the tool it just built); without it, the notebook runs in its own folder as a reader would.

Run it with the project's virtual environment (`make setup` creates it): `.venv/bin/python scripts/check-notebooks.py`.
Exit status: 0 when every file passes, 1 otherwise, 64 on bad usage.
"""

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import base64

import nbformat

DEFAULT_TOOL = "../../../.build/release/notebook"


def validate(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    problems = []
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    empty = [index for index, cell in enumerate(code[1:], start=2) if not cell.outputs]
    if empty:
        problems.append(f"code cells without stored output: {empty}")
    with open(path, encoding="utf-8") as file:
        if file.read() != nbformat.writes(notebook) + "\n":
            problems.append("not byte for byte what nbformat writes (Jupyter would rewrite it on saving)")
    return problems


def png_size(data):
    raw = base64.b64decode(data)
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", raw[16:24])


def summary(outputs):
    """The outputs as (kind, detail) pairs: consecutive streams of one name joined, images by size."""
    result = []
    for output in outputs:
        kind = output.output_type
        if kind == "stream":
            if result and result[-1][0] == "stream:" + output.name:
                result[-1] = (result[-1][0], result[-1][1] + output.text)
            else:
                result.append(("stream:" + output.name, output.text))
        elif kind in ("display_data", "execute_result"):
            data = output.data
            size = png_size(data["image/png"]) if "image/png" in data else None
            result.append((kind, (sorted(data.keys()), size)))
        elif kind == "error":
            result.append(("error", f"{output.ename}: {output.evalue}"))
    return result


def execute(path, tool):
    stored = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="check-notebooks-") as scratch:
        if tool is None:
            source = os.path.abspath(path)
            folder = os.path.dirname(source)
        else:
            copy = nbformat.read(path, as_version=4)
            for cell in copy.cells:
                if cell.cell_type == "code":
                    cell.source = cell.source.replace(DEFAULT_TOOL, tool)
            source = os.path.join(scratch, os.path.basename(path))
            nbformat.write(copy, source)
            folder = scratch
        executed_path = os.path.join(scratch, "executed.ipynb")
        run = subprocess.run(
            [
                sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=600", "--output-dir", scratch, "--output", "executed.ipynb",
                source,
            ],
            cwd=folder, capture_output=True, text=True,
        )
        if run.returncode != 0:
            return [f"nbconvert failed ({run.returncode}): {run.stderr.strip()[-2000:]}"]
        executed = nbformat.read(executed_path, as_version=4)
    problems = []
    pairs = list(zip(stored.cells, executed.cells))
    if len(stored.cells) != len(executed.cells):
        problems.append(f"{len(stored.cells)} cells stored, {len(executed.cells)} executed")
    for index, (before, after) in enumerate(pairs, start=1):
        if before.cell_type != "code":
            continue
        expected, actual = summary(before.outputs), summary(after.outputs)
        if expected != actual:
            problems.append(f"cell {index}: stored {show(expected)}\n  executed {show(actual)}")
    return problems


def show(outputs):
    return "; ".join(f"{kind} {detail!r}"[:400] for kind, detail in outputs) or "(no output)"


def main(arguments):
    if len(arguments) < 2 or arguments[0] not in ("validate", "execute"):
        print(__doc__, file=sys.stderr)
        return 64
    command, rest = arguments[0], arguments[1:]
    tool = None
    if command == "execute" and rest[:1] == ["--tool"]:
        if len(rest) < 3:
            print("execute --tool needs a path and at least one file", file=sys.stderr)
            return 64
        tool, rest = os.path.abspath(rest[1]), rest[2:]
    failed = 0
    for path in rest:
        try:
            problems = validate(path) if command == "validate" else execute(path, tool)
        except Exception as error:  # a file that cannot be read or parsed is a failure of that file
            problems = [f"{type(error).__name__}: {error}"]
        if problems:
            failed += 1
            print(f"[FAIL] {path}")
            for problem in problems:
                print("  " + problem)
        else:
            print(f"[PASS] {path}: {'valid nbformat 4' if command == 'validate' else 'outputs reproduced'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

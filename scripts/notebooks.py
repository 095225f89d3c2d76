"""The course's Swift notebooks: built from their sources, executed on the `swift` kernel, checked.

Each notebook's source is docs/notebooks/swift/<name>.md: Markdown whose ```swift fences are the code cells
(```swift raises-exception marks a cell that is meant to fail, shown as an example) and whose text between
them is the Markdown cells. Its first line states how many checks the notebook prints:
`<!-- comprobaciones: 12 -->` (the `[PASA]` lines of NotebookSupport's `check`).

  notebooks.py build [NAME...]
      Writes docs/notebooks/ipynb/<name>.ipynb for each source (all by default), executed with nbconvert on the
      `swift` kernel, outputs stored, so that it reads complete without running.

  notebooks.py check [NAME...]
      Builds each notebook afresh in memory and executes it (in docs/notebooks/ipynb, where its relative paths
      point; cells write no files), then checks: no cell fails except the
      ones marked raises-exception (and those do fail); exactly the stated number of `[PASA]` lines and no
      `[FALLA]`; the committed .ipynb has the source's cells and the same outputs (stdout text exactly,
      images by pixel size; lines with a time in seconds are compared without their numbers); it is valid
      nbformat 4 and byte for byte what nbformat writes.

  notebooks.py variant NAME OLD NEW
      Executes the notebook with the text OLD replaced by NEW in its code cells (a changed parameter) and
      prints its standard output; fails when OLD is not found or a cell fails unexpectedly.

Run it with the project's environment: .venv/bin/python scripts/notebooks.py (make setup creates it and
registers the kernel). Exit status: 0 when all pass, 1 otherwise, 64 on bad usage.
"""

import base64
import os
import re
import struct
import sys
import time

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "docs", "notebooks", "swift")
NOTEBOOKS = os.path.join(ROOT, "docs", "notebooks", "ipynb")
KERNEL = {"name": "swift", "display_name": "Swift (UDL Toolkit)", "language": "swift"}
LANGUAGE = {"name": "swift", "mimetype": "text/x-swift", "file_extension": ".swift",
            "codemirror_mode": "swift", "pygments_lexer": "swift"}
CHECKS = re.compile(r"^<!--\s*comprobaciones:\s*(\d+)\s*-->\s*$")
FENCE = re.compile(r"^```swift(?:\s+(raises-exception))?\s*$")
SECONDS = re.compile(r"\d+(?:[.,]\d+)?\s*(?:s|ms|µs)\b")


def names():
    return sorted(f[:-3] for f in os.listdir(SOURCES) if f.endswith(".md"))


def parse(name):
    """The notebook of a source (without outputs) and its stated number of checks."""
    with open(os.path.join(SOURCES, name + ".md"), encoding="utf-8") as file:
        lines = file.read().split("\n")
    match = CHECKS.match(lines[0]) if lines else None
    if not match:
        raise ValueError(f"{name}.md:1: the first line must be <!-- comprobaciones: N -->")
    cells, text, code, tag = [], [], None, None
    for number, line in enumerate(lines[1:], start=2):
        if code is None:
            fence = FENCE.match(line)
            if fence:
                if "\n".join(text).strip():
                    cells.append(nbformat.v4.new_markdown_cell("\n".join(text).strip()))
                text, code, tag = [], [], fence.group(1)
            else:
                text.append(line)
        elif line.strip() == "```":
            cell = nbformat.v4.new_code_cell("\n".join(code).strip("\n"))
            if tag:
                cell.metadata["tags"] = [tag]
            cells.append(cell)
            code = None
        else:
            code.append(line)
    if code is not None:
        raise ValueError(f"{name}.md: a ```swift fence is not closed")
    if "\n".join(text).strip():
        cells.append(nbformat.v4.new_markdown_cell("\n".join(text).strip()))
    for index, cell in enumerate(cells, start=1):
        cell.id = f"celda-{index}"
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = KERNEL
    notebook.metadata["language_info"] = LANGUAGE
    return notebook, int(match.group(1))


def execute(notebook, folder):
    """Runs the notebook's cells in order on the swift kernel, in `folder`; returns the seconds it took."""
    start = time.time()
    ExecutePreprocessor(timeout=900, kernel_name="swift", allow_errors=True, record_timing=False).preprocess(
        notebook, {"metadata": {"path": folder}})
    # Jupyter delivers printed output in chunks whose boundaries depend on timing; the stored notebook must not
    # change with them, so neighbouring chunks of one stream are joined (never across a figure or table).
    for cell in notebook.cells:
        merged = []
        for output in cell.get("outputs", []):
            if (output.output_type == "stream" and merged and merged[-1].output_type == "stream"
                    and merged[-1].name == output.name):
                merged[-1].text += output.text
            else:
                merged.append(output)
        if cell.cell_type == "code":
            cell.outputs = merged
    return time.time() - start


def stdout(cell):
    return "".join(o.text for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == "stdout")


def problems_of_run(notebook, stated):
    problems, passed, failed = [], 0, 0
    for index, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        expected = "raises-exception" in cell.metadata.get("tags", [])
        if errors and not expected:
            problems.append(f"cell {index} failed: {errors[0].ename}: {errors[0].evalue}\n    "
                            + "\n    ".join(errors[0].traceback)[:1500])
        if expected and not errors:
            problems.append(f"cell {index} is marked raises-exception but ran without error")
        text = stdout(cell)
        passed += len(re.findall(r"^\[PASA\]", text, re.M))
        for line in re.findall(r"^\[FALLA\].*$", text, re.M):
            failed += 1
            problems.append(f"cell {index}: {line}")
    if stated is not None and passed != stated:
        problems.append(f"{passed} checks passed, the source states {stated}")
    return problems


def png_size(data):
    raw = base64.b64decode(data)
    return struct.unpack(">II", raw[16:24]) if raw[:8] == b"\x89PNG\r\n\x1a\n" else None


def summary(cell):
    result = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream":
            result.append((output.name, SECONDS.sub("<t>", output.text)))
        elif output.output_type in ("display_data", "execute_result"):
            data = output.data
            image = png_size(data["image/png"]) if "image/png" in data else None
            text = data.get("text/plain", "") if image is None else ""
            result.append((output.output_type, sorted(data.keys()), image, SECONDS.sub("<t>", text)))
        elif output.output_type == "error":
            result.append(("error", output.ename))
    merged = []
    for item in result:
        if merged and item[0] in ("stdout", "stderr") and merged[-1][0] == item[0]:
            merged[-1] = (item[0], merged[-1][1] + item[1])
        else:
            merged.append(item)
    return merged


def compare(committed, fresh):
    problems = []
    if [c.cell_type for c in committed.cells] != [c.cell_type for c in fresh.cells]:
        return ["the committed notebook's cells are not the source's: run scripts/notebooks.py build"]
    for index, (a, b) in enumerate(zip(committed.cells, fresh.cells), start=1):
        if a.source != b.source:
            problems.append(f"cell {index}: the committed source differs from docs/notebooks/swift: run build")
        elif a.cell_type == "code" and summary(a) != summary(b):
            problems.append(f"cell {index}: stored outputs differ from a fresh run:\n    stored   "
                            + repr(summary(a))[:600] + "\n    executed " + repr(summary(b))[:600])
    return problems


def write(notebook, path):
    nbformat.validate(notebook)
    with open(path, "w", encoding="utf-8") as file:
        file.write(nbformat.writes(notebook) + "\n")


def build(name):
    notebook, stated = parse(name)
    seconds = execute(notebook, NOTEBOOKS)
    problems = problems_of_run(notebook, stated)
    write(notebook, os.path.join(NOTEBOOKS, name + ".ipynb"))
    return problems, f"built in {seconds:.1f} s"


def check(name):
    notebook, stated = parse(name)
    seconds = execute(notebook, NOTEBOOKS)
    problems = problems_of_run(notebook, stated)
    path = os.path.join(NOTEBOOKS, name + ".ipynb")
    if not os.path.exists(path):
        return problems + [f"{path} is missing: run scripts/notebooks.py build {name}"], ""
    committed = nbformat.read(path, as_version=4)
    try:
        nbformat.validate(committed)
    except nbformat.ValidationError as error:
        problems.append(f"{path}: not valid nbformat 4: {error.message}")
    with open(path, encoding="utf-8") as file:
        if file.read() != nbformat.writes(committed) + "\n":
            problems.append(f"{path}: not byte for byte what nbformat writes")
    problems += compare(committed, notebook)
    return problems, f"{stated} checks, executed in {seconds:.1f} s"


def variant(name, old, new):
    notebook, _ = parse(name)
    found = False
    for cell in notebook.cells:
        if cell.cell_type == "code" and old in cell.source:
            cell.source = cell.source.replace(old, new)
            found = True
    if not found:
        return [f"{old!r} is in no code cell of {name}"]
    execute(notebook, NOTEBOOKS)
    problems = [p for p in problems_of_run(notebook, None) if "failed" in p or "raises-exception" in p]
    sys.stdout.write("".join(stdout(c) for c in notebook.cells if c.cell_type == "code"))
    return problems


def main(arguments):
    if not arguments or arguments[0] not in ("build", "check", "variant"):
        print(__doc__, file=sys.stderr)
        return 64
    command, rest = arguments[0], arguments[1:]
    if command == "variant":
        if len(rest) != 3:
            print("variant needs NAME OLD NEW", file=sys.stderr)
            return 64
        problems = variant(*rest)
        for problem in problems:
            print("[FAIL] " + problem, file=sys.stderr)
        return 1 if problems else 0
    selected = rest or names()
    unknown = [n for n in selected if n not in names()]
    if unknown:
        print(f"no source docs/notebooks/swift/<name>.md for: {' '.join(unknown)}", file=sys.stderr)
        return 64
    failed = 0
    for name in selected:
        try:
            problems, note = (build if command == "build" else check)(name)
        except Exception as error:
            problems, note = [f"{type(error).__name__}: {error}"], ""
        if problems:
            failed += 1
            print(f"[FAIL] {name}")
            for problem in problems:
                print("  " + problem)
        else:
            print(f"[PASS] {name}: {note}")
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

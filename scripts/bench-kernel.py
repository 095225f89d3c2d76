"""Benchmarks the Swift Jupyter kernel as a notebook user meets it (`make bench` runs it).

Executes a notebook of 30 small cells (each defines a value from the previous one and prints it; one draws
a figure) with nbconvert on the `swift` kernel, twice, and prints the first cell's time (the kernel's host
starting and its first compilation) and the median and maximum of the other cells, from the kernel's own
execution timestamps (execute_input to execute_reply), with the CPU model. Targets: first cell ≤ 3 s, a
small cell ≤ 0.5 s warm. The first run after a fresh build also fills the compiler's module cache
(.build/release/notebook-kernel-module-cache).
"""

import datetime
import platform
import statistics
import time

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor


def cpu_model():
    try:
        with open("/proc/cpuinfo") as file:
            for line in file:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def notebook():
    cells = ["var v0 = 1.0\nprint(es(v0))"]
    for k in range(1, 29):
        cells.append(f"let v{k} = v{k - 1} * 1.5 + 1\nprint(\"v{k} =\", es(v{k}))")
    cells.append('let figure = Figure(width: 320, height: 240)\nfigure.axes().line([0, 1, 2], [v0, v1, v2])\nfigure')
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    book.metadata["kernelspec"] = {"name": "swift", "display_name": "Swift (UDL Toolkit)", "language": "swift"}
    return book


def seconds(cell):
    timing = cell.metadata["execution"]
    parse = datetime.datetime.fromisoformat
    start = parse(timing["iopub.execute_input"].replace("Z", "+00:00"))
    end = parse(timing["shell.execute_reply"].replace("Z", "+00:00"))
    return (end - start).total_seconds()


def main():
    print(f"Swift kernel: a notebook of 30 small cells under nbconvert ({cpu_model()})")
    for run in (1, 2):
        book = notebook()
        start = time.time()
        ExecutePreprocessor(timeout=600, kernel_name="swift", record_timing=True).preprocess(book, {})
        wall = time.time() - start
        times = [seconds(c) for c in book.cells]
        warm = times[1:]
        print(f"  run {run}: first cell {times[0]:.2f} s (target ≤ 3 s); other cells median {statistics.median(warm):.3f} s, "
              f"max {max(warm):.3f} s (target ≤ 0.5 s); whole notebook {wall:.1f} s, of which "
              f"{wall - sum(times):.1f} s starting and stopping Jupyter's kernel process")


if __name__ == "__main__":
    main()

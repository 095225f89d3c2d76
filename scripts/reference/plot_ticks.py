"""Tick positions and labels chosen by matplotlib, for Tests/PlotTests (fixture: Tests/Fixtures/plot/ticks.json).

Linear axes: MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10]) (AutoLocator's steps) with the default
ScalarFormatter; log axes: LogLocator(numticks) major and LogLocator(subs='auto', numticks) minor ticks with
LogFormatterSciNotation. (Intervals narrow enough for matplotlib's additive offset are not covered: the
Plot library does not use offsets.) Only the ticks matplotlib draws (inside the view limits) are recorded.
Mathtext labels are rewritten into the Plot library's markup: $\\mathdefault{10^{-3}}$ -> 10$^{-3}$,
$\\mathdefault{2\\times10^{-1}}$ -> 2×10$^{-1}$. Also records matplotlib's tick space (get_tick_space) for a
few axes sizes. Run: python3 scripts/reference/plot_ticks.py > Tests/Fixtures/plot/ticks.json
"""
import json
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.transforms as mtransforms  # noqa: E402
from matplotlib.ticker import LogLocator, MaxNLocator  # noqa: E402


def visible(axis, locs):
    """The ticks matplotlib draws: inside the view interval, compared in the axis's transformed space."""
    transform = axis.get_transform()
    lo, hi = sorted(transform.transform(axis.get_view_interval()))
    return [i for i, v in enumerate(locs) if mtransforms._interval_contains_close((lo, hi), transform.transform([v])[0])]


def order_of_magnitude(formatter):
    """The exponent k of the formatter's 1ek multiplier (0 when there is none)."""
    m = re.fullmatch(r"1e([−-]?\d+)", formatter.get_offset())
    return int(m.group(1).replace("−", "-")) if m else 0


def markup(label):
    m = re.fullmatch(r"\$\\mathdefault\{(.*)\}\$", label)
    if not m:
        return label
    body = m.group(1).replace("\\times", "×")
    return re.sub(r"\^\{(.*)\}", r"$^{\1}$", body)


def linear_case(low, high, bins):
    fig, ax = plt.subplots()
    ax.set_xlim(low, high)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10]))
    fig.canvas.draw()
    locs = list(ax.xaxis.get_majorticklocs())
    formatter = ax.xaxis.get_major_formatter()
    labels = formatter.format_ticks(locs)
    keep = visible(ax.xaxis, locs)
    case = {"low": low, "high": high, "bins": bins, "major": [float(locs[i]) for i in keep],
            "labels": [labels[i] for i in keep], "orderOfMagnitude": order_of_magnitude(formatter)}
    plt.close(fig)
    return case


def log_case(low, high, requested):
    fig, ax = plt.subplots()
    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ax.xaxis.set_major_locator(LogLocator(numticks=requested))
    ax.xaxis.set_minor_locator(LogLocator(subs="auto", numticks=requested))
    fig.canvas.draw()
    major = list(ax.xaxis.get_majorticklocs())
    minor = list(ax.xaxis.get_minorticklocs())
    major_labels = ax.xaxis.get_major_formatter().format_ticks(major)
    minor_labels = ax.xaxis.get_minor_formatter().format_ticks(minor)
    keep_major, keep_minor = visible(ax.xaxis, major), visible(ax.xaxis, minor)
    case = {"low": low, "high": high, "bins": requested,
            "major": [float(major[i]) for i in keep_major],
            "labels": [markup(major_labels[i]) for i in keep_major],
            "minor": [float(minor[i]) for i in keep_minor],
            "minorLabels": [markup(minor_labels[i]) for i in keep_minor]}
    plt.close(fig)
    return case


def tick_space(width, height):
    fig, ax = plt.subplots(figsize=(width, height))
    bbox = ax.get_position()
    case = {"widthPoints": bbox.width * width * 72, "heightPoints": bbox.height * height * 72,
            "x": int(ax.xaxis.get_tick_space()), "y": int(ax.yaxis.get_tick_space())}
    plt.close(fig)
    return case


linear = [linear_case(*c) for c in [
    (0, 1, 9), (0, 1, 5), (-0.05, 1.05, 9), (-3, 3, 6), (0, 2500, 7), (-125, 2625, 9), (0.3, 0.9, 4),
    (1e-6, 7e-6, 6), (0, 3.2e6, 5), (-2.7, 13.3, 7), (0.00123, 0.00456, 9), (97.5, 102.5, 8), (-1, 0, 3),
    (0.512, 0.5135, 5), (-0.1234, 0.8766, 9), (0, 0.04, 9), (2, 3, 1), (0, 0.9, 9),
]]
log = [log_case(*c) for c in [
    (1e-3, 1.0, 5), (1e-3, 1.0, 9), (0.5, 2e4, 6), (1e-8, 1e4, 5), (3e-5, 0.2, 9), (0.02, 0.9, 5),
    (0.2, 5.0, 6), (0.3, 0.9, 6), (1.0, 1e12, 9), (2e-4, 7e-3, 4),
]]
space = [tick_space(*c) for c in [(6.4, 4.8), (16, 12), (3.2, 2.4), (10, 3)]]
print(json.dumps({"provenance": "scripts/reference/plot_ticks.py (matplotlib " + matplotlib.__version__ + ")",
                  "linear": linear, "log": log, "tickSpace": space}, indent=1, ensure_ascii=False))

#!/bin/sh
# Creates the project-local Python environment .venv/ with Jupyter (scripts/requirements-notebooks.txt,
# from PyPI with pip) and registers the Swift kernel in it: .venv/share/jupyter/kernels/swift (kernel name
# `swift`, display name "Swift (UDL Toolkit)"), the wrapper scripts/jupyter/udl_swift_kernel.py around the
# host .build/release/swift-kernel. Idempotent: when .venv already holds those versions, nothing is
# installed (the kernel's description is rewritten, so a moved clone finds its own files).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

register_kernel() {
    kernel=.venv/share/jupyter/kernels/swift
    mkdir -p "$kernel"
    swiftc=$(command -v swiftc || echo swiftc)
    "$python" - "$root" "$swiftc" "$kernel/kernel.json" <<'PYTHON'
import json, sys
root, swiftc, path = sys.argv[1:]
spec = {
    "argv": [root + "/.venv/bin/python", "-m", "udl_swift_kernel", "-f", "{connection_file}"],
    "display_name": "Swift (UDL Toolkit)",
    "language": "swift",
    "interrupt_mode": "signal",
    "env": {"PYTHONPATH": root + "/scripts/jupyter", "UDL_TOOLKIT_ROOT": root, "UDL_SWIFTC": swiftc},
}
with open(path, "w") as file:
    json.dump(spec, file, indent=1)
    file.write("\n")
PYTHON
}

requirements=scripts/requirements-notebooks.txt
python=.venv/bin/python

present=yes
if [ -x "$python" ]; then
    installed=$("$python" -m pip freeze --disable-pip-version-check 2>/dev/null || true)
    for requirement in $(grep -v '^#' "$requirements"); do
        printf '%s\n' "$installed" | grep -qixF "$requirement" || present=no
    done
else
    present=no
fi
if [ "$present" = yes ]; then
    register_kernel
    echo "setup: .venv present ($(grep -v '^#' "$requirements" | tr '\n' ' ')), Swift kernel registered" >&2
    exit 0
fi

command -v python3 >/dev/null 2>&1 || { echo "setup: python3 is needed for the notebook tests" >&2; exit 1; }
if [ ! -x "$python" ]; then
    python3 -m venv .venv || { echo "setup: 'python3 -m venv' failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }
fi
echo "setup: installing the notebook tools into .venv" >&2
"$python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2
register_kernel
echo "setup: Swift kernel registered (.venv/share/jupyter/kernels/swift)" >&2

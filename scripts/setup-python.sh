#!/bin/sh
# Creates the project-local Python environment .venv/ with Jupyter's nbformat, nbconvert and ipykernel
# (scripts/requirements-notebooks.txt, from PyPI with pip): the tests validate and execute the exported
# notebooks with them. Idempotent: when .venv already holds those versions, nothing is installed.
set -eu
cd "$(dirname "$0")/.."

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
    echo "setup: .venv present ($(grep -v '^#' "$requirements" | tr '\n' ' '))" >&2
    exit 0
fi

command -v python3 >/dev/null 2>&1 || { echo "setup: python3 is needed for the notebook tests" >&2; exit 1; }
if [ ! -x "$python" ]; then
    python3 -m venv .venv || { echo "setup: 'python3 -m venv' failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }
fi
echo "setup: installing the notebook tools into .venv" >&2
"$python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2

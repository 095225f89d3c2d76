#!/bin/sh
# Installs the Debian packages the build needs, and only those that are missing.
# Idempotent: a second run installs nothing. Works as root and, for other users, through sudo.
set -eu

# The build: libpng, zlib, FreeType, the figures' font (DejaVu), fontconfig (its fc-match finds the font) and
# pkg-config. The report's PDF (make report,
# and its test in make test): pandoc, XeLaTeX with Spanish hyphenation and captions, the Latin Modern fonts
# and the standard PostScript fonts hyperref asks for, and poppler's pdfinfo/pdftotext/pdfimages/pdftoppm.
# The study's Slurm runner test (make test-slurm): Slurm's controller, node daemon and client (slurm-wlm) and
# munge for its authentication. This is the only place that installs anything: tests and scripts that find a
# package missing say so and name `make setup`.
packages="libpng-dev zlib1g-dev libfreetype-dev fonts-dejavu-core fontconfig pkg-config \
pandoc texlive-xetex texlive-lang-spanish texlive-fonts-recommended lmodern poppler-utils \
slurm-wlm slurmctld slurmd slurm-client munge"

missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

if [ -z "$missing" ]; then
    echo "setup: system packages present ($packages)" >&2
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "setup: missing packages:$missing; run make setup as root or install sudo (needed once)" >&2
    exit 77
fi

# Progress and apt's log go to standard error: nothing that reads this script's output sees them.
echo "setup: installing$missing" >&2
$run apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends $missing >&2
echo "setup: installed$missing" >&2

#!/bin/sh
# Renders the report docs/report/informe.md to docs/report/informe.pdf through pandoc and xelatex
# (A4, 10 pt, 2 cm margins, Spanish hyphenation and captions, Latin Modern). `make report` runs it, and so
# does `make study` at its end; the PDF test (Tests/StudyTests/ReportPDFTests.swift) runs it into a
# temporary directory and reads the result back.
#
#   sh scripts/report-pdf.sh [--input informe.md] [--output informe.pdf] [--log informe.log]
#
# The postgraduate extras (the sections whose title says "Extra de postgrado") start on a new page
# (scripts/report/extras-page.lua), so that the main part and the extras can be counted apart. The build
# is reproducible: SOURCE_DATE_EPOCH fixes the dates xdvipdfmx writes.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
input="$root/docs/report/informe.md"
output="$root/docs/report/informe.pdf"
log=""
while [ $# -gt 0 ]; do
    case "$1" in
        --input) input=$2; shift 2 ;;
        --output) output=$2; shift 2 ;;
        --log) log=$2; shift 2 ;;
        *) echo "report-pdf: unknown argument $1 (expected --input, --output, --log)" >&2; exit 64 ;;
    esac
done
for tool in pandoc xelatex; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "report-pdf: $tool is missing; make setup installs it (pandoc, texlive-xetex, texlive-lang-spanish)" >&2
        exit 69
    fi
done
[ -r "$input" ] || { echo "report-pdf: cannot read $input" >&2; exit 66; }

work=$(mktemp -d "${TMPDIR:-/tmp}/report-pdf.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# Figures are referenced relative to the Markdown file.
source_dir=$(cd "$(dirname "$input")" && pwd)
ln -s "$source_dir/figures" "$work/figures"

pandoc "$input" --from markdown --to latex --standalone --output "$work/informe.tex" \
    --lua-filter "$root/scripts/report/extras-page.lua" \
    --include-in-header "$root/scripts/report/header.tex" \
    --variable lang=es --variable papersize=a4 --variable fontsize=10pt \
    --variable geometry:margin=2cm --variable colorlinks=false

export SOURCE_DATE_EPOCH=1700000000
# Two passes: the tables' column widths settle in the second.
for pass in 1 2; do
    if ! (cd "$work" && xelatex -interaction=nonstopmode -halt-on-error informe.tex >/dev/null 2>&1); then
        echo "report-pdf: xelatex failed (pass $pass); the end of its log:" >&2
        tail -n 30 "$work/informe.log" >&2
        [ -z "$log" ] || cp "$work/informe.log" "$log"
        exit 70
    fi
done
cp "$work/informe.pdf" "$output"
[ -z "$log" ] || cp "$work/informe.log" "$log"
if grep -q "Missing character" "$work/informe.log"; then
    echo "report-pdf: warning: characters missing from the fonts:" >&2
    grep "Missing character" "$work/informe.log" | sort -u >&2
fi
echo "report-pdf: $output ($(pdfinfo "$output" 2>/dev/null | sed -n 's/^Pages: *//p') pages)"

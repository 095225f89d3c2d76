"""Text extents of DejaVu Sans read with fontTools, for Tests/PlotTests (fixture: Tests/Fixtures/plot/text.json).

For each string: the advance width at 100 px per em = (sum of the glyphs' hmtx advances + the 'kern' table
values of adjacent pairs) * 100 / unitsPerEm, computed from the font file independently of FreeType.
The line ascent is the top of 'l' and the descent the bottom of 'p' (glyf bounding boxes), per em.
Run: python3 scripts/reference/plot_text.py > Tests/Fixtures/plot/text.json
"""
import json

from fontTools.ttLib import TTFont

SIZE = 100.0
STRINGS = ["Loss", "epoch", "training loss (MSE)", "AV To", "βΩσ∂²₁", "−0.25", "10", "WAVE"]


def extents(path):
    font = TTFont(path)
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    kern = {}
    if "kern" in font:
        for table in font["kern"].kernTables:
            kern.update(table.kernTable)
    glyf = font["glyf"]
    widths = {}
    for s in STRINGS:
        names = [cmap[ord(c)] for c in s]
        units = sum(font["hmtx"][n][0] for n in names)
        units += sum(kern.get((a, b), 0) for a, b in zip(names, names[1:]))
        widths[s] = units * SIZE / upem
    return {"unitsPerEm": upem, "widths": widths,
            "ascent": glyf[cmap[ord("l")]].yMax / upem, "descent": -glyf[cmap[ord("p")]].yMin / upem}


DIR = "/usr/share/fonts/truetype/dejavu/"
print(json.dumps({"provenance": "scripts/reference/plot_text.py (fontTools)", "size": SIZE,
                  "regular": extents(DIR + "DejaVuSans.ttf"), "bold": extents(DIR + "DejaVuSans-Bold.ttf")},
                 indent=1, ensure_ascii=False))

#!/usr/bin/env python3
"""Cuts a font down to what the playground needs, at build time.

hangul: the 2,350 precomposed syllables of KS X 1001 (the set every Korean text encoding since
EUC-KR covers, which is what lesson texts use), the compatibility jamo, and the CJK punctuation
and full-width forms. The full font is megabytes; the subset is a few hundred kilobytes, and
its glyphs fit the UI's font atlas.

symbols: the pictographs minikube starts its lines with (and a few marks kubectl and the
console print) that the console font lacks, from a monochrome symbol font.

    subset_font.py hangul|symbols INPUT.ttf OUTPUT.ttf
"""
import sys

from fontTools import subset


def hangul():
    keep = set(range(0x3131, 0x318F))           # Hangul compatibility jamo
    keep |= set(range(0x3000, 0x3040))          # CJK symbols and punctuation
    keep |= set(range(0xFF01, 0xFF5F))          # full-width forms
    for cp in range(0xAC00, 0xD7A4):            # syllables that KS X 1001 (EUC-KR) encodes
        # Python's codec spells the other syllables as 8-byte jamo sequences; KS X 1001's
        # own syllables are one 2-byte code.
        try:
            if len(chr(cp).encode("euc_kr")) == 2:
                keep.add(cp)
        except UnicodeEncodeError:
            pass
    return sorted(keep)


# minikube's step prefixes (its style table) and check marks; the UI draws them in one colour.
SYMBOLS = (
    "\U0001F604\u2728\U0001F44D\U0001F69C\U0001F525\U0001F433\U0001F517\U0001F50E\U0001F31F"
    "\U0001F3C4\U0001F4A1\u26A0\u2757\u274C\U0001F4A3\U0001F6D1\u270B\U0001F480\U0001F504"
    "\u2705\U0001F389\U0001F50C\U0001F4E6\U0001F937\U0001F3C3\U0001F4BE\U0001F680\u231B"
    "\U0001F4CC\U0001F3AF\U0001F511\U0001F449\u26D4\u2753\U0001F510\U0001F9EF\U0001F30E"
    "\U0001F6AB\U0001F4DD\U0001F9F2\U0001F4C8\U0001F914\U0001F64F\U0001F4A5\u2713\u2717"
    "\u2714\u2716\u23F3"
)


def symbols():
    return sorted({ord(c) for c in SYMBOLS})


def main(argv):
    if len(argv) != 4 or argv[1] not in ("hangul", "symbols"):
        sys.stderr.write(__doc__)
        return 2
    codepoints = hangul if argv[1] == "hangul" else symbols
    argv = argv[1:]
    options = subset.Options()
    options.layout_features = []                # the UI renders glyph by glyph
    options.hinting = False
    options.name_IDs = ["*"]                    # keep the font's names and licence notice
    options.notdef_outline = True
    font = subset.load_font(argv[1], options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codepoints())
    sub.subset(font)
    subset.save_font(font, argv[2], options)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

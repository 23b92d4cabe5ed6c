#!/usr/bin/env python3
"""Cuts a Hangul font down to what the playground needs, at build time.

Keeps the 2,350 precomposed syllables of KS X 1001 (the set every Korean text encoding since
EUC-KR covers, which is what lesson texts use), the compatibility jamo, and the CJK punctuation
and full-width forms. The full font is megabytes; the subset is a few hundred kilobytes, and
its glyphs fit the UI's font atlas.

    subset_hangul.py INPUT.ttf OUTPUT.ttf
"""
import sys

from fontTools import subset


def codepoints():
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


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
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

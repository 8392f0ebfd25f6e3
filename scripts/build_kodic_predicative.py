#!/usr/bin/env python3
"""Builds assets/entities/kodic-predicative.txt.gz: the Hangul words of mecab-ko-dic 2.1.1
(Apache-2.0, see assets/entities/LICENSE-mecab-ko-dic) whose likeliest reading (lowest word
cost over every entry of the word) is a predicative common noun, one a line: an NNG entry whose
semantic class is 행위 (action), 정적사태 (state) or 상태변화 (change of state), the nouns that
take 하다/되다 (저지 "blocking", 오만 "arrogance"). A name list holding such a word (저지 Jersey,
오만 Oman) is weak evidence of a name on its own.

The dictionary source ships inside the lindera-ko-dic 0.20.0 crate package:
  tar xzf ~/.cargo/registry/src/*/lindera-ko-dic-0.20.0/resources/mecab-ko-dic-2.1.1-20180720.tar.gz
  python3 scripts/build_kodic_predicative.py mecab-ko-dic-2.1.1-20180720 | gzip -9n > assets/entities/kodic-predicative.txt.gz
"""
import csv, glob, os, sys

PREDICATIVE = {"행위", "정적사태", "상태변화"}
src = sys.argv[1]
best = {}  # word -> (cost, predicative)
for path in sorted(glob.glob(os.path.join(src, "*.csv"))):
    for row in csv.reader(open(path, encoding="utf-8")):
        w = row[0]
        if not (2 <= len(w) <= 10 and all("\uac00" <= c <= "\ud7a3" for c in w)):
            continue
        cost = int(row[3])
        predicative = row[4] == "NNG" and row[5] in PREDICATIVE
        # Ties go to the other reading: only a clearly likelier predicate counts.
        if w not in best or cost < best[w][0] or (cost == best[w][0] and not predicative):
            best[w] = (cost, predicative)
for w in sorted(w for w, (_, p) in best.items() if p):
    print(w)

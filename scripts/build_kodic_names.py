#!/usr/bin/env python3
"""Builds assets/entities/kodic-names.tsv.gz: the Hangul proper nouns of mecab-ko-dic 2.1.1
(Apache-2.0, see assets/entities/LICENSE-mecab-ko-dic), one a line with their kinds:
p = person (Person.csv), l = place (Place*.csv), o = organisation (Group.csv),
n = other proper noun (NNP.csv, Wikipedia.csv).

The dictionary source ships inside the lindera-ko-dic 0.20.0 crate package:
  tar xzf ~/.cargo/registry/src/*/lindera-ko-dic-0.20.0/resources/mecab-ko-dic-2.1.1-20180720.tar.gz
  python3 scripts/build_kodic_names.py mecab-ko-dic-2.1.1-20180720 | gzip -9n > assets/entities/kodic-names.tsv.gz
"""
import csv, sys

src = sys.argv[1]
out = {}
for name, kind in [("Person", "p"), ("Place", "l"), ("Place-address", "l"), ("Place-station", "l"),
                   ("Group", "o"), ("Wikipedia", "n"), ("NNP", "n")]:
    for row in csv.reader(open(f"{src}/{name}.csv", encoding="utf-8")):
        w = row[0]
        if 2 <= len(w) <= 10 and all("\uac00" <= c <= "\ud7a3" for c in w):
            out.setdefault(w, set()).add(kind)
for w in sorted(out):
    print(f"{w}\t{''.join(sorted(out[w]))}")

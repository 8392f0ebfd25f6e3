#!/usr/bin/env python3
"""Builds assets/words/lemmas.tsv.gz, the Korean dictionary-form data of src/words/lemma.rs, from
mecab-ko-dic 2.1.1-20180720 (Apache-2.0, see assets/words/LICENSE-mecab-ko-dic).

The dictionary source ships inside the lindera-ko-dic 0.20.0 crate package (get the .crate with
`cargo fetch` in a throwaway project that depends on lindera-ko-dic = "=0.20.0"):
  tar xzf lindera-ko-dic-0.20.0.crate
  tar xzf lindera-ko-dic-0.20.0/resources/mecab-ko-dic-2.1.1-20180720.tar.gz
  python3 scripts/build_lemmas.py mecab-ko-dic-2.1.1-20180720 [COMMON] | gzip -9n > assets/words/lemmas.tsv.gz
(COMMON, default 3500: the highest word cost of an ending or particle kept.)

Lines (tab-separated), Hangul syllables only:
  h SURFACE LEMMA:KIND[ LEMMA:KIND…]  a word's head: a stem or an inflected stem, best first
                                       (mecab's word cost). KIND: v verb or adjective (만났 → 만나다),
                                       x a suffix that makes a verb of the noun before it
                                       (했 → 하다: 보도했다 → 보도하다), n a noun with a particle
                                       fused in (가겔 → 가게).
  t SURFACE                            an ending that may follow a head (었, 다, 고, 는데)
  p SURFACE                            a particle or 들 (a surface may be both t and p: 는)
  c SURFACE                            a form of the copula (이, 였, 인, 입): the same, but not after
                                       digits or Latin letters (29일 is a date, not 29 + 일)
  n NOUN                               a noun whose last syllables look like a particle (국가,
                                       회의), so they are not cut off.
"""
import csv, re, sys
from collections import defaultdict

src = sys.argv[1]
HANGUL = re.compile("[가-힣]+$")


def rows(name):
    with open(f"{src}/{name}.csv", encoding="utf-8") as f:
        yield from csv.reader(f)


heads = defaultdict(list)  # surface -> [(cost, lemma, kind)]
tails = set()
particles = set()  # the tails a bare noun can take: particles, 들
copula = set()  # the copula's forms, a bare noun's tails too


def head(surface, cost, lemma, kind):
    if HANGUL.match(surface) and HANGUL.match(lemma):
        heads[surface].append((cost, lemma, kind))


VERBISH = {"VV": "v", "VA": "v", "VX": "v", "VCN": "v", "XSV": "x", "XSA": "x"}
NOUNS = {"NNG", "NNP", "NNB", "NP", "NR"}
TAIL_POS = ("E", "J")  # EC EF EP ETM ETN, JKS JKO … JX JC

for name, kind in [("VV", "v"), ("VA", "v"), ("VX", "v"), ("VCN", "v"), ("XSV", "x"), ("XSA", "x")]:
    for row in rows(name):
        head(row[0], int(row[3]), row[0] + "다", kind)

# Endings and particles are kept when common (mecab's word cost at most COMMON): the rare
# dialect and archaic ones (람, 유) would let a noun read as a verb with a long tail.
COMMON = int(sys.argv[2]) if len(sys.argv) > 2 else 3500
for name in ["EC", "EF", "EP", "ETM", "ETN", "J"]:
    for row in rows(name):
        if HANGUL.match(row[0]) and int(row[3]) <= COMMON:
            (particles if name == "J" else tails).add(row[0])
for row in rows("VCP"):
    if HANGUL.match(row[0]):
        copula.add(row[0])
particles.add("들")

for row in rows("Inflect"):
    surface, cost, analysis = row[0], int(row[3]), row[11]
    if not HANGUL.match(surface):
        continue
    first = analysis.split("+")[0].split("/")
    if len(first) < 2:
        continue
    morph, pos = first[0], first[1]
    if pos in VERBISH:
        head(surface, cost, morph + "다", VERBISH[pos])
    elif pos == "VCP" and surface[0] in "이였인입일임":
        # (the forms that drop 이 after a vowel, 거든 in 친구거든, would cut every noun)
        copula.add(surface)
    elif pos in NOUNS:
        head(surface, cost, morph, "n")
    elif cost <= COMMON and all(
        m.split("/")[1].startswith(TAIL_POS) for m in analysis.split("+") if "/" in m
    ):
        # Endings and particles fused (었던, 에서는); not those with a verb inside (했 as
        # 아/EC + 하/VX + 았/EP would let 보도했다 read as 보 + 도 + 했다).
        tails.add(surface)

# Nouns whose end is also a particle: the analyser must not cut 국가 into 국 + 가.
nouns = set()
bare = particles | copula
for name in ["NNG", "NNB", "NP", "NR", "NNP"]:
    for row in rows(name):
        w = row[0]
        if HANGUL.match(w) and 2 <= len(w) <= 4 and any(w[k:] in bare for k in range(1, len(w))):
            nouns.add(w)

print("# Korean dictionary forms for duet, from mecab-ko-dic 2.1.1-20180720 (Apache-2.0);")
print("# built by scripts/build_lemmas.py (see assets/words/README.md).")
for surface in sorted(heads):
    seen, out = set(), []
    for cost, lemma, kind in sorted(heads[surface]):
        if (lemma, kind) not in seen:
            seen.add((lemma, kind))
            out.append(f"{lemma}:{kind}")
    print(f"h\t{surface}\t{' '.join(out)}")
for t in sorted(tails):
    print(f"t\t{t}")
for p in sorted(particles):
    print(f"p\t{p}")
for c in sorted(copula - particles):
    print(f"c\t{c}")
for n in sorted(nouns):
    print(f"n\t{n}")

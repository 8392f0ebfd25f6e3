#!/usr/bin/env python3
"""Lemma accuracy per kind on a hand-labelled list (word<TAB>lemma<TAB>kind).

  python3 tools/words/lemma_eval.py target/release/duet tools/words/lemmas_dev.tsv

Runs `duet lookup --pairs FILE --json` on the words (one a line, no English) and prints the
accuracy of the first lemma per kind, then overall (the headline figure, last).
"""
import collections, json, subprocess, sys, tempfile

duet, path = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]
with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
    f.write("".join(w + "\n" for w, _, _ in rows))
out = json.loads(subprocess.run([duet, "lookup", "--pairs", f.name, "--json"], check=True,
                                capture_output=True, text=True, env={"DUET_HOME": tempfile.mkdtemp()}).stdout)
right, total = collections.Counter(), collections.Counter()
misses = []
for (word, lemma, kind), line in zip(rows, out):
    got = line["ko"][0]["lemma"] if line["ko"] else ""
    total[kind] += 1
    if got == lemma:
        right[kind] += 1
    else:
        misses.append(f"{kind}\t{word}\t{lemma}\t{got}")
if "-v" in sys.argv:
    print("\n".join(misses))
for kind in sorted(total):
    print(f"{kind:14} {right[kind]:4}/{total[kind]:<4} {right[kind] / total[kind]:.3f}")
n, r = sum(total.values()), sum(right.values())
print(f"{'all':14} {r:4}/{n:<4} {r / n:.3f}")

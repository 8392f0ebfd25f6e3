#!/usr/bin/env python3
"""Precision and recall of the library's translation pairs on a library generated with
`gen_library --editions PCT FILES` and imported with `duet import FILES`.

Usage: DUET_HOME=HOME library_pairs_eval.py FILES [DUET]

Gold: each story written as `NNNNNN_ko.md` + `NNNNNN_en.txt` (an exact duplicate under a
`_copy` name counts as the file it copies: import keeps whichever it met first). Runs
`duet list --json` and `duet pairs --library --json`, prints P/R and the wrong pairs.
"""
import hashlib, json, os, re, subprocess, sys

files = sys.argv[1]
duet = sys.argv[2] if len(sys.argv) > 2 else "target/release/duet"
entries = json.loads(subprocess.run([duet, "list", "--json"], check=True, capture_output=True).stdout)
pairs = json.loads(subprocess.run([duet, "pairs", "--library", "--json"], check=True, capture_output=True).stdout)
same = {}
for root, _, names in os.walk(files):
    for f in names:
        with open(os.path.join(root, f), "rb") as fh:
            same.setdefault(hashlib.md5(fh.read()).hexdigest(), []).append(f)
alias = {f: group for group in same.values() for f in group}
source = {e["id"]: os.path.basename(e.get("source") or "") for e in entries}

def story(i, side):
    for n in alias.get(source[i], [source[i]]):
        m = re.match(r"(\d+)_%s\." % side, n)
        if m:
            return m.group(1)

ko = {story(i, "ko"): i for i in source if story(i, "ko")}
en = {story(i, "en"): i for i in source if story(i, "en")}
gold = {(ko[s], en[s]) for s in ko if s in en}
right = sum((p["ko"], p["en"]) in gold for p in pairs)
print(f"{len(gold)} gold pairs, {len(pairs)} found, {right} right: "
      f"P {right / max(len(pairs), 1):.4f} R {right / max(len(gold), 1):.4f}")
for p in pairs:
    if (p["ko"], p["en"]) not in gold:
        print(f"  wrong: {source[p['ko']]} + {source[p['en']]} (score {p['score']})")

#!/usr/bin/env python3
"""Times `duet find --stdin Q` against `fzf --filter Q` on a corpus, query by query, alternating.

Usage: tools/finder_bench.py CORPUS [QUERIES] [--duet PATH] [--fzf PATH] [--runs N]
The corpus comes from `cargo run --release --example gen_corpus -- --lines 1000000 CORPUS`;
QUERIES defaults to ../shared/eval/finder/queries.txt. Prints a Markdown table: seconds and
lines found for each tool (best of N runs), and the totals.
"""
import argparse, os, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
ap = argparse.ArgumentParser()
ap.add_argument("corpus")
ap.add_argument("queries", nargs="?", default=os.path.join(root, "../shared/eval/finder/queries.txt"))
ap.add_argument("--duet", default=os.path.join(root, "target/release/duet"))
ap.add_argument("--fzf", default="/tmp/fzf/bin/fzf")
ap.add_argument("--runs", type=int, default=1)
a = ap.parse_args()
queries = [l.rstrip("\n") for l in open(a.queries, encoding="utf-8") if l.strip() and not l.startswith("#")]

def run(cmd):
    best, found = None, None
    for _ in range(a.runs):
        with open(a.corpus, "rb") as f:
            t = time.perf_counter()
            p = subprocess.run(cmd, stdin=f, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            dt = time.perf_counter() - t
        found = p.stdout.count(b"\n")
        best = dt if best is None else min(best, dt)
    return best, found

print("| query | duet s | duet lines | fzf s | fzf lines |")
print("|---|---:|---:|---:|---:|")
td = tf = 0.0
bad = []
for q in queries:
    d, nd = run([a.duet, "find", "--stdin", q])
    f, nf = run([a.fzf, "--filter", q])
    td += d; tf += f
    if nf > 0 and nd == 0:
        bad.append(q)
    print(f"| `{q}` | {d:.2f} | {nd} | {f:.2f} | {nf} |", flush=True)
print(f"| **total** | **{td:.2f}** | | **{tf:.2f}** | |")
print(f"\nduet/fzf = {td / tf:.2f}; queries where fzf finds lines and duet none: {bad or 'none'}")
sys.exit(0 if td <= tf / 2 and not bad else 1)

#!/usr/bin/env python3
"""Import cycles between the crate's modules, from `use` statements and inline paths.

Usage: modcycles.py [SRC_DIR]   (default: src)

Each .rs file is a module (foo/mod.rs is `foo`). An edge M -> N is any `use`/path through
`crate::`, `super::` or `self::` in M that resolves to module N (the longest known module
prefix). Edges from a module to its own ancestors are left out (a child using its parent's
helpers is how Rust module trees work); everything else counts. Prints every strongly connected
component with more than one module; exit 1 if there is one.
"""
import os, re, sys

src = sys.argv[1] if len(sys.argv) > 1 else "src"
mods = {}
for root, _, files in os.walk(src):
    for f in files:
        if not f.endswith(".rs"): continue
        p = os.path.relpath(os.path.join(root, f), src)
        parts = p[:-3].split(os.sep)
        if parts[-1] in ("mod", "lib", "main"): parts = parts[:-1]
        if p == "main.rs": parts = ["<bin>"]
        mods[tuple(parts)] = os.path.join(src, p)
known = set(mods)

def strip(text):
    """Code only: comments, strings and char literals blanked (a small scanner)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i); i = n if j < 0 else j; continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2); i = n if j < 0 else j + 2; continue
        m = re.match(r'b?r(#*)"', text[i:])
        if m and (i == 0 or not (text[i-1].isalnum() or text[i-1] == "_")):
            end = '"' + m.group(1)
            j = text.find(end, i + len(m.group(0))); i = n if j < 0 else j + len(end)
            out.append('""'); continue
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            i = j + 1; out.append('""'); continue
        m = re.match(r"'(?:\\.[^']*|[^'\\])'", text[i:])
        if c == "'" and m:
            i += len(m.group(0)); out.append("' '"); continue
        out.append(c); i += 1
    return "".join(out)

def expand(tree):
    """`a::{b, c::{d, e}}` -> [a::b, a::c::d, a::c::e]."""
    tree = tree.replace(" ", "").replace("\n", "")
    m = re.match(r"^(.*?)\{(.*)\}$", tree)
    if not m: return [tree]
    prefix, inner = m.group(1), m.group(2)
    items, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "{": depth += 1
        if ch == "}": depth -= 1
        if ch == "," and depth == 0: items.append(cur); cur = ""
        else: cur += ch
    if cur: items.append(cur)
    return [x for it in items if it for x in expand(prefix + it)]

def resolve(me, path):
    segs = [s for s in path.split("::") if s]
    if not segs: return None
    if me == ("<bin>",):
        base = ()
    else:
        base = me
    if segs[0] == "crate": cur, segs = [], segs[1:]
    elif segs[0] == "super":
        cur = list(base)
        while segs and segs[0] == "super": cur = cur[:-1]; segs = segs[1:]
    elif segs[0] == "self": cur, segs = list(base), segs[1:]
    else: return None
    best = tuple(cur) if tuple(cur) in known else None
    for s in segs:
        cur.append(s)
        if tuple(cur) in known: best = tuple(cur)
        else: break
    return best

edges = {m: set() for m in known}
for m, path in mods.items():
    text = strip(open(path, encoding="utf-8").read())
    paths = []
    for u in re.finditer(r"\buse\s+([^;]+);", text):
        paths += expand(u.group(1))
    paths += re.findall(r"\b((?:crate|super|self)(?:::\w+)+)", text)
    for p in paths:
        p = re.sub(r"\s+as\s+\w+$", "", p)
        n = resolve(m, p)
        if n is None or n == m or m[:len(n)] == n: continue
        edges[m].add(n)

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
def strong(v):
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index: strong(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(comp)
sys.setrecursionlimit(10000)
for v in sorted(known):
    if v not in index: strong(v)
name = lambda m: "::".join(m) or "crate"
cycles = [sorted(c) for c in sccs if len(c) > 1]
print(f"{len(known)} modules, {sum(len(e) for e in edges.values())} edges")
for c in cycles:
    inside = set(c)
    print("cycle:", ", ".join(name(m) for m in c))
    for m in c:
        for n in sorted(edges[m] & inside): print(f"    {name(m)} -> {name(n)}")
sys.exit(1 if cycles else 0)

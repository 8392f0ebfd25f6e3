#!/usr/bin/env python3
"""Pairing through feeds: the stories of an alignment case file (../shared/eval/align/dev.jsonl)
served from a loopback server as a Korean RSS feed and an English Atom feed of outlet-shaped
pages, a fifth of the stories with one edition only and the bundled articles mixed into the
Korean feed as stories without a partner; `duet feed refresh` brings them in, and the pairs of
`duet pairs --library --json` are scored against the stories (precision, recall, F1 by the items'
links). Python 3 stdlib only; nothing leaves 127.0.0.1.

  tools/feed_pairs_eval.py [DUET] [--cases FILE] [--orphans 0.2] [--seed 7] [--half 0|1]

--half keeps the first or second half of the cases (to check a figure on halves of the data).
The last line is the headline figure.
"""
import argparse, html, json, os, random, subprocess, sys, tempfile, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ko_page(title, paras, date):
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
    return f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>{html.escape(title)} | 시험뉴스</title>
<meta property="article:published_time" content="{date}"></head><body>
<header><nav><a href="/p">정치</a> <a href="/e">경제</a> <a href="/w">세계</a></nav></header>
<article><h1>{html.escape(title)}</h1><p class="date">송고시간 {date}</p><div class="article">{body}</div>
<p>&lt;저작권자(c) 시험뉴스, 무단 전재-재배포 금지&gt;</p></article>
<aside><h2>많이 본 뉴스</h2><ul><li><a href="/v/1">다른 기사</a></li></ul></aside></body></html>"""


def en_page(title, paras, date):
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | Test News</title>
<meta property="article:published_time" content="{date}"></head><body>
<header><nav><a href="/p">Politics</a> <a href="/e">Economy</a> <a href="/w">World</a></nav></header>
<article><h1>{html.escape(title)}</h1><p class="date">{date}</p><div class="article">{body}<p>(END)</p></div></article>
<aside><h2>Most Read</h2><ul><li><a href="/v/1">Another story</a></li></ul></aside></body></html>"""


def title_of(paras):
    first = paras[0] if paras else "untitled"
    return first if len(first) <= 80 else first[:77] + "…"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("duet", nargs="?", default=os.path.join(ROOT, "target/release/duet"))
    ap.add_argument("--cases", default=os.path.join(ROOT, "../shared/eval/align/dev.jsonl"))
    ap.add_argument("--orphans", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--half", type=int, choices=[0, 1])
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    cases = [json.loads(l) for l in open(a.cases, encoding="utf-8") if l.strip()]
    if a.half is not None:
        mid = len(cases) // 2
        cases = cases[:mid] if a.half == 0 else cases[mid:]
    pages, ko_items, en_items, gold = {}, [], [], set()
    for i, c in enumerate(cases):
        date = f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}T09:00:00+09:00"
        r = rnd.random()
        sides = ["ko"] if r < a.orphans / 2 else ["en"] if r < a.orphans else ["ko", "en"]
        for side in sides:
            path = f"/{side}/{i}.html"
            paras = c[side]
            t = title_of(paras)
            pages[path] = (ko_page if side == "ko" else en_page)(t, paras, date)
            (ko_items if side == "ko" else en_items).append((path, t, date, paras[0][:200]))
        if len(sides) == 2:
            gold.add((f"/ko/{i}.html", f"/en/{i}.html"))
    # The bundled articles: Korean stories without a partner among these.
    seeds = os.path.join(ROOT, "assets/articles")
    for n, f in enumerate(sorted(x for x in os.listdir(seeds) if x.endswith(".txt"))):
        text = open(os.path.join(seeds, f), encoding="utf-8").read()
        paras = [p.strip() for p in text.split("\n\n") if p.strip()]
        path = f"/ko/seed{n}.html"
        pages[path] = ko_page(title_of(paras), paras, "2023-09-13T09:00:00+09:00")
        ko_items.append((path, title_of(paras), "2023-09-13T09:00:00+09:00", paras[0][:200]))

    def rss(items):
        out = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>시험뉴스</title><language>ko</language>']
        for path, t, d, desc in items:
            out.append(f"<item><title>{html.escape(t)}</title><link>{path}</link><guid>{path}</guid><dc:date>{d}</dc:date><description>{html.escape(desc)}</description></item>")
        return ("".join(out) + "</channel></rss>").encode()

    def atom(items):
        out = ['<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Test News</title><id>urn:t</id><updated>2024-01-01T00:00:00Z</updated>']
        for path, t, d, desc in items:
            out.append(f'<entry><id>urn:t:{path}</id><title>{html.escape(t)}</title><link rel="alternate" hreflang="en" href="{path}"/><updated>{d}</updated><summary>{html.escape(desc)}</summary></entry>')
        return ("".join(out) + "</feed>").encode()

    feeds = {"/ko/rss.xml": rss(ko_items), "/en/atom.xml": atom(en_items)}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = feeds.get(self.path) or (pages.get(self.path, "").encode() or None)
            if body is None:
                self.send_response(404); self.send_header("Content-Length", "0"); self.end_headers(); return
            self.send_response(200)
            self.send_header("Content-Type", "application/xml" if self.path.endswith(".xml") else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers(); self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    home = tempfile.mkdtemp(prefix="duet-feed-pairs-")
    env = dict(os.environ, DUET_HOME=home, DUET_CONFIG=os.path.join(home, "none.toml"), NO_PROXY="*")

    def duet(*args):
        r = subprocess.run([a.duet, *args], capture_output=True, text=True, env=env, timeout=600)
        if r.returncode != 0:
            sys.exit(f"duet {' '.join(args)} exited {r.returncode}: {r.stderr.strip()[:400]}")
        return r.stdout

    duet("feed", "add", base + "/ko/rss.xml", "--lang", "ko")
    duet("feed", "add", base + "/en/atom.xml", "--lang", "en")
    print(duet("feed", "refresh").strip())
    entries = json.loads(duet("list", "--json"))
    pairs = json.loads(duet("pairs", "--library", "--json"))
    server.shutdown()
    path_of = {e["id"]: (e.get("source") or "")[len(base):] for e in entries}
    got = {(path_of[p["ko"]], path_of[p["en"]]) for p in pairs}
    tp = len(got & gold)
    P = tp / len(got) if got else 0.0
    R = tp / len(gold) if gold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    for k, e in sorted(got - gold):
        print(f"  wrong: {k} + {e}")
    for k, e in sorted(gold - got):
        print(f"  missed: {k} + {e}")
    print(f"articles {len(entries)}  gold pairs {len(gold)}  found {len(got)}  correct {tp}")
    print(f"feed pairs P {P:.3f} R {R:.3f} F1 {F:.3f}")


if __name__ == "__main__":
    main()

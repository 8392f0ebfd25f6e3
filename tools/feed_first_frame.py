#!/usr/bin/env python3
"""The reader's first frame with a library of feed articles, the network down: FEEDS feeds of
ITEMS items each (outlet-shaped Korean and English pages made of the stories of an alignment
case file) served from a loopback server, `duet feed refresh` stores them all, the server is
stopped, then `duet` is launched in a pty inside a network namespace with no interface up
(`unshare -n`, so no request could leave even to 127.0.0.1) and the time to the frame showing
the library's title is measured. Python 3 stdlib only.

  tools/feed_first_frame.py [DUET] [--cases FILE] [--feeds 50] [--items 50] [--runs 7]
                            [--home DIR] [--no-unshare]

--home keeps the library in DIR (made once, reused when it already holds the articles).
The last line is the headline figure.
"""
import argparse, html, json, os, pty, select, statistics, struct, subprocess, sys, tempfile, threading, time
import fcntl, termios
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed_pairs_eval import ROOT, en_page, ko_page, title_of  # noqa: E402


def build(a, home):
    cases = [json.loads(l) for l in open(a.cases, encoding="utf-8") if l.strip()]
    pages, feeds = {}, {}
    n = 0
    for f in range(a.feeds):
        side = "ko" if f % 2 == 0 else "en"
        items = []
        for i in range(a.items):
            c = cases[n % len(cases)]
            paras = c[side]
            # The story number in the title and first paragraph: every page is its own article.
            t = f"{title_of(paras)} ({n})"
            paras = [f"{paras[0]} ({n})", *paras[1:]]
            date = f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}T09:{n % 60:02d}:00+09:00"
            path = f"/f{f}/{i}.html"
            pages[path] = (ko_page if side == "ko" else en_page)(t, paras, date).encode()
            items.append(f"<item><title>{html.escape(t)}</title><link>{path}</link><guid>{path}</guid>"
                         f"<pubDate>Mon, 01 Jan 2024 00:{i % 60:02d}:00 GMT</pubDate></item>")
            n += 1
        feeds[f"/f{f}/rss.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Feed {f}</title><language>{side}</language>" + "".join(items)
            + "</channel></rss>").encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = feeds.get(self.path) or pages.get(self.path)
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
    env = dict(os.environ, DUET_HOME=home, DUET_CONFIG=os.path.join(home, "none.toml"), NO_PROXY="*")

    def duet(*args):
        r = subprocess.run([a.duet, *args], capture_output=True, text=True, env=env, timeout=1800)
        if r.returncode != 0:
            sys.exit(f"duet {' '.join(args)} exited {r.returncode}: {r.stderr.strip()[:400]}")
        return r.stdout

    for f in range(a.feeds):
        duet("feed", "add", f"{base}/f{f}/rss.xml", "--lang", "ko" if f % 2 == 0 else "en")
    t0 = time.perf_counter()
    print(duet("feed", "refresh").strip().splitlines()[-1])
    print(f"refresh: {time.perf_counter() - t0:.1f} s (with pairing)")
    server.shutdown()
    server.server_close()


def first_frame(a, home, size=(40, 120), probe=None):
    """Seconds to the frame showing the library's title, per run; `probe(pid)` is called once
    it shows (the library tool reads the reader's memory then)."""
    cmd = [a.duet] if a.no_unshare else ["unshare", "-n", a.duet]
    times = []
    for _ in range(a.runs):
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(DUET_HOME=home, TERM="xterm-256color",
                              DUET_CONFIG=os.path.join(home, "none.toml"))
            os.execvp(cmd[0], cmd)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
        t0 = time.perf_counter()
        buf = b""
        while b"Library (" not in buf:
            r, _, _ = select.select([fd], [], [], 10)
            if not r:
                break
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
        times.append(time.perf_counter() - t0)
        if probe:
            probe(pid)
        time.sleep(0.3)
        os.write(fd, b"\x03")
        os.waitpid(pid, 0)
        os.close(fd)
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("duet", nargs="?", default=os.path.join(ROOT, "target/release/duet"))
    ap.add_argument("--cases", default=os.path.join(ROOT, "../shared/eval/align/dev.jsonl"))
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--home")
    ap.add_argument("--no-unshare", action="store_true")
    a = ap.parse_args()
    home = a.home or tempfile.mkdtemp(prefix="duet-feed-frame-")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ, DUET_HOME=home, DUET_CONFIG=os.path.join(home, "none.toml"))
    listed = subprocess.run([a.duet, "list", "--json"], capture_output=True, text=True, env=env)
    have = len(json.loads(listed.stdout)) if listed.returncode == 0 and listed.stdout.strip() else 0
    if have < a.feeds * a.items:
        build(a, home)
    listed = subprocess.run([a.duet, "list", "--json"], capture_output=True, text=True, env=env)
    n = sum(1 for e in json.loads(listed.stdout) if e.get("feed"))
    times = first_frame(a, home)
    net = "no network (unshare -n)" if not a.no_unshare else "network up"
    print(f"feed articles {n}, {net}: first frame median {statistics.median(times) * 1000:.0f} ms, "
          f"min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} runs")


if __name__ == "__main__":
    main()

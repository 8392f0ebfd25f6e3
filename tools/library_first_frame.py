#!/usr/bin/env python3
"""The reader's first frame on a library that exists already (issue 21: "first frame ≤ 150 ms
and ≤ 200 MB" at 100,000 articles): `duet` is launched in a pty on DUET_HOME=HOME and the time
to the frame showing the library's title is measured, with the reader's resident memory then
(VmRSS) and its peak (VmHWM). Python 3 stdlib only.

  tools/library_first_frame.py HOME [RUNS] [DUET] [--runs 7] [--size 24x80]

(RUNS and DUET as positional arguments, in either order, as earlier notes call it.)

The reader writes reading positions and processes stale articles after the first frame: give it
a copy of a library you want to keep as it is. The last line is the headline figure.
"""
import argparse, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feed_first_frame import first_frame  # noqa: E402
from feed_pairs_eval import ROOT  # noqa: E402


def kb(pid, field):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("home")
    ap.add_argument("more", nargs="*", help="RUNS and/or DUET")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--size", default="24x80", help="ROWSxCOLUMNS")
    a = ap.parse_args()
    a.duet = os.path.join(ROOT, "target/release/duet")
    for m in a.more:
        if m.isdigit():
            a.runs = int(m)
        else:
            a.duet = m
    a.no_unshare = True
    rows, cols = (int(x) for x in a.size.split("x"))
    rss, hwm = [], []
    times = first_frame(a, a.home, (rows, cols),
                        lambda pid: (rss.append(kb(pid, "VmRSS")), hwm.append(kb(pid, "VmHWM"))))
    for t, r, h in zip(times, rss, hwm):
        print(f"first frame {t * 1000:.0f} ms, {r / 1024:.0f} MB resident ({h / 1024:.0f} MB peak)")
    print(f"median first frame {statistics.median(times) * 1000:.0f} ms, "
          f"{statistics.median(hwm) / 1024:.0f} MB peak ({a.runs} runs, {a.size})")


if __name__ == "__main__":
    main()

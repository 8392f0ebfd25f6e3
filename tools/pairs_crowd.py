#!/usr/bin/env python3
"""Pairing precision among many unpaired articles (issue 21): the dev stories hidden in a crowd
of single-language news articles on the same topics, then `duet pairs FOLDER --json` scored.
Python 3 stdlib only.

  pairs_crowd.py DUET DEV.jsonl [--half a|b|all] [--articles 3000] [--ko-news CSV]
                 [--seed 7] [--orphans 0.2] [--keep DIR] [--verbose]

The stories of the chosen half of DEV.jsonl (`a`: the 1st, 3rd, ... story; `b`: the 2nd, 4th,
...; `all`) are written as a Korean and an English file each (a share --orphans keep one side
only). The crowd holds at least --articles single-language articles, none the translation of
another file in the folder:

- real articles as they are: Korean Wikinews (--ko-news, see below), the English news texts of
  ../extraction (their gold text), the English PUD sentences of ../entities grouped by document,
  and, when a half is chosen, the other half's stories with ONE side each (Korean translations of
  English texts that are not in the folder, and English texts whose translation is not there);
- articles recombined from runs of paragraphs of 1-3 real articles of one language (the same
  names, numbers and places recur across the crowd, as in a library that follows a few topics);
- near-duplicates: about a tenth of the crowd is another version of an article already there
  (paragraphs dropped or moved, another title, another outlet, the same or the next day);
- the dev stories' own dates and outlets on a third of the crowd, outlets the stories never
  use on a fifth.

Files carry a Markdown front matter (title, date, outlet) or a plain-text header line, or (half
of the stories, as `eval_pairs.py` writes them) nothing. Prints the pairs that are wrong (with
their scores and the first words of each side) under --verbose, then pair precision, recall and
F1 on the last line.

--ko-news: a CSV with the columns 작성일 (date), 출처 (url), 제목 (title), 내용 (text): Korean
Wikinews (ko.wikinews.org, CC BY 2.5) as collected in `boddari/csv/wikinews.csv` of the public
repository yiunsr/boddari (644 articles, 2009-2023). Without it the Korean crowd is only made
of the recombined dev and seed texts (much weaker). Nothing of it is stored in duet.

Held-out sources (issues 13, 16, 21) are never read: only DEV.jsonl, ../extraction,
../entities/en_ner_dev.jsonl (UNER English PUD), ../../seeds and --ko-news.
"""
import argparse, csv, json, os, random, re, subprocess, sys, tempfile, time

OUTLETS = ["연합뉴스", "한겨레", "중앙일보", "KBS", "Yonhap", "The Korea Herald", "The Korea Times",
           "Reuters", "AP"]
UNSEEN = ["데일리안", "오마이뉴스", "News1", "Channel A", "The Straits Times", "Nikkei Asia",
          "Deutsche Welle", "Radio Free Asia", "Arirang", "Kyodo", "Al Jazeera", "NK News"]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def is_korean(text):
    letters = sum(c.isalpha() for c in text)
    return letters > 0 and len(HANGUL.findall(text)) / letters > 0.5


def paragraphs(text):
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def load_sources(a, shared, other):
    """Real single-language articles: (lang, title or None, date or None, paragraphs)."""
    ko, en = [], []
    if a.ko_news:
        with open(a.ko_news, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                paras = paragraphs(row.get("내용", ""))
                if paras:
                    ko.append(("ko", row.get("제목") or None, row.get("작성일") or None, paras))
    gold = os.path.join(shared, "eval", "extraction", "gold.jsonl")
    if os.path.exists(gold):
        for line in open(gold, encoding="utf-8"):
            d = json.loads(line)
            if d.get("lang") == "en":
                en.append(("en", None, None, paragraphs(d["gold_text"])))
    pud = os.path.join(shared, "eval", "entities", "en_ner_dev.jsonl")
    if os.path.exists(pud):
        docs = {}
        for line in open(pud, encoding="utf-8"):
            d = json.loads(line)
            docs.setdefault(d["id"].rsplit("-", 1)[0], []).append(d["text"])
        en.extend(("en", None, None, s) for s in docs.values() if len(s) >= 2)
    seeds = os.path.join(shared, "seeds")
    if os.path.isdir(seeds):
        for name in sorted(os.listdir(seeds)):
            text = open(os.path.join(seeds, name), encoding="utf-8", errors="replace").read()
            # The majority language's paragraphs only: two seeds are bilingual (a translation).
            lang = "ko" if is_korean(text) else "en"
            paras = [p for p in paragraphs(text) if len(p) > 40 and is_korean(p) == (lang == "ko")]
            if paras:
                (ko if lang == "ko" else en).append((lang, None, None, paras))
    # The other half's stories, one side each: never both sides of one story.
    for i, c in enumerate(other):
        if i % 2 == 0:
            ko.append(("ko", None, None, c["ko"]))
        else:
            en.append(("en", None, None, c["en"]))
    # Each article in its language only: a few real articles quote the other language at
    # length (a petition in Korean and English), and two crowd articles sharing such a quote
    # would be partial translations of each other.
    keep = lambda lang, ps: [p for p in ps if is_korean(p) == (lang == "ko")]
    ko = [(l, t, d, keep(l, ps)) for l, t, d, ps in ko if keep(l, ps)]
    en = [(l, t, d, keep(l, ps)) for l, t, d, ps in en if keep(l, ps)]
    return ko, en


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("duet"); ap.add_argument("cases")
    ap.add_argument("--half", choices=["a", "b", "all"], default="all")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--ko-news")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--orphans", type=float, default=0.2)
    ap.add_argument("--keep")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    shared = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(a.cases))))
    cases = [json.loads(l) for l in open(a.cases, encoding="utf-8") if l.strip()]
    if a.half == "all":
        mine, other = cases, []
    else:
        first = a.half == "a"
        mine = [c for i, c in enumerate(cases) if (i % 2 == 0) == first]
        other = [c for i, c in enumerate(cases) if (i % 2 == 0) != first]
    folder = a.keep or tempfile.mkdtemp(prefix="duet-crowd-")
    os.makedirs(folder, exist_ok=True)
    if os.listdir(folder):
        sys.exit(f"{folder}: not empty (the check writes a folder of its own)")
    used, names = set(), {}

    def write(lang, paras, title=None, date=None, outlet=None, style=None):
        while True:
            stem = "%08x" % rnd.getrandbits(32)
            if stem not in used:
                used.add(stem); break
        style = style or rnd.choice(["md", "txt", "bare"])
        body = "\n\n".join(paras)
        if style == "md" and date:
            head = f"---\ntitle: {json.dumps(title or paras[0][:60], ensure_ascii=False)}\n"
            head += f"date: {date}\noutlet: {json.dumps(outlet or '', ensure_ascii=False)}\n---\n\n"
            name, text = stem + ".md", head + body
        elif style == "txt" and date:
            line = f"{outlet} · 입력 {date}" if lang == "ko" else f"{outlet} | {date}"
            name, text = stem + ".txt", f"{title or paras[0][:60]}\n\n{line}\n\n{body}"
        else:
            name, text = stem + ".txt", body
        open(os.path.join(folder, name), "w", encoding="utf-8").write(text + "\n")
        names[name] = paras[0][:50]
        return name

    def day():
        return f"{rnd.randint(2009, 2020):04}-{rnd.randint(1, 12):02}-{rnd.randint(1, 28):02}"

    # The stories: half with dates and outlets, half bare.
    gold, story_days, story_outlets, files = set(), [], [], 0
    for c in mine:
        d, o = day(), rnd.choice(OUTLETS)
        dated = rnd.random() < 0.5
        style = rnd.choice(["md", "txt"]) if dated else "bare"
        story_days.append(d); story_outlets.append(o)
        nd = d[:8] + "%02d" % min(28, int(d[8:]) + rnd.randint(0, 1))
        r = rnd.random()
        if r < a.orphans / 2:
            write("ko", c["ko"], None, d, o, style); files += 1
        elif r < a.orphans:
            write("en", c["en"], None, nd, o, style); files += 1
        else:
            k = write("ko", c["ko"], None, d, o, style)
            e = write("en", c["en"], None, nd, o, style)
            gold.add((k, e)); files += 2

    def meta():
        r = rnd.random()
        if r < 1 / 3 and story_days:
            i = rnd.randrange(len(story_days))
            return story_days[i], story_outlets[i]
        if r < 1 / 3 + 1 / 5:
            return day(), rnd.choice(UNSEEN)
        return day(), rnd.choice(OUTLETS)

    ko_src, en_src = load_sources(a, shared, other)
    written = []  # (lang, paras, date, outlet): what near-duplicates copy

    def put(lang, title, date, paras):
        d, o = meta()
        date = date or d
        written.append((lang, paras, date, o))
        return write(lang, paras, title, date, o)

    for lang, title, date, paras in ko_src + en_src:
        put(lang, title, date, paras)
    crowd = len(ko_src) + len(en_src)
    while crowd < a.articles:
        r = rnd.random()
        if r < 0.1 and written:
            lang, paras, date, _ = rnd.choice(written)
            keep = [p for p in paras if rnd.random() > 0.25] or paras[:1]
            if len(keep) > 2 and rnd.random() < 0.5:
                i = rnd.randrange(len(keep) - 1)
                keep[i], keep[i + 1] = keep[i + 1], keep[i]
            nd = date[:8] + "%02d" % min(28, int(date[8:10]) + rnd.randint(0, 1))
            write(lang, keep, None, nd, rnd.choice(OUTLETS + UNSEEN))
        else:
            pool = ko_src if (r < 0.55 and ko_src) or not en_src else en_src
            paras = []
            for _ in range(rnd.randint(1, 3)):
                src = rnd.choice(pool)[3]
                i = rnd.randrange(len(src))
                paras.extend(src[i:i + rnd.randint(2, 8)])
            put(pool[0][0], None, None, paras[:20])
        crowd += 1
    files += crowd

    if a.keep:  # the answer key beside the folder, for looking into what went wrong
        with open(folder.rstrip("/") + ".gold.tsv", "w", encoding="utf-8") as f:
            f.writelines(f"{k}\t{e}\n" for k, e in sorted(gold))
    t = time.perf_counter()
    r = subprocess.run([a.duet, "pairs", folder, "--json"], capture_output=True, text=True, timeout=3600)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"duet pairs exited {r.returncode}: {r.stderr.strip()[:300]}")
    pred = {(os.path.basename(p["ko"]), os.path.basename(p["en"])): p.get("score") for p in json.loads(r.stdout)}
    got = set(pred)
    tp = len(got & gold)
    if a.verbose:
        for k, e in sorted(got - gold, key=lambda x: -(pred[x] or 0)):
            print(f"wrong {pred[(k, e)]}: {k} {names.get(k, '')!r} ~ {e} {names.get(e, '')!r}")
        for k, e in sorted(gold - got):
            print(f"missed: {k} {names.get(k, '')!r} ~ {e} {names.get(e, '')!r}")
    P = tp / len(got) if got else 0.0
    R = tp / len(gold) if gold else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    print(f"files {files}  crowd {crowd} ({len(ko_src)} ko + {len(en_src)} en real)  gold pairs {len(gold)}  "
          f"predicted {len(got)}  correct {tp}  duet time {dt:.1f}s")
    print(f"pairs P {P:.3f} R {R:.3f} F1 {F:.3f}")


if __name__ == "__main__":
    main()

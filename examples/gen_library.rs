//! Build a realistic folder of article files for the library's benches and for trying duet as a
//! heavy user would:
//!
//! ```sh
//! cargo run --release --example gen_library -- --articles 10000 DIR [--eval DIR | --repo-only] [--seed 1]
//! DUET_HOME=/tmp/lib duet import DIR
//! ```
//!
//! The text is real. With the shared eval data (`--eval DIR`, by default `../shared/eval` beside
//! the repository when it is there): the bundled articles (`assets/articles`), the Korean-English
//! news documents of `eval/align/dev.jsonl`, the Korean news sentences and English sentences of
//! `eval/entities`, and the saved pages of `eval/extraction/html`. Without it (a plain clone, or
//! `--repo-only`): only what the repository holds: the sentences of the bundled articles and of
//! the test pages (`tests/fixtures/pages`), as duet cleans them, and the gold Korean-English
//! paragraph pairs of the two bilingual articles (`tests/fixtures/align/*.pairs.json`) as the
//! bilingual documents and the stories' beads; the test pages are copied too. Each generated
//! article recombines them: bilingual articles (Korean then English, Markdown with front matter),
//! Korean-only and English-only articles of 2 to 40 paragraphs (each titled after one of its
//! sentences and numbered, so no two share a title), plain-text copies of the bundled pages with
//! a dateline of their own (`outlet · 입력 date · 기사 N`), and saved HTML pages; dates from 2015
//! to 2024, a dozen outlets, files spread over `YYYY/MM/` folders, and about 0.5% exact
//! duplicates under other names (import skips them). The first line on stderr says what was used.
//!
//! `--editions PCT`: that share of the articles are a story's Korean edition and English edition
//! as two files (`NNNNNN_ko.md`, `NNNNNN_en.txt`, dated the same day or the next), for the
//! library's translation pairing. Each story is a random draw of 8–24 gold sentence beads of
//! the dev set (as `benches/pairs.rs` makes them; the fixtures' paragraph pairs without it), so
//! it is a true translation and unlike any other story. Default 0: the library is the same as
//! without the option.

use std::io::Read;
use std::path::{Path, PathBuf};

/// splitmix64: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const USAGE: &str = "usage: gen_library [--articles N] [--eval DIR | --repo-only] [--seed S] [--editions PCT] OUT_DIR";
const HELP: &str = "Writes N article files (default 10000) of real text under OUT_DIR/YYYY/MM/.
Text from the shared eval data (--eval DIR, default ../shared/eval beside the repository
when it exists): aligned Korean-English news documents, annotated Korean and English news
sentences, saved pages; plus the bundled articles. Without it (a plain clone, or --repo-only)
only what the repository holds: the sentences of assets/articles and tests/fixtures/pages as
duet cleans them, and the gold paragraph pairs of tests/fixtures/align/*.pairs.json.
--editions PCT: that share of the articles as a Korean and an English edition of one story.
--seed S: another library of the same shape (default 1).";

const OUTLETS: &[&str] = &[
    "연합뉴스",
    "한겨레",
    "경향신문",
    "중앙일보",
    "조선일보",
    "뉴스핌",
    "세계일보",
    "KBS",
    "Yonhap",
    "The Korea Herald",
    "Korea JoongAng Daily",
    "The Korea Times",
];

struct Pool {
    /// Korean-English documents: (Korean paragraphs, English paragraphs).
    bilingual: Vec<(Vec<String>, Vec<String>)>,
    /// The gold sentence beads of those documents: (Korean sentences, English sentences).
    beads: Vec<(Vec<String>, Vec<String>)>,
    ko_sentences: Vec<String>,
    en_sentences: Vec<String>,
    /// The bundled articles' text.
    bundled: Vec<String>,
    /// Saved pages (HTML, decompressed).
    pages: Vec<Vec<u8>>,
}

fn main() {
    if let Err(e) = run(std::env::args().skip(1)) {
        eprintln!("gen_library: {e}");
        std::process::exit(2);
    }
}

fn run(mut args: impl Iterator<Item = String>) -> Result<(), String> {
    let mut n = 10_000usize;
    let mut out: Option<PathBuf> = None;
    let mut eval = Some(PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval"
    )));
    let mut seed = 1u64;
    let mut editions = 0usize;
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--articles" => {
                n = value("--articles")?
                    .parse()
                    .map_err(|e| format!("--articles: {e}"))?
            }
            "--eval" => eval = Some(PathBuf::from(value("--eval")?)),
            "--repo-only" => eval = None,
            "--help" | "-h" => {
                println!("{USAGE}\n\n{HELP}");
                return Ok(());
            }
            "--editions" => {
                editions = value("--editions")?
                    .parse()
                    .map_err(|e| format!("--editions: {e}"))?;
                if editions > 100 {
                    return Err("--editions: a percentage, 0 to 100".into());
                }
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other => out = Some(PathBuf::from(other)),
        }
    }
    let out = out.ok_or(USAGE)?;
    let pool = load_pool(eval.as_deref())?;
    eprintln!(
        "gen_library: {} bilingual documents, {} Korean and {} English sentences, {} bundled articles, {} pages",
        pool.bilingual.len(),
        pool.ko_sentences.len(),
        pool.en_sentences.len(),
        pool.bundled.len(),
        pool.pages.len()
    );
    let mut rng = Rng(seed);
    let mut written: Vec<PathBuf> = Vec::new();
    let mut bytes_total = 0usize;
    // The editions draw from their own generator: without them, the library is unchanged.
    let mut ed_rng = Rng(seed ^ 0x4544_4954_494f_4e53);
    let mut pairs_written = 0usize;
    let mut i = 0;
    while i < n {
        let (year, month, day) = (rng.range(2015, 2024), rng.range(1, 12), rng.range(1, 28));
        let date = format!("{year:04}-{month:02}-{day:02}");
        let dir = out.join(format!("{year:04}/{month:02}"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if editions > 0 && i + 1 < n && !pool.beads.is_empty() && ed_rng.below(200) < editions {
            let outlet = *ed_rng.pick(OUTLETS);
            let next_day = format!("{year:04}-{month:02}-{:02}", day + ed_rng.below(2));
            let (ko, en) = edition(&mut ed_rng, &pool.beads, &date, &next_day, outlet);
            for (name, body) in [
                (format!("{i:06}_ko.md"), ko),
                (format!("{i:06}_en.txt"), en),
            ] {
                let path = dir.join(name);
                std::fs::write(&path, &body).map_err(|e| format!("{}: {e}", path.display()))?;
                bytes_total += body.len();
                written.push(path);
            }
            pairs_written += 1;
            i += 2;
            continue;
        }
        // About 0.5% exact duplicates of an earlier file, under another name.
        if !written.is_empty() && rng.below(200) == 0 {
            let src = written[rng.below(written.len())].clone();
            let ext = src
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("txt")
                .to_string();
            let dst = dir.join(format!("{i:06}_copy.{ext}"));
            std::fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", dst.display()))?;
            written.push(dst);
            i += 1;
            continue;
        }
        let outlet = *rng.pick(OUTLETS);
        let roll = rng.below(100);
        let (ext, body): (&str, Vec<u8>) = if roll < 30 && !pool.bilingual.is_empty() {
            (
                "md",
                bilingual(&mut rng, &pool, i, &date, outlet).into_bytes(),
            )
        } else if roll < 60 && !pool.ko_sentences.is_empty() {
            (
                "md",
                monolingual(&mut rng, &pool.ko_sentences, true, i, &date, outlet).into_bytes(),
            )
        } else if roll < 75 && !pool.en_sentences.is_empty() {
            (
                "txt",
                monolingual(&mut rng, &pool.en_sentences, false, i, &date, outlet).into_bytes(),
            )
        } else if roll < 92 || pool.pages.is_empty() {
            let text = rng.pick(&pool.bundled);
            (
                "txt",
                format!("{outlet} · 입력 {date} · 기사 {i}\n\n{text}").into_bytes(),
            )
        } else if pool.pages.len() < 20 && rng.below(4) > 0 {
            // Few saved pages at hand (a plain clone): most pages are stories saved as pages.
            let korean = rng.below(3) > 0 || pool.en_sentences.is_empty();
            let sentences = if korean {
                &pool.ko_sentences
            } else {
                &pool.en_sentences
            };
            (
                "html",
                story_page(&mut rng, sentences, korean, i, &date, outlet).into_bytes(),
            )
        } else {
            let page = rng.pick(&pool.pages);
            let mut b = format!("<!-- saved {date} #{i} -->\n").into_bytes();
            b.extend_from_slice(page);
            ("html", b)
        };
        let path = dir.join(format!("{i:06}.{ext}"));
        std::fs::write(&path, &body).map_err(|e| format!("{}: {e}", path.display()))?;
        bytes_total += body.len();
        written.push(path);
        i += 1;
    }
    eprintln!(
        "gen_library: wrote {} files ({:.1} MB) under {}{}",
        written.len(),
        bytes_total as f64 / 1e6,
        out.display(),
        if editions > 0 {
            format!(", {pairs_written} stories as a Korean and an English edition")
        } else {
            String::new()
        }
    );
    Ok(())
}

fn front_matter(title: &str, title_en: Option<&str>, date: &str, outlet: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut s = format!("---\ntitle: {}\n", q(title));
    if let Some(t) = title_en {
        s.push_str(&format!("title_en: {}\n", q(t)));
    }
    s.push_str(&format!("date: {date}\noutlet: {}\n---\n\n", q(outlet)));
    s
}

/// A title from a sentence: its first words, up to about 40 characters.
fn title_of(sentence: &str) -> String {
    let mut t = String::new();
    for w in sentence.split_whitespace() {
        if t.chars().count() + w.chars().count() > 40 {
            break;
        }
        if !t.is_empty() {
            t.push(' ');
        }
        t.push_str(w.trim_end_matches(['.', ',']));
    }
    t
}

fn bilingual(rng: &mut Rng, pool: &Pool, i: usize, date: &str, outlet: &str) -> String {
    let (ko, en) = rng.pick(&pool.bilingual);
    // A prefix of both sides, in proportion: varied lengths, still each other's translation.
    let keep = rng.range(1, 4);
    let cut = |v: &Vec<String>| -> Vec<String> {
        let n = (v.len() * keep).div_ceil(4).max(1).min(v.len());
        v[..n].to_vec()
    };
    let (ko, en) = (cut(ko), cut(en));
    let title = format!("{} ({i})", title_of(ko.first().map_or("", String::as_str)));
    let title_en = format!("{} ({i})", title_of(en.first().map_or("", String::as_str)));
    let mut s = front_matter(&title, Some(&title_en), date, outlet);
    for p in ko.iter().chain(en.iter()) {
        s.push_str(p);
        s.push_str("\n\n");
    }
    s
}

/// A story as two files: its Korean edition (Markdown with front matter, a few run-together
/// paragraphs) and its English edition (plain text: title, outlet and date line, a paragraph
/// per bead or two).
fn edition(
    rng: &mut Rng,
    beads: &[(Vec<String>, Vec<String>)],
    date: &str,
    date_en: &str,
    outlet: &str,
) -> (Vec<u8>, Vec<u8>) {
    let story: Vec<&(Vec<String>, Vec<String>)> =
        (0..rng.range(8, 24)).map(|_| rng.pick(beads)).collect();
    let title = |s: Option<&String>| s.map_or(String::new(), |s| title_of(s));
    let (title_ko, title_en) = match story.first() {
        Some(b) => (title(b.0.first()), title(b.1.first())),
        None => (String::new(), String::new()),
    };
    let mut ko = front_matter(&title_ko, None, date, outlet);
    for (i, b) in story.iter().enumerate() {
        ko.push_str(&b.0.join(" "));
        ko.push_str(if i % 4 == 3 { "\n\n" } else { " " });
    }
    let mut en = format!("{title_en}\n\n{outlet} | {date_en}\n\n");
    for (i, b) in story.iter().enumerate() {
        en.push_str(&b.1.join(" "));
        en.push_str(if i % 2 == 1 { "\n\n" } else { " " });
    }
    (ko.into_bytes(), en.into_bytes())
}

fn monolingual(
    rng: &mut Rng,
    sentences: &[String],
    korean: bool,
    i: usize,
    date: &str,
    outlet: &str,
) -> String {
    // Mostly short and medium articles, a few long ones.
    let paragraphs = match rng.below(10) {
        0..=5 => rng.range(2, 8),
        6..=8 => rng.range(9, 20),
        _ => rng.range(21, 40),
    };
    let title = format!("{} ({i})", title_of(rng.pick(sentences).as_str()));
    let mut s = if korean {
        front_matter(&title, None, date, outlet)
    } else {
        format!("{title}\n\n{outlet} | {date}\n\n")
    };
    for _ in 0..paragraphs {
        let k = rng.range(1, 4);
        let p: Vec<&str> = (0..k).map(|_| rng.pick(sentences).as_str()).collect();
        s.push_str(&p.join(" "));
        s.push_str("\n\n");
    }
    s
}

/// A story saved as a whole page: site menus, the article with its headline, time and
/// paragraphs, a most-read list and a footer around it.
fn story_page(
    rng: &mut Rng,
    sentences: &[String],
    korean: bool,
    i: usize,
    date: &str,
    outlet: &str,
) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let title = esc(&format!("{} ({i})", title_of(rng.pick(sentences).as_str())));
    let (lang, menu, most_read, rights) = if korean {
        (
            "ko",
            "정치 경제 사회 국제 문화",
            "많이 본 기사",
            "무단전재 및 재배포 금지",
        )
    } else {
        (
            "en",
            "Politics Business World Culture Opinion",
            "Most read",
            "All rights reserved.",
        )
    };
    let outlet = esc(outlet);
    let menu: String = menu
        .split(' ')
        .map(|m| format!("<li><a href=\"/{m}\">{m}</a></li>"))
        .collect();
    let mut body = String::new();
    for _ in 0..rng.range(2, 12) {
        let p: Vec<String> = (0..rng.range(1, 3))
            .map(|_| esc(rng.pick(sentences).as_str()))
            .collect();
        body.push_str(&format!("<p>{}</p>\n", p.join(" ")));
    }
    let related: String = (0..3)
        .map(|k| {
            format!(
                "<li><a href=\"/a/{k}\">{}</a></li>",
                esc(&title_of(rng.pick(sentences).as_str()))
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\n\
<title>{title} - {outlet}</title>\n\
<meta property=\"og:title\" content=\"{title}\">\n\
<meta property=\"og:site_name\" content=\"{outlet}\">\n\
<meta property=\"article:published_time\" content=\"{date}T09:00:00+09:00\">\n\
<script>window.dataLayer = [];</script></head>\n<body>\n\
<header><a href=\"/\">{outlet}</a><ul class=\"gnb\">{menu}</ul></header>\n\
<main><article><h1>{title}</h1>\n<time datetime=\"{date}\">{date}</time>\n{body}</article>\n\
<aside><h3>{most_read}</h3><ol>{related}</ol></aside></main>\n\
<footer><p>Copyright © {outlet}. {rights}</p></footer>\n</body></html>\n"
    )
}

fn load_pool(eval: Option<&Path>) -> Result<Pool, String> {
    let mut pool = Pool {
        bilingual: Vec::new(),
        beads: Vec::new(),
        ko_sentences: Vec::new(),
        en_sentences: Vec::new(),
        bundled: Vec::new(),
        pages: Vec::new(),
    };
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&assets)
        .map_err(|e| format!("{}: {e}", assets.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for p in &names {
        if let Ok(t) = std::fs::read_to_string(p) {
            pool.bundled.push(t);
        }
    }
    let Some(eval) = eval.filter(|e| e.is_dir()) else {
        eprintln!(
            "gen_library: {}; using what the repository holds (assets/articles, tests/fixtures)",
            eval.map_or("--repo-only".to_string(), |e| format!(
                "{} not found",
                e.display()
            ))
        );
        repository_pool(&mut pool, names);
        return Ok(pool);
    };
    eprintln!("gen_library: eval data from {}", eval.display());
    for line in read_lines(&eval.join("align/dev.jsonl")) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let strings = |k: &str| -> Vec<String> {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (ko, en) = (strings("ko"), strings("en"));
        if !ko.is_empty() && !en.is_empty() {
            pool.bilingual.push((ko, en));
        }
        let (ks, es) = (strings("ko_sentences"), strings("en_sentences"));
        for bead in v["gold"].as_array().into_iter().flatten() {
            let side = |x: &serde_json::Value, from: &[String]| -> Option<Vec<String>> {
                x.as_array()?
                    .iter()
                    .map(|i| from.get(i.as_u64()? as usize).cloned())
                    .collect()
            };
            if let (Some(k), Some(e)) = (side(&bead[0], &ks), side(&bead[1], &es))
                && !k.is_empty()
                && !e.is_empty()
            {
                pool.beads.push((k, e));
            }
        }
    }
    for (file, korean) in [
        ("entities/train/ko_ner_news_rest.jsonl", true),
        ("entities/ko_ner_dev.jsonl", true),
        ("entities/train/en_ner_ewt_dev_extra.jsonl", false),
        ("entities/en_ner_dev.jsonl", false),
    ] {
        for line in read_lines(&eval.join(file)) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let Some(t) = v["text"].as_str() else {
                continue;
            };
            if t.chars().count() < 25 {
                continue;
            }
            if korean {
                pool.ko_sentences.push(t.to_string());
            } else {
                pool.en_sentences.push(t.to_string());
            }
        }
    }
    // The English Korean-news paragraphs are better English news text than web forum lines.
    for (_, en) in &pool.bilingual {
        pool.en_sentences.extend(en.iter().cloned());
    }
    if let Ok(dir) = std::fs::read_dir(eval.join("extraction/html")) {
        let mut paths: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Ok(f) = std::fs::File::open(&p) else {
                continue;
            };
            let mut html = Vec::new();
            if flate2::read::GzDecoder::new(f)
                .read_to_end(&mut html)
                .is_ok()
            {
                pool.pages.push(html);
            }
        }
    }
    Ok(pool)
}

/// The pools from the repository alone: the sentences of the bundled articles and the test
/// pages as duet cleans them, the test pages as page copies, and the gold paragraph pairs of
/// the bilingual articles as bilingual documents and as beads.
fn repository_pool(pool: &mut Pool, mut articles: Vec<PathBuf>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/pages"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    fixtures.sort();
    for p in &fixtures {
        match std::fs::read(p) {
            Ok(b) if p.extension().is_some_and(|e| e == "html") => pool.pages.push(b),
            Ok(b) => pool.bundled.extend(String::from_utf8(b).ok()),
            Err(_) => {}
        }
    }
    articles.extend(fixtures);
    for p in &articles {
        let Ok(art) = duet::parse_file(p) else {
            continue;
        };
        for b in art
            .blocks
            .iter()
            .filter(|b| b.kind == duet::BlockKind::Paragraph)
        {
            let to = match b.lang {
                duet::Lang::Ko => &mut pool.ko_sentences,
                duet::Lang::En => &mut pool.en_sentences,
                _ => continue,
            };
            to.extend(
                duet::text::sentences::split_str(&b.text)
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| s.chars().count() >= 25),
            );
        }
    }
    let mut gold: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures/align"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".pairs.json"))
        .collect();
    gold.sort();
    for p in gold {
        let Ok(v) = std::fs::read_to_string(&p)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).map_err(|e| e.to_string()))
        else {
            continue;
        };
        let (mut ko, mut en) = (Vec::new(), Vec::new());
        for pair in v["pairs"].as_array().into_iter().flatten() {
            if let (Some(k), Some(e)) = (pair["ko"].as_str(), pair["en"].as_str()) {
                pool.beads.push((vec![k.to_string()], vec![e.to_string()]));
                ko.push(k.to_string());
                en.push(e.to_string());
            }
        }
        if !ko.is_empty() {
            pool.bilingual.push((ko, en));
        }
    }
    let mut seen = std::collections::HashSet::new();
    pool.ko_sentences.retain(|s| seen.insert(s.clone()));
    pool.en_sentences.retain(|s| seen.insert(s.clone()));
}

fn read_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .map(|s| s.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    /// A plain clone makes a library of distinct stories, not copies of five articles, and
    /// duet reads every one without markup left in its text.
    #[test]
    fn a_plain_clone_makes_distinct_articles() {
        let dir = tempfile::tempdir().expect("tempdir");
        let args = ["--articles", "600", "--repo-only"].map(String::from);
        let out = dir.path().to_string_lossy().to_string();
        super::run(args.into_iter().chain([out])).expect("generated");
        let files = duet::ingest::discover(&[dir.path().to_path_buf()]);
        let mut titles: HashMap<String, usize> = HashMap::new();
        let mut n = 0;
        let tag = regex::Regex::new(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>").expect("pattern");
        for path in files.into_iter().flatten() {
            let art = duet::parse_file(&path).expect("a generated article parses");
            for b in &art.blocks {
                assert!(
                    !tag.is_match(&b.text),
                    "{}: markup in {:?}",
                    path.display(),
                    b.text
                );
            }
            *titles.entry(art.title.unwrap_or_default()).or_default() += 1;
            n += 1;
        }
        assert_eq!(n, 600);
        let (title, most) = titles.iter().max_by_key(|(_, c)| **c).expect("titles");
        assert!(
            most * 20 <= n,
            "{most} of {n} articles are titled {title:?}"
        );
        assert!(titles.len() * 10 >= n * 7, "{} titles", titles.len());
    }
}

//! Words for learners (issue 20): what the popup does between the key and the frame (lemma,
//! dictionary senses, library frequency and status, from a library holding a 50,000-entry
//! dictionary), the word alignment of a 5,000-pair article with a library model, retraining the
//! library's model on the sentence pairs of a 10,000-article library, and importing a
//! 50,000-entry dictionary.
//!
//! The sentence pairs are the 1:1 gold beads of the Korean-English dev set
//! (`$DUET_EVAL/align/dev.jsonl`, default `../shared/eval` beside the repository), drawn with
//! replacement; without it, the pairs of the bundled bilingual articles.
//!
//! cargo bench --bench words [-- popup|align|retrain|import]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use duet::library::words::{Seen, Status, bead_pairs};
use duet::library::{Home, Library};
use duet::words::{self, dict};

fn eval_dir() -> PathBuf {
    std::env::var_os("DUET_EVAL").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
        PathBuf::from,
    )
}

/// Sentence pairs to draw from.
fn pool() -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(text) = std::fs::read_to_string(eval_dir().join("align/dev.jsonl")) {
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let (Some(ko), Some(en), Some(gold)) = (
                v["ko_sentences"].as_array(),
                v["en_sentences"].as_array(),
                v["gold"].as_array(),
            ) else {
                continue;
            };
            for b in gold {
                if let (Some([k]), Some([e])) = (
                    b[0].as_array().map(Vec::as_slice),
                    b[1].as_array().map(Vec::as_slice),
                ) && let (Some(k), Some(e)) = (k.as_u64(), e.as_u64())
                {
                    out.push((
                        ko[k as usize].as_str().unwrap_or("").to_string(),
                        en[e as usize].as_str().unwrap_or("").to_string(),
                    ));
                }
            }
        }
    }
    if out.is_empty() {
        eprintln!(
            "words bench: no dev set at {}; using the bundled articles",
            eval_dir().display()
        );
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if let Ok(a) = duet::parse_file(&e.path()) {
                let b = duet::align::align_article(&a);
                out.extend(bead_pairs(&b));
            }
        }
    }
    out
}

/// `n` pairs drawn from the pool (reproducibly).
fn draw(pool: &[(String, String)], n: usize) -> Vec<(String, String)> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            pool[(x % pool.len() as u64) as usize].clone()
        })
        .collect()
}

fn refs(p: &[(String, String)]) -> Vec<(&str, &str)> {
    p.iter().map(|(k, e)| (k.as_str(), e.as_str())).collect()
}

/// A krdict LMF XML export of `n` entries (made-up headwords, the export's shape).
fn dictionary_xml(n: usize) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LexicalResource><Lexicon>\n");
    for i in 0..n {
        let a = char::from_u32(0xAC00 + (i % 11172) as u32).unwrap_or('가');
        let b = char::from_u32(0xAC00 + ((i / 11172) * 97 % 11172) as u32).unwrap_or('나');
        s.push_str(&format!(
            "<LexicalEntry att=\"id\" val=\"{i}\"><feat att=\"partOfSpeech\" val=\"명사\"/>\
             <feat att=\"vocabularyLevel\" val=\"중급\"/><Lemma><feat att=\"writtenForm\" val=\"{a}{b}\"/></Lemma>\
             <Sense><feat att=\"definition\" val=\"뜻풀이 {i}.\"/><Equivalent><feat att=\"language\" val=\"영어\"/>\
             <feat att=\"lemma\" val=\"word{i}\"/><feat att=\"definition\" val=\"The meaning of word {i}.\"/></Equivalent>\
             </Sense></LexicalEntry>\n"
        ));
    }
    s.push_str("</Lexicon></LexicalResource>\n");
    s
}

fn bench(c: &mut Criterion) {
    let pool = pool();
    let tmp = std::env::temp_dir().join(format!("duet-words-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).expect("a temporary folder");

    // The popup: lemma, senses, frequency and status of the word under the cursor.
    let xml = dictionary_xml(50_000);
    let xml_path = tmp.join("krdict.xml");
    std::fs::write(&xml_path, &xml).expect("write the dictionary");
    let lib = Library::open(Home::at(tmp.join("popup")))
        .expect("a library")
        .0;
    let parsed = dict::read(&xml_path).expect("parses");
    lib.import_dictionary(&xml_path, &parsed).expect("imports");
    lib.set_word_status("대통령", Status::Learning(2), Some(&Seen::default()))
        .expect("a status");
    popup_frame(c, &tmp, &xml_path, &parsed);
    c.bench_function("words/popup lookup (50k-entry dictionary)", |b| {
        b.iter(|| {
            let lemmas = words::lemma::lemmas(black_box("대통령이"));
            let found = lib.dictionary_entries(&lemmas[0]).expect("lookup");
            let freq = lib.lemma_frequency(&lemmas[0]).expect("frequency");
            let status = lib.word_status(&lemmas[0]).expect("status");
            black_box((found, freq, status))
        })
    });

    // One article of 5,000 pairs, with a library model.
    let article = draw(&pool, 5_000);
    let library_model = words::train(&refs(&pool), &words::Settings::default());
    let mut g = c.benchmark_group("words");
    g.sample_size(10);
    g.bench_function("align a 5,000-pair article", |b| {
        b.iter(|| {
            words::align(
                &refs(&article),
                Some(&library_model),
                &words::Settings::default(),
            )
        })
    });

    // A 10,000-article library's sentence pairs: a quarter of the articles bilingual (or two
    // editions paired), 20 pairs each.
    let library = draw(&pool, 50_000);
    g.bench_function("retrain on a 10,000-article library (50,000 pairs)", |b| {
        b.iter(|| words::train(&refs(&library), &words::Settings::default()))
    });

    g.bench_function("import a 50,000-entry dictionary", |b| {
        let mut n = 0;
        b.iter_batched(
            || {
                n += 1;
                tmp.join(format!("import-{n}"))
            },
            |home: PathBuf| {
                let d = dict::read(&xml_path).expect("parses");
                let lib = Library::open(Home::at(&home)).expect("a library").0;
                lib.import_dictionary(Path::new(&xml_path), &d)
                    .expect("imports");
                drop(lib);
                let _ = std::fs::remove_dir_all(&home);
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&tmp);
}

/// From the key to the frame: `w` on seed 004's first paragraph in the reader of a library of
/// the bundled articles holding the 50,000-entry dictionary (its words built when the article
/// opened, as the reader's worker does), the app's update and the popup drawn on a 160x45
/// `TestBackend`. Each sample closes the popup again, outside the time measured.
fn popup_frame(c: &mut Criterion, tmp: &Path, xml_path: &Path, parsed: &dict::Dictionary) {
    use duet::tui::action::Action;
    use duet::tui::keys::config::Config;
    use duet::tui::run::headless::{app_with_library, draw, parse_keys, press, step};

    let lib = Library::open(Home::at(tmp.join("reader")))
        .expect("a library")
        .0;
    let articles = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    lib.import_then_pair(&[articles], &mut |_, _| {})
        .expect("imports the bundled articles");
    lib.import_dictionary(xml_path, parsed).expect("imports");
    lib.count_lemmas().expect("counts");
    let mut app = app_with_library(&lib, 160, 45, Config::default(), true).expect("an app");
    let at = app
        .entries()
        .iter()
        .position(|e| {
            e.meta()
                .is_some_and(|m| m.title.starts_with("미국 중국 첫 고위"))
        })
        .expect("seed 004 listed");
    let keys = |k: &str| parse_keys(k).expect("keys");
    press(&mut app, &keys("g"));
    press(&mut app, &keys(&"j ".repeat(at)));
    press(&mut app, &keys("Enter j"));
    assert!(
        app.article_words().is_some(),
        "the article's words are built"
    );
    let [w] = keys("w")[..] else { unreachable!() };
    let [esc] = keys("Esc")[..] else {
        unreachable!()
    };
    c.bench_function("words/popup from the key to the frame (160x45)", |b| {
        b.iter_custom(|n| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..n {
                let t = std::time::Instant::now();
                step(&mut app, Action::Key(w));
                black_box(draw(&app));
                spent += t.elapsed();
                assert!(app.overlay().is_some(), "the popup opened");
                step(&mut app, Action::Key(esc));
            }
            spent
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

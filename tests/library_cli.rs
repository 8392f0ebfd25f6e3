//! The library end to end through the real binary (`DUET_HOME` in a temporary folder):
//! import with duplicates, list, remove, bookmark exports; and through the library API: a
//! changed article file invalidates just its cache entry; a pipeline upgrade re-processes
//! lazily; positions and read marks round-trip.

mod support;

use std::path::{Path, PathBuf};

use duet::library::bookmarks::Mark;
use duet::library::{Home, Library, Position};
use quick_xml::events::Event;
use serde_json::Value;

use support::{articles as assets, duet_in as duet, text};

fn list_json(home: &Path) -> Vec<Value> {
    let out = duet(home, &["list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("json")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn import_list_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    // An empty library says so, and how to fill it; a script still reads no rows.
    let out = duet(&home, &["list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr).trim_end(),
        format!(
            "duet: the library ({}) is empty; add articles with `duet import FILE|FOLDER…`",
            home.display()
        )
    );
    assert_eq!(list_json(&home), Vec::<Value>::new());
    let out = duet(&home, &["import", assets().to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Not a terminal: no progress bar, one summary line.
    assert_eq!(text(&out.stdout).lines().count(), 1);
    assert!(text(&out.stdout).starts_with("imported 5 articles in "));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));

    // The same folder again, plus one file copied under another name and one bad file.
    let extra = dir.path().join("extra");
    std::fs::create_dir_all(&extra).unwrap();
    std::fs::copy(
        assets().join("004_8e658290ee760122.txt"),
        extra.join("renamed.txt"),
    )
    .unwrap();
    std::fs::write(extra.join("empty.txt"), "   \n").unwrap();
    let out = duet(
        &home,
        &[
            "import",
            assets().to_str().unwrap(),
            extra.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "a bad file: exit 2");
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("imported 0 articles in ")
            && stdout.contains("6 duplicates skipped")
            && stdout.contains("1 failed"),
        "{stdout}"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("renamed.txt: already in the library as #5, skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert_eq!(stderr.lines().count(), 7, "{stderr}");

    let entries = list_json(&home);
    assert_eq!(entries.len(), 5);
    let e5 = entries.iter().find(|e| e["id"] == 5).unwrap();
    assert_eq!(e5["language"], "ko+en");
    assert_eq!(e5["read"], false);
    assert_eq!(e5["stale"], false);
    assert!(e5["pairs"].as_i64().unwrap() > 10);
    assert!(e5["title"].as_str().unwrap().starts_with("미국 중국"));
    // Newest first; the undated ones last.
    let dates: Vec<Option<&str>> = entries.iter().map(|e| e["published"].as_str()).collect();
    assert_eq!(dates[0], Some("2023-10-27"));
    assert!(dates.last().unwrap().is_none());

    let out = duet(&home, &["list"]);
    assert!(out.status.success());
    let listing = text(&out.stdout);
    assert_eq!(listing.lines().count(), 5);
    assert!(
        listing.contains("ko+en") && listing.contains("뉴스핌"),
        "{listing}"
    );
    // The user's files were never touched, and the copies are whole.
    for e in &entries {
        let copy = PathBuf::from(e["file"].as_str().unwrap());
        let source = PathBuf::from(e["source"].as_str().unwrap());
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            std::fs::read(&source).unwrap()
        );
        assert!(copy.starts_with(&home));
    }
}

#[test]
fn remove_takes_articles_out_and_reports_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    assert!(
        duet(&home, &["import", assets().to_str().unwrap()])
            .status
            .success()
    );
    let copy2 = PathBuf::from(
        list_json(&home).iter().find(|e| e["id"] == 2).unwrap()["file"]
            .as_str()
            .unwrap(),
    );
    let out = duet(&home, &["remove", "2", "99"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout).trim(), "removed 1 article");
    assert_eq!(
        text(&out.stderr).trim(),
        "duet: no article with id 99 in the library"
    );
    let ids: Vec<i64> = list_json(&home)
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 4);
    assert!(!ids.contains(&2));
    assert!(!copy2.exists(), "the stored copy goes");
    assert!(
        assets().join("001_e2ec9d96d82b9f1e.txt").exists(),
        "the original stays"
    );
    // Ids are never reused: importing it again gives a new one.
    assert!(
        duet(&home, &["import", assets().to_str().unwrap()])
            .status
            .success()
    );
    let ids: Vec<i64> = list_json(&home)
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&6) && !ids.contains(&2), "{ids:?}");
}

#[test]
fn bookmarks_export_as_tsv_tmx_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    assert!(
        duet(&home, &["import", assets().to_str().unwrap()])
            .status
            .success()
    );
    {
        let (lib, _) = Library::open(Home::at(&home)).unwrap();
        let p = lib.load(5).unwrap();
        for (i, note) in [(3usize, Some("첫 군사회담 & <talks>")), (0, None)] {
            let pair = &p.bitext.pairs[i];
            let mark = Mark {
                pair: i,
                sentence: None,
                ko: pair.ko.clone(),
                en: pair.en.clone(),
                note: note.map(str::to_string),
            };
            lib.add_bookmark(5, &mark).unwrap();
        }
    }
    let out = duet(&home, &["export", "--bookmarks", "--format", "tsv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let tsv = text(&out.stdout);
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), 3, "{tsv}");
    assert_eq!(lines[0], "article\ttitle\tpair\tko\ten\tnote");
    let cols: Vec<&str> = lines[2].split('\t').collect();
    assert_eq!(cols.len(), 6);
    assert_eq!((cols[0], cols[2]), ("5", "4"));
    assert_eq!(cols[5], "첫 군사회담 & <talks>");

    let out = duet(&home, &["export", "--bookmarks", "--format", "tmx"]);
    assert!(out.status.success());
    // Well-formed XML with one translation unit per bookmark, Korean and English variants.
    let tmx = text(&out.stdout);
    let mut reader = quick_xml::Reader::from_str(&tmx);
    let (mut tus, mut tuvs, mut notes) = (0, 0, Vec::new());
    let mut in_note = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"tu" => tus += 1,
                b"tuv" => tuvs += 1,
                b"note" => in_note = true,
                _ => {}
            },
            Ok(Event::Text(t)) if in_note => {
                notes.push(t.xml_content().unwrap().into_owned());
                in_note = false;
            }
            Ok(Event::Eof) => break,
            Err(e) => panic!("bad TMX: {e}\n{tmx}"),
            _ => {}
        }
    }
    assert_eq!((tus, tuvs), (2, 4));
    assert!(tmx.contains("srclang=\"ko\"") && tmx.contains("xml:lang=\"en\""));
    assert!(tmx.contains("&amp; &lt;talks&gt;"), "{tmx}");

    let out = duet(&home, &["export", "--bookmarks", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[1]["note"], "첫 군사회담 & <talks>");
    // One numbering everywhere: the pair TSV, TMX and the screen call 4 (index 3).
    assert_eq!(arr[1]["pair"], 4);
    assert!(tmx.contains("<prop type=\"x-pair\">4</prop>"), "{tmx}");
    assert_eq!(arr[0]["note"], Value::Null);
    assert!(!arr[0]["ko"].as_str().unwrap().is_empty());

    // `list` counts them; removing the article removes its bookmarks and says so.
    assert_eq!(
        list_json(&home).iter().find(|e| e["id"] == 5).unwrap()["bookmarks"],
        2
    );
    let out = duet(&home, &["remove", "5"]);
    assert_eq!(
        text(&out.stdout).trim(),
        "removed 1 article and 2 bookmarks"
    );
}

fn write(path: &Path, s: &str) {
    std::fs::write(path, s).unwrap();
}

#[test]
fn a_changed_file_invalidates_just_its_cache_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = Library::open(Home::at(dir.path().join("lib"))).unwrap();
    let report = lib.import(&[assets()], &mut |_, _| {}).unwrap();
    assert_eq!(report.added.len(), 5);
    assert!(lib.stale().unwrap().is_empty());
    let before: Vec<_> = lib.entries().unwrap();

    // Change the stored copy of article 3 (as an editor would: its front matter's title),
    // leave the others alone.
    let e3 = lib.entry(3).unwrap();
    let original = std::fs::read_to_string(&e3.file).unwrap();
    let title_line = format!("title: {}", e3.title.clone().unwrap());
    assert!(original.contains(&title_line));
    write(
        &e3.file,
        &original.replacen(&title_line, "title: 바뀐 제목입니다", 1),
    );
    let refresh = lib.refresh().unwrap();
    assert_eq!(refresh.checked, 5);
    assert_eq!(refresh.changed, vec![3]);
    assert!(refresh.missing.is_empty());
    assert_eq!(lib.stale().unwrap(), vec![3], "just that entry");
    for e in lib.entries().unwrap() {
        let old = before.iter().find(|b| b.id == e.id).unwrap();
        if e.id == 3 {
            assert!(e.stale && e.hash != old.hash);
        } else {
            assert_eq!(&e, old, "untouched entries keep hash, metadata and cache");
        }
    }
    let mut seen = Vec::new();
    assert_eq!(lib.process_stale(&mut |d, t| seen.push((d, t))).unwrap(), 1);
    assert_eq!(seen, vec![(1, 1)]);
    let e3 = lib.entry(3).unwrap();
    assert!(!e3.stale);
    assert_eq!(e3.title.as_deref(), Some("바뀐 제목입니다"));
    assert!(lib.stale().unwrap().is_empty());
    // One cache row per article: the old entry went.
    let rows: i64 = lib
        .connection()
        .query_row("SELECT count(*) FROM cache", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 5);
    // A touched but unchanged file is not re-processed.
    let e1 = lib.entry(1).unwrap();
    let bytes = std::fs::read(&e1.file).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&e1.file, bytes).unwrap();
    let refresh = lib.refresh().unwrap();
    assert!(refresh.changed.is_empty());
    assert!(lib.stale().unwrap().is_empty());
}

#[test]
fn a_pipeline_upgrade_reprocesses_lazily() {
    let dir = tempfile::tempdir().unwrap();
    let home = Home::at(dir.path().join("lib"));
    {
        let (lib, _) = Library::open(home.clone()).unwrap();
        lib.import(&[assets()], &mut |_, _| {}).unwrap();
        lib.set_position(
            4,
            Position {
                pair: 2,
                sentence: Some(1),
            },
        )
        .unwrap();
    }
    let (lib, _) = Library::open(home).unwrap();
    let lib = lib.with_pipeline("next");
    // Opening is instant: nothing is processed, everything is marked stale, the list still
    // shows the old metadata and the reading state.
    let entries = lib.entries().unwrap();
    assert!(entries.iter().all(|e| e.stale && e.title.is_some()));
    assert_eq!(
        entries.iter().find(|e| e.id == 4).unwrap().position,
        Some(Position {
            pair: 2,
            sentence: Some(1)
        })
    );
    // Opening one article processes just that one.
    let p = lib.load(4).unwrap();
    assert!(!p.bitext.pairs.is_empty());
    assert_eq!(lib.stale().unwrap(), vec![1, 2, 3, 5]);
    // The rest in the background.
    assert_eq!(lib.process_stale(&mut |_, _| {}).unwrap(), 4);
    assert!(lib.stale().unwrap().is_empty());
    let pipelines: Vec<String> = lib
        .connection()
        .prepare("SELECT DISTINCT pipeline FROM cache")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(pipelines, vec!["next".to_string()], "old entries replaced");
}

#[test]
fn reading_state_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let home = Home::at(dir.path().join("lib"));
    {
        let (lib, _) = Library::open(home.clone()).unwrap();
        lib.import(&[assets()], &mut |_, _| {}).unwrap();
        assert_eq!(lib.position(1).unwrap(), None);
        lib.set_position(
            1,
            Position {
                pair: 7,
                sentence: None,
            },
        )
        .unwrap();
        lib.set_position(
            1,
            Position {
                pair: 8,
                sentence: Some(2),
            },
        )
        .unwrap();
        lib.set_read(2, true).unwrap();
        assert!(
            lib.set_position(
                42,
                Position {
                    pair: 0,
                    sentence: None
                }
            )
            .is_err()
        );
    }
    let (lib, _) = Library::open(home).unwrap();
    assert_eq!(
        lib.position(1).unwrap(),
        Some(Position {
            pair: 8,
            sentence: Some(2)
        })
    );
    assert!(lib.entry(2).unwrap().read);
    assert!(!lib.entry(1).unwrap().read);
    // The first page and the rest are the whole list, in order.
    let all = lib.entries().unwrap();
    let mut paged = lib.entries_page(0, 2).unwrap();
    assert_eq!(paged.len(), 2);
    paged.extend(lib.entries_from(2).unwrap());
    assert_eq!(paged, all);
    // Version 2 of the schema is the list's index.
    let v: i64 = lib
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, duet::library::schema::current());
    let plan: String = lib
        .connection()
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM articles
             ORDER BY published IS NULL, published DESC, id LIMIT 10",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("articles_by_date"), "{plan}");
}

#[test]
fn an_article_that_no_longer_reads_names_its_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let src = dir.path().join("story.txt");
    std::fs::copy(support::seed(support::SEED_000), &src).unwrap();
    let out = duet(&home, &["import", src.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Its stored copy turns into binary data.
    let (lib, _) = Library::open(Home::at(&home)).unwrap();
    let e = lib.entry(1).unwrap();
    std::fs::write(&e.file, [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(64)).unwrap();
    lib.refresh().unwrap();
    lib.process_stale(&mut |_, _| {}).unwrap();
    let row = lib.entry(1).unwrap();
    // The row names its file; its error says only what went wrong.
    assert_eq!(row.error.as_deref(), Some("a binary file, not an article"));
    let opened = lib.load(1).unwrap_err().to_string();
    let name = src.display().to_string();
    assert!(opened.starts_with(&format!("{name}: ")), "{opened}");
    assert_eq!(opened.matches("story.txt").count(), 1, "{opened}");
    assert!(!opened.contains(&e.file.display().to_string()), "{opened}");
    let listed = text(&duet(&home, &["list"]).stdout);
    assert!(
        listed.contains("[unreadable: a binary file, not an article]"),
        "{listed}"
    );
}

#[test]
fn import_and_parse_of_a_folder_give_the_same_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("saved");
    std::fs::create_dir_all(&folder).unwrap();
    // Past the 2 MB text budget, past the HTML nesting budget, a photo, an article.
    let long = format!(
        "A long copy of one story\n\n{}",
        "가".repeat(60).repeat(12_000)
    );
    std::fs::write(folder.join("long.txt"), long).unwrap();
    let deep = format!(
        "<html><body>{}<p>Deep text, one sentence here.</p>{}</body></html>",
        "<div>".repeat(600),
        "</div>".repeat(600)
    );
    std::fs::write(folder.join("deep.html"), deep).unwrap();
    std::fs::write(folder.join("photo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::fs::write(folder.join("style.css"), "p { margin: 0 }").unwrap();
    std::fs::copy(support::seed(support::SEED_000), folder.join("story.txt")).unwrap();
    let f = folder.to_str().unwrap();
    let parse = support::duet(&["parse", f]);
    assert!(parse.status.success(), "{}", text(&parse.stderr));
    let home = dir.path().join("lib");
    let import = duet(&home, &["import", f]);
    assert!(import.status.success(), "{}", text(&import.stderr));
    let lines = |b: &[u8]| {
        let mut l: Vec<String> = text(b).lines().map(str::to_string).collect();
        l.sort();
        l
    };
    let warned = lines(&parse.stderr);
    assert_eq!(warned, lines(&import.stderr));
    let png = folder.join("photo.png");
    assert_eq!(
        warned,
        [
            format!(
                "duet: warning: {}: HTML nested 603 levels deep; tags deeper than 512 were ignored and their text kept",
                folder.join("deep.html").display()
            ),
            format!(
                "duet: warning: {}: 2.1 MB of text; only the first 2 MB are read",
                folder.join("long.txt").display()
            ),
            format!(
                "duet: warning: {}: a PNG image, not an article; skipped",
                png.display()
            ),
        ]
    );
    // The same words as for the file on its own.
    let alone = text(&support::duet(&["parse", png.to_str().unwrap()]).stderr);
    assert_eq!(
        alone.trim_end(),
        format!("duet: {}: a PNG image, not an article", png.display())
    );
}

#[test]
fn help_says_what_no_arguments_open() {
    let help = support::ok_stdout(&support::duet(&["--help"]));
    let folded = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        folded.contains(
            "With no arguments, opens the library when it has articles (`duet import` adds them), the bundled sample articles otherwise"
        ),
        "{help}"
    );
}

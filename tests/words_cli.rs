//! Words for learners through the real binary: `duet lookup --pairs FILE --json` (offsets,
//! lemmas, aligned English words), `duet dict import` of every supported format and every kind
//! of bad file (nothing imported, the library untouched), `duet lookup WORD` with and without a
//! dictionary.

mod support;

use std::path::Path;

use support::{duet_in, fixture, ok_json, ok_stdout, text};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn lookup_pairs_prints_offsets_lemmas_and_aligned_english_words() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = write(
        dir.path(),
        "pairs.txt",
        "\"설리번 보좌관이 대통령을 만났다.\"\tAdviser Sullivan met the president.\n대통령이 말했다\n".as_bytes(),
    );
    let v = ok_json(&duet_in(
        dir.path(),
        &["lookup", "--pairs", &pairs, "--json"],
    ));
    let lines = v.as_array().expect("an array");
    assert_eq!(lines.len(), 2);
    let words = lines[0]["ko"].as_array().expect("ko words");
    let keys: Vec<&str> = words[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 5, "{keys:?}");
    for k in ["text", "start", "end", "lemma", "en"] {
        assert!(keys.contains(&k), "{k} missing");
    }
    let ko: Vec<char> = "\"설리번 보좌관이 대통령을 만났다.\"".chars().collect();
    let texts: Vec<&str> = words.iter().map(|w| w["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["설리번", "보좌관이", "대통령을", "만났다"]);
    for w in words {
        let (s, e) = (
            w["start"].as_u64().unwrap() as usize,
            w["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            ko[s..e].iter().collect::<String>(),
            w["text"].as_str().unwrap()
        );
    }
    // The quote before the first word and the full stop and quote after the last are not part
    // of the words.
    assert_eq!(words[0]["start"], 1);
    assert_eq!(words[3]["end"], 18);
    assert_eq!(words[3]["lemma"], "만나다");
    assert_eq!(words[2]["lemma"], "대통령");
    let en = |i: usize| -> Vec<String> {
        words[i]["en"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(en(0), ["Sullivan"]);
    assert_eq!(en(2), ["president"]);
    let english: Vec<char> = "Adviser Sullivan met the president.".chars().collect();
    let t = &words[2]["en"][0];
    let (s, e) = (
        t["start"].as_u64().unwrap() as usize,
        t["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(english[s..e].iter().collect::<String>(), "president");
    // A Korean line alone: lemmas, no English.
    let alone = lines[1]["ko"].as_array().unwrap();
    assert_eq!(alone[1]["lemma"], "말하다");
    assert!(alone.iter().all(|w| w["en"].as_array().unwrap().is_empty()));
}

#[test]
fn lookup_pairs_on_a_binary_file_is_exit_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let bin = write(
        dir.path(),
        "image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe",
    );
    let out = duet_in(dir.path(), &["lookup", "--pairs", &bin, "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("image.png") && err.contains("binary"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn every_dictionary_format_imports_and_lookup_finds_it_by_surface() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let none = ok_stdout(&duet_in(&home, &["lookup", "만났다"]));
    assert!(none.starts_with("만났다 → 만나다"), "{none}");
    assert!(none.contains("no dictionary imported"), "{none}");
    assert!(
        !home.join("library.db").exists(),
        "looking up created a library"
    );
    for (file, licence) in [
        ("words/krdict.xml", "CC BY-SA 2.0 KR"),
        ("words/krdict.json", "CC BY-SA 2.0 KR"),
        ("words/krdict_flat.json", "CC BY-SA 2.0 KR"),
        ("words/kaikki.jsonl", "CC BY-SA 4.0"),
    ] {
        let path = fixture(file);
        let out = ok_stdout(&duet_in(&home, &["dict", "import", path.to_str().unwrap()]));
        assert!(
            out.contains("imported") && out.contains(licence),
            "{file}: {out}"
        );
    }
    let shown = ok_stdout(&duet_in(&home, &["lookup", "만났다"]));
    assert!(shown.contains("만나다  동사  초급"), "{shown}");
    assert!(shown.contains("1. meet"), "{shown}");
    assert!(shown.contains("CC BY-SA 2.0 KR"), "{shown}");
    // By lemma from another format; by the surface form of a noun with a particle.
    let v = ok_json(&duet_in(&home, &["lookup", "회의에서", "--json"]));
    assert_eq!(v["lemmas"][0], "회의");
    assert_eq!(v["entries"][0]["senses"][0]["english"][0], "meeting");
    let v = ok_json(&duet_in(&home, &["lookup", "사과를", "--json"]));
    assert_eq!(v["entries"][0]["origin"], "沙果");
    assert_eq!(v["entries"][0]["senses"][1]["english"][0], "apology");
    // Importing the same file again replaces it rather than doubling it.
    let xml = fixture("words/krdict.xml");
    let again = ok_stdout(&duet_in(&home, &["dict", "import", xml.to_str().unwrap()]));
    assert!(again.contains("replaced"), "{again}");
    let v = ok_json(&duet_in(&home, &["lookup", "대통령이", "--json"]));
    assert_eq!(v["entries"].as_array().unwrap().len(), 1);
}

/// Every bad dictionary: one line on stderr naming the file, exit 2, and the library's bytes
/// unchanged (the file is parsed whole before the library is opened).
#[test]
fn bad_dictionaries_import_nothing_and_leave_the_library_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("lib");
    let xml = std::fs::read_to_string(fixture("words/krdict.xml")).unwrap();
    ok_stdout(&duet_in(
        &home,
        &[
            "dict",
            "import",
            fixture("words/kaikki.jsonl").to_str().unwrap(),
        ],
    ));
    let db = home.join("library.db");
    let before = std::fs::read(&db).unwrap();
    let kaikki = std::fs::read_to_string(fixture("words/kaikki.jsonl")).unwrap();
    let cut_at = xml.find("</Sense>").unwrap();
    let sparse = dir.path().join("huge.xml");
    let f = std::fs::File::create(&sparse).unwrap();
    f.set_len(2 << 30).unwrap();
    let cases: Vec<(String, &str)> = vec![
        (
            write(dir.path(), "cut.xml", &xml.as_bytes()[..cut_at]),
            "cut short",
        ),
        (
            write(dir.path(), "cut_tag.xml", &xml.as_bytes()[..xml.len() / 2]),
            "cut short",
        ),
        (
            write(
                dir.path(),
                "cut.jsonl",
                &kaikki.as_bytes()[..kaikki.len() - 20],
            ),
            "cut short",
        ),
        (
            write(
                dir.path(),
                "cut.json",
                b"[{\"word\": \"\xed\x95\x98\xeb\x8b\xa4\", \"senses\": [",
            ),
            "cut short",
        ),
        (
            write(
                dir.path(),
                "euckr.xml",
                b"<LexicalResource><feat val=\"\xb4\xeb\xc5\xeb\xb7\xc9\"/>",
            ),
            "not UTF-8",
        ),
        (
            write(
                dir.path(),
                "page.html",
                b"<html><body>dictionary</body></html>",
            ),
            "not a dictionary",
        ),
        (
            write(dir.path(), "words.csv", "사과,apple\n".as_bytes()),
            "not a dictionary",
        ),
        (
            write(
                dir.path(),
                "english.jsonl",
                br#"{"word": "apple", "lang_code": "en", "senses": []}"#,
            ),
            "no Korean entries",
        ),
        (sparse.to_string_lossy().into_owned(), "larger than"),
    ];
    for (path, says) in &cases {
        let out = duet_in(&home, &["dict", "import", path]);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{path}: {err}");
        assert_eq!(err.lines().count(), 1, "{path}: {err}");
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        assert!(err.contains(name) && err.contains(says), "{path}: {err}");
        assert!(err.contains("nothing imported"), "{path}: {err}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{path} changed the library"
        );
    }
    // What was imported before is still there.
    let v = ok_json(&duet_in(&home, &["lookup", "사과", "--json"]));
    assert_eq!(v["entries"][0]["senses"][0]["english"][0], "apple");
}

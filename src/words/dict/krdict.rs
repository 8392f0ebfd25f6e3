//! The NIKL Basic Korean Dictionary (한국어기초사전, krdict): its LMF XML export and the JSON dumps
//! made from it.
//!
//! The XML is LMF with every value in a `<feat att="…" val="…"/>`: a `LexicalEntry` holds
//! `partOfSpeech`, `vocabularyLevel` and `origin` feats, a `Lemma` with `writtenForm`, and
//! `Sense`s with a `definition` and `Equivalent`s (`language`, `lemma`, `definition`); duet keeps
//! the English equivalents. The JSON dumps come in two shapes, both read: the same tree
//! converted (`LexicalResource` → `Lexicon` → `LexicalEntry`, feats as `{"att", "val"}`, with or
//! without `@`/`_` prefixes), and flat lists of `{"word", "pos", "level", "senses": [{"definition",
//! "english"}]}`.

use quick_xml::events::{BytesStart, Event};
use serde_json::Value;

use super::{Entry, ParseError, Sense, nonempty};

/// English, as krdict names the language of an equivalent.
fn is_english(language: &str) -> bool {
    matches!(
        language.trim().to_lowercase().as_str(),
        "영어" | "english" | "en" | "eng"
    )
}

#[derive(Default)]
struct Equivalent {
    language: String,
    lemma: Option<String>,
    definition: Option<String>,
}

fn add_equivalent(sense: &mut Sense, eq: Equivalent) {
    if !is_english(&eq.language) {
        return;
    }
    if let Some(l) = eq.lemma {
        sense.english.push(l);
    }
    if sense.english_definition.is_none() {
        sense.english_definition = eq.definition;
    }
}

fn set_entry_feat(entry: &mut Entry, att: &str, val: &str) {
    match att {
        "writtenForm" if entry.lemma.is_empty() => entry.lemma = val.trim().to_string(),
        "partOfSpeech" => entry.pos = nonempty(val),
        "vocabularyLevel" => entry.level = nonempty(val).filter(|l| l != "없음"),
        "origin" => entry.origin = nonempty(val),
        _ => {}
    }
}

/// The LMF XML export.
pub fn parse_xml(text: &str) -> Result<Vec<Entry>, ParseError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut out = Vec::new();
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut entry: Option<Entry> = None;
    let mut sense: Option<Sense> = None;
    let mut eq: Option<Equivalent> = None;
    let at = |r: &quick_xml::Reader<&[u8]>| line_of(text, r.buffer_position() as usize);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ParseError(format!("{e} at line {}", at(&reader))))?;
        match event {
            Event::Start(e) => {
                open(&e, &mut entry, &mut sense, &mut eq);
                stack.push(e.local_name().as_ref().to_vec());
            }
            Event::Empty(e) => {
                if e.local_name().as_ref() == b"feat" {
                    let (att, val) = feat_attributes(&e)
                        .map_err(|d| ParseError(format!("{d} at line {}", at(&reader))))?;
                    let parent = stack.last().map_or(&b""[..], Vec::as_slice);
                    match parent {
                        b"Equivalent" => {
                            if let Some(q) = eq.as_mut() {
                                match att.as_str() {
                                    "language" => q.language = val,
                                    "lemma" => q.lemma = nonempty(&val),
                                    "definition" => q.definition = nonempty(&val),
                                    _ => {}
                                }
                            }
                        }
                        b"Sense" => {
                            if let Some(s) = sense.as_mut()
                                && att == "definition"
                            {
                                s.definition = nonempty(&val);
                            }
                        }
                        b"Lemma" | b"LexicalEntry" => {
                            if let Some(en) = entry.as_mut() {
                                set_entry_feat(en, &att, &val);
                            }
                        }
                        _ => {}
                    }
                } else {
                    open(&e, &mut entry, &mut sense, &mut eq);
                    close(
                        e.local_name().as_ref(),
                        &mut out,
                        &mut entry,
                        &mut sense,
                        &mut eq,
                    );
                }
            }
            Event::End(e) => {
                stack.pop();
                close(
                    e.local_name().as_ref(),
                    &mut out,
                    &mut entry,
                    &mut sense,
                    &mut eq,
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(ParseError(format!(
            "the file ends inside <{}>",
            String::from_utf8_lossy(open)
        )));
    }
    Ok(out)
}

fn line_of(text: &str, byte: usize) -> usize {
    text.as_bytes()[..byte.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn open(
    e: &BytesStart,
    entry: &mut Option<Entry>,
    sense: &mut Option<Sense>,
    eq: &mut Option<Equivalent>,
) {
    match e.local_name().as_ref() {
        b"LexicalEntry" => {
            *entry = Some(Entry {
                lemma: String::new(),
                pos: None,
                level: None,
                origin: None,
                senses: Vec::new(),
            });
        }
        b"Sense" => *sense = Some(Sense::default()),
        b"Equivalent" => *eq = Some(Equivalent::default()),
        _ => {}
    }
}

fn close(
    name: &[u8],
    out: &mut Vec<Entry>,
    entry: &mut Option<Entry>,
    sense: &mut Option<Sense>,
    eq: &mut Option<Equivalent>,
) {
    match name {
        b"Equivalent" => {
            if let (Some(q), Some(s)) = (eq.take(), sense.as_mut()) {
                add_equivalent(s, q);
            }
        }
        b"Sense" => {
            if let (Some(s), Some(en)) = (sense.take(), entry.as_mut()) {
                en.senses.push(s);
            }
        }
        b"LexicalEntry" => {
            if let Some(en) = entry.take().filter(|en| !en.lemma.is_empty()) {
                out.push(en);
            }
        }
        _ => {}
    }
}

fn feat_attributes(e: &BytesStart) -> Result<(String, String), String> {
    let mut att = String::new();
    let mut val = String::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let v = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
        match a.key.as_ref() {
            b"att" => att = v,
            b"val" => val = v,
            _ => {}
        }
    }
    Ok((att, val))
}

/// The JSON dumps.
pub fn parse_json(text: &str) -> Result<Vec<Entry>, ParseError> {
    let v: Value = serde_json::from_str(text).map_err(|e| ParseError(e.to_string()))?;
    let mut out = Vec::new();
    collect(&v, &mut out);
    Ok(out)
}

/// Every entry anywhere in the tree: `LexicalEntry` lists, or lists of flat word objects.
fn collect(v: &Value, out: &mut Vec<Entry>) {
    match v {
        Value::Object(o) => {
            if let Some(le) = o.get("LexicalEntry") {
                for e in items(le) {
                    if let Some(entry) = lmf_entry(e) {
                        out.push(entry);
                    }
                }
                return;
            }
            if let Some(entry) = flat_entry(v) {
                out.push(entry);
                return;
            }
            for x in o.values() {
                collect(x, out);
            }
        }
        Value::Array(a) => {
            for x in a {
                collect(x, out);
            }
        }
        _ => {}
    }
}

/// A value that may be one item or a list of them.
fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

fn field<'a>(o: &'a Value, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| {
        o.get(n)
            .or_else(|| o.get(format!("@{n}")))
            .or_else(|| o.get(format!("_{n}")))
    })
}

fn string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => nonempty(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The `(att, val)` feats of an LMF object converted to JSON.
fn feats(o: &Value) -> Vec<(String, String)> {
    let Some(f) = o.get("feat") else {
        return Vec::new();
    };
    items(f)
        .into_iter()
        .filter_map(|x| {
            Some((
                string(field(x, &["att"]))?,
                string(field(x, &["val"])).unwrap_or_default(),
            ))
        })
        .collect()
}

fn lmf_entry(e: &Value) -> Option<Entry> {
    let mut entry = Entry {
        lemma: String::new(),
        pos: None,
        level: None,
        origin: None,
        senses: Vec::new(),
    };
    for lemma in items(e.get("Lemma").unwrap_or(&Value::Null)) {
        for (att, val) in feats(lemma) {
            set_entry_feat(&mut entry, &att, &val);
        }
    }
    for (att, val) in feats(e) {
        set_entry_feat(&mut entry, &att, &val);
    }
    for s in items(e.get("Sense").unwrap_or(&Value::Null)) {
        let mut sense = Sense::default();
        for (att, val) in feats(s) {
            if att == "definition" {
                sense.definition = nonempty(&val);
            }
        }
        for q in items(s.get("Equivalent").unwrap_or(&Value::Null)) {
            let mut eq = Equivalent::default();
            for (att, val) in feats(q) {
                match att.as_str() {
                    "language" => eq.language = val,
                    "lemma" => eq.lemma = nonempty(&val),
                    "definition" => eq.definition = nonempty(&val),
                    _ => {}
                }
            }
            add_equivalent(&mut sense, eq);
        }
        entry.senses.push(sense);
    }
    (!entry.lemma.is_empty()).then_some(entry)
}

/// `{"word", "pos", "level", "origin", "senses": [{"definition", "english"}]}` and the usual
/// other names of those keys.
fn flat_entry(v: &Value) -> Option<Entry> {
    let lemma = string(field(v, &["word", "lemma", "headword", "writtenForm"]))?;
    let senses_v = field(v, &["senses", "sense", "definitions"])?;
    let senses = items(senses_v)
        .into_iter()
        .map(|s| match s {
            Value::String(e) => Sense {
                english: vec![e.clone()],
                ..Sense::default()
            },
            _ => Sense {
                definition: string(field(s, &["definition", "korean_definition", "ko"])),
                english: english_list(field(
                    s,
                    &[
                        "english",
                        "equivalents",
                        "translation",
                        "translations",
                        "en",
                    ],
                )),
                english_definition: string(field(s, &["english_definition", "en_definition"])),
            },
        })
        .collect();
    Some(Entry {
        lemma,
        pos: string(field(v, &["pos", "partOfSpeech"])),
        level: string(field(v, &["level", "vocabularyLevel", "grade"])),
        origin: string(field(v, &["origin", "hanja"])),
        senses,
    })
}

fn english_list(v: Option<&Value>) -> Vec<String> {
    let Some(v) = v else {
        return Vec::new();
    };
    items(v)
        .into_iter()
        .filter_map(|x| match x {
            Value::String(s) => nonempty(s),
            _ => string(field(x, &["word", "lemma", "text"])),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<LexicalResource><Lexicon>
<LexicalEntry att="id" val="1">
  <feat att="partOfSpeech" val="명사"/><feat att="vocabularyLevel" val="초급"/>
  <Lemma><feat att="writtenForm" val="사과"/></Lemma>
  <Sense><feat att="definition" val="사과나무의 열매."/>
    <Equivalent><feat att="language" val="영어"/><feat att="lemma" val="apple"/>
      <feat att="definition" val="The fruit of an apple tree."/></Equivalent>
    <Equivalent><feat att="language" val="일본어"/><feat att="lemma" val="りんご"/></Equivalent>
  </Sense>
</LexicalEntry>
</Lexicon></LexicalResource>"#;

    #[test]
    fn lmf_xml_keeps_english_equivalents() {
        let e = parse_xml(XML).expect("parses");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].lemma, "사과");
        assert_eq!(e[0].pos.as_deref(), Some("명사"));
        assert_eq!(e[0].level.as_deref(), Some("초급"));
        assert_eq!(e[0].senses[0].english, ["apple"]);
        assert_eq!(
            e[0].senses[0].definition.as_deref(),
            Some("사과나무의 열매.")
        );
    }

    #[test]
    fn cut_xml_is_an_error() {
        // Cut inside a tag, and between tags.
        let e = parse_xml(&XML[..XML.len() / 2]).expect_err("truncated");
        assert!(e.0.contains("line"), "{}", e.0);
        let at = XML.find("</Sense>").expect("a sense");
        let e = parse_xml(&XML[..at]).expect_err("truncated");
        assert!(e.0.contains("ends inside <Sense>"), "{}", e.0);
    }

    #[test]
    fn both_json_shapes() {
        let lmf = r#"{"LexicalResource":{"Lexicon":{"LexicalEntry":[{"feat":[{"att":"partOfSpeech","val":"동사"}],
            "Lemma":{"feat":{"att":"writtenForm","val":"만나다"}},
            "Sense":[{"feat":{"att":"definition","val":"..."},"Equivalent":[{"feat":[{"att":"language","val":"영어"},{"att":"lemma","val":"meet"}]}]}]}]}}}"#;
        let e = parse_json(lmf).expect("parses");
        assert_eq!(e[0].lemma, "만나다");
        assert_eq!(e[0].senses[0].english, ["meet"]);
        let flat = r#"[{"word":"대통령","pos":"명사","level":"중급","senses":[{"definition":"...","english":["president"]}]}]"#;
        let e = parse_json(flat).expect("parses");
        assert_eq!(e[0].senses[0].english, ["president"]);
        assert!(parse_json(&flat[..flat.len() - 3]).is_err());
    }
}

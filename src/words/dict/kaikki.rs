//! Wiktionary extracts in kaikki.org's JSONL (wiktextract): one JSON object a line with `word`,
//! `pos`, `lang_code` and `senses` (`glosses`, English in the English Wiktionary); Korean
//! entries (`lang_code` `ko`) are kept, hanja from `forms` tagged `hanja`.

use serde_json::Value;

use super::{Entry, ParseError, Sense, nonempty};

pub fn parse(text: &str) -> Result<Vec<Entry>, ParseError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| ParseError(format!("line {}: {e}", n + 1)))?;
        if v.get("lang_code")
            .and_then(Value::as_str)
            .is_some_and(|c| c != "ko")
        {
            continue;
        }
        let Some(word) = v.get("word").and_then(Value::as_str).and_then(nonempty) else {
            continue;
        };
        let senses = v
            .get("senses")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(sense).collect())
            .unwrap_or_default();
        let origin = v.get("forms").and_then(Value::as_array).and_then(|forms| {
            forms.iter().find_map(|f| {
                let hanja = f
                    .get("tags")
                    .and_then(Value::as_array)
                    .is_some_and(|t| t.iter().any(|x| x.as_str() == Some("hanja")));
                hanja.then(|| f.get("form")?.as_str().and_then(nonempty))?
            })
        });
        out.push(Entry {
            lemma: word,
            pos: v.get("pos").and_then(Value::as_str).and_then(nonempty),
            level: None,
            origin,
            senses,
        });
    }
    Ok(out)
}

fn sense(s: &Value) -> Option<Sense> {
    let glosses: Vec<String> = s
        .get("glosses")
        .or_else(|| s.get("raw_glosses"))?
        .as_array()?
        .iter()
        .filter_map(|g| g.as_str().and_then(nonempty))
        .collect();
    (!glosses.is_empty()).then_some(Sense {
        definition: None,
        english: glosses,
        english_definition: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_lines_only() {
        let text = concat!(
            r#"{"word":"사과","pos":"noun","lang_code":"ko","senses":[{"glosses":["apple"]}],"forms":[{"form":"沙果","tags":["hanja"]}]}"#,
            "\n",
            r#"{"word":"apple","pos":"noun","lang_code":"en","senses":[{"glosses":["a fruit"]}]}"#,
            "\n"
        );
        let e = parse(text).expect("parses");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].senses[0].english, ["apple"]);
        assert_eq!(e[0].origin.as_deref(), Some("沙果"));
        let cut = &text[..40];
        assert!(parse(cut).unwrap_err().0.starts_with("line 1"));
    }
}

//! Dictionary files the user imports (none can ship inside duet: krdict is CC BY-SA 2.0 KR,
//! Wiktionary CC BY-SA): the NIKL Basic Korean Dictionary (한국어기초사전, krdict) as its LMF
//! XML export ([`krdict::parse_xml`]) or as the JSON dumps made from it ([`krdict::parse_json`]),
//! and Wiktionary extracts in kaikki.org's JSONL ([`kaikki::parse`]). The format is found from
//! the content. A file is read whole and checked before anything is stored: too large, not
//! UTF-8, cut short or of no known format is one error line, and nothing is imported.

pub mod kaikki;
pub mod krdict;

use std::path::{Path, PathBuf};

use serde::Serialize;

/// Larger files are refused before reading (the full krdict export is a few hundred MB).
pub const MAX_BYTES: u64 = 1 << 30;

/// One headword.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The dictionary form (`사과`, `만나다`).
    pub lemma: String,
    /// Part of speech as the dictionary writes it (`명사`, `noun`).
    pub pos: Option<String>,
    /// Learner's level (krdict: `초급`, `중급`, `고급`).
    pub level: Option<String>,
    /// Where the word comes from (hanja: `沙果`).
    pub origin: Option<String>,
    pub senses: Vec<Sense>,
}

/// One sense of a headword.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Sense {
    /// The Korean definition (krdict), if any.
    pub definition: Option<String>,
    /// English equivalents (`apple`) or glosses.
    pub english: Vec<String>,
    /// The English definition, if any.
    pub english_definition: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    KrdictXml,
    KrdictJson,
    Kaikki,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::KrdictXml => "krdict LMF XML",
            Format::KrdictJson => "krdict JSON",
            Format::Kaikki => "kaikki.org Wiktionary JSONL",
        }
    }

    /// Whose work it is, and under which licence (shown at import and with every lookup).
    pub fn licence(self) -> &'static str {
        match self {
            Format::KrdictXml | Format::KrdictJson => {
                "한국어기초사전 (NIKL Basic Korean Dictionary, National Institute of Korean Language), CC BY-SA 2.0 KR"
            }
            Format::Kaikki => {
                "Wiktionary contributors (extracted by kaikki.org / wiktextract), CC BY-SA 4.0 and GFDL"
            }
        }
    }
}

/// A parsed dictionary file.
#[derive(Debug, Clone)]
pub struct Dictionary {
    pub format: Format,
    pub entries: Vec<Entry>,
    /// blake3 of the file's bytes: importing the same file again replaces it.
    pub hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: {size} bytes is larger than a dictionary can be ({MAX_BYTES} at most); nothing imported"
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}: not UTF-8 (invalid byte at offset {offset}); nothing imported")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error(
        "{path}: not a dictionary duet knows (krdict LMF XML, krdict JSON, kaikki.org JSONL); nothing imported"
    )]
    Unknown { path: PathBuf },
    #[error("{path}: {format} cut short or malformed ({detail}); nothing imported")]
    Malformed {
        path: PathBuf,
        format: &'static str,
        detail: String,
    },
    #[error("{path}: {format} with no Korean entries; nothing imported")]
    Empty { path: PathBuf, format: &'static str },
}

/// A parser's complaint, before it knows the file's name.
#[derive(Debug)]
pub struct ParseError(pub String);

/// Read and parse a dictionary file (reads only).
pub fn read(path: &Path) -> Result<Dictionary, DictError> {
    let io = |source| DictError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_BYTES {
        return Err(DictError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    parse(path, &bytes)
}

/// Parse a dictionary from its bytes (`path` names it in errors).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Dictionary, DictError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        // Valid up to a character cut in half at the very end: a file cut short.
        Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => {
            let prefix = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            return Err(match sniff(prefix) {
                Some(format) => DictError::Malformed {
                    path: path.to_path_buf(),
                    format: format.name(),
                    detail: "the file ends inside a character".into(),
                },
                None => DictError::Unknown {
                    path: path.to_path_buf(),
                },
            });
        }
        Err(e) => {
            return Err(DictError::NotUtf8 {
                path: path.to_path_buf(),
                offset: e.valid_up_to(),
            });
        }
    };
    let format = sniff(text).ok_or_else(|| DictError::Unknown {
        path: path.to_path_buf(),
    })?;
    let parsed = match format {
        Format::KrdictXml => krdict::parse_xml(text),
        Format::KrdictJson => krdict::parse_json(text),
        Format::Kaikki => kaikki::parse(text),
    };
    let entries = parsed.map_err(|ParseError(detail)| DictError::Malformed {
        path: path.to_path_buf(),
        format: format.name(),
        detail,
    })?;
    if entries.is_empty() {
        return Err(DictError::Empty {
            path: path.to_path_buf(),
            format: format.name(),
        });
    }
    Ok(Dictionary {
        format,
        entries,
        hash: blake3::hash(bytes).to_hex().to_string(),
    })
}

/// Which format `text` is in, from its first bytes.
fn sniff(text: &str) -> Option<Format> {
    let t = text.trim_start();
    if t.starts_with('<') {
        let head: String = t.chars().take(4096).collect();
        return (head.contains("<LexicalResource") || head.contains("<LexicalEntry"))
            .then_some(Format::KrdictXml);
    }
    let first = t.lines().next()?.trim();
    if first.starts_with('{')
        && let Ok(v) = serde_json::from_str::<serde_json::Value>(first)
        && v.get("word").is_some()
        && (v.get("senses").is_some() || v.get("lang_code").is_some())
    {
        return Some(Format::Kaikki);
    }
    if t.starts_with('{') || t.starts_with('[') {
        let head: String = t.chars().take(65536).collect();
        let krdictish = [
            "LexicalEntry",
            "writtenForm",
            "\"word\"",
            "\"lemma\"",
            "\"senses\"",
        ];
        return krdictish
            .iter()
            .any(|k| head.contains(k))
            .then_some(Format::KrdictJson);
    }
    None
}

/// Trimmed, non-empty text.
pub(crate) fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_found_by_content() {
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<LexicalResource>"),
            Some(Format::KrdictXml)
        );
        assert_eq!(
            sniff("{\"word\": \"사과\", \"lang_code\": \"ko\", \"senses\": []}\n"),
            Some(Format::Kaikki)
        );
        assert_eq!(
            sniff("{\"LexicalResource\": {\"Lexicon\": {\"LexicalEntry\": []}}}"),
            Some(Format::KrdictJson)
        );
        assert_eq!(sniff("<html><body>"), None);
        assert_eq!(sniff("word,meaning\n"), None);
    }
}

//! Choosing the encoding: a BOM decides first, then bytes that are valid UTF-8, then a
//! `<meta charset>` (or an XML declaration), then detection among the legacy encodings Korean,
//! Chinese and Japanese pages use.

use encoding_rs::{EUC_KR, Encoding, GB18030, SHIFT_JIS, UTF_8};

use crate::text::lang::is_hangul;

/// Text and the name of the encoding it was decoded from.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: String,
}

/// Decode `bytes`, or `None` when they are valid in no supported encoding.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let text = enc
            .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])?
            .into_owned();
        return Some(Decoded {
            text,
            encoding: enc.name().to_string(),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        // A `<meta charset=euc-kr>` often survives on pages already re-encoded to UTF-8.
        return Some(Decoded {
            text: text.to_string(),
            encoding: UTF_8.name().to_string(),
        });
    }
    if let Some(enc) = declared(bytes)
        && let Some(text) = strict(enc, bytes)
    {
        return Some(Decoded {
            text,
            encoding: enc.name().to_string(),
        });
    }
    detect(bytes)
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
}

/// The legacy encoding whose strict decoding reads most like text of its own script.
/// Korean puts spaces between words and Chinese and Japanese don't: double-byte characters
/// with spaces between them are EUC-KR/CP949 (the same bytes are often valid GBK too).
fn detect(bytes: &[u8]) -> Option<Decoded> {
    let wide = bytes.iter().filter(|&&b| b >= 0x80).count() / 2;
    let spaced = bytes
        .windows(3)
        .filter(|w| w[1] == b' ' && w[0] >= 0x80 && w[2] >= 0x80)
        .count();
    if wide > 0
        && spaced * 25 >= wide
        && let Some(text) = strict(EUC_KR, bytes)
    {
        return Some(Decoded {
            text,
            encoding: EUC_KR.name().to_string(),
        });
    }
    let mut best: Option<(usize, &'static Encoding, String)> = None;
    for enc in [EUC_KR, GB18030, SHIFT_JIS] {
        let Some(text) = strict(enc, bytes) else {
            continue;
        };
        let fit = script_fit(enc, &text);
        if best.as_ref().is_none_or(|(f, _, _)| fit > *f) {
            best = Some((fit, enc, text));
        }
    }
    best.map(|(_, enc, text)| Decoded {
        text,
        encoding: enc.name().to_string(),
    })
}

/// How many non-ASCII characters fall in the script the encoding is for.
fn script_fit(enc: &'static Encoding, text: &str) -> usize {
    text.chars()
        .filter(|&c| {
            if enc == EUC_KR {
                is_hangul(c)
            } else if enc == SHIFT_JIS {
                matches!(c, '\u{3040}'..='\u{30ff}')
            } else {
                matches!(c, '\u{4e00}'..='\u{9fff}')
            }
        })
        .count()
}

/// The charset a page declares in its first few kilobytes: `<meta charset=…>`,
/// `<meta http-equiv content="…; charset=…">` or `<?xml … encoding="…"?>`.
pub fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], key) {
            let mut i = from + pos + key.len();
            from = i;
            while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
                i += 1;
            }
            let start = i;
            while i < lower.len()
                && (lower[i].is_ascii_alphanumeric() || b"-_:.".contains(&lower[i]))
            {
                i += 1;
            }
            if i > start
                && let Some(enc) = Encoding::for_label(&lower[start..i])
            {
                return Some(enc);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_then_utf8_then_declared_then_detected() {
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("한국어".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(&utf16).expect("utf-16");
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("한국어", "UTF-16LE")
        );

        let meta_lies = "<meta charset=euc-kr><p>한국어</p>".as_bytes();
        assert_eq!(decode(meta_lies).expect("utf-8").encoding, "UTF-8");

        let (euc, _, _) = EUC_KR.encode("<p>북러 군사협력, 중국은 거리두기</p>");
        let d = decode(&euc).expect("euc-kr");
        assert_eq!(d.encoding, "EUC-KR");
        assert_eq!(d.text, "<p>북러 군사협력, 중국은 거리두기</p>");

        let (gbk, _, _) = GB18030.encode("<meta charset=\"gbk\"><p>中国和俄罗斯的合作</p>");
        assert_eq!(
            decode(&gbk).expect("gbk").text,
            "<meta charset=\"gbk\"><p>中国和俄罗斯的合作</p>"
        );

        assert!(decode(b"\xc3\x28\xff\xff\xfe").is_none());
    }
}

//! Refuse what is not text: images, archives and other binary files.

/// Names the kind of a binary file from its first bytes, or `None` for what may be text.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"BM", "a BMP image"),
        (b"\x7fELF", "an executable"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
    ];
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("a WebP image");
    }
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        // "BM" alone could start a text file: only trust it with a plausible header size.
        if *kind == "a BMP image" && !(bytes.len() > 14 && bytes[6..10] == [0, 0, 0, 0]) {
            return None;
        }
        return Some(kind);
    }
    // NUL bytes never occur in text, except in UTF-16 (which starts with its BOM).
    let utf16_bom = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    if !utf16_bom && bytes.iter().take(8192).any(|&b| b == 0) {
        return Some("a binary file");
    }
    None
}

/// Decoded text that is mostly control characters is binary data that happened to decode.
pub fn looks_binary_text(text: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{1b}') {
            controls += 1;
        }
    }
    total > 0 && controls * 10 > total
}

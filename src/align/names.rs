//! Names across scripts: a name written in Hangul and in Latin letters shares its consonant
//! skeleton (`설리번` and `Sullivan` → SLPN); Chinese names in hanja meet their pinyin
//! (`林建` ⟷ `Lin Jian`); Korean names written as two or three capitalised English words meet
//! the Hangul name's skeleton (`윤석열` ⟷ `Yoon Suk-yeol`).

/// Consonant classes of Hangul syllables, as a loanword or name would be spelled in Latin.
pub fn hangul_skeleton(s: &str) -> Vec<u8> {
    const INITIAL: &[u8; 19] = b"KKNTTLMPPSS-SSSKTPH";
    const FINAL: &[u8; 28] = b"-KKKNNNTLLLLLLLLMPPTTNTTKTP-";
    let mut out = Vec::new();
    for c in s.chars() {
        let code = c as u32;
        if !(0xAC00..=0xD7A3).contains(&code) {
            continue;
        }
        let idx = code - 0xAC00;
        let l = INITIAL[(idx / 588) as usize];
        let t = FINAL[(idx % 28) as usize];
        for x in [l, t] {
            if x != b'-' && out.last() != Some(&x) {
                out.push(x);
            }
        }
    }
    out
}

/// Consonant classes of a Latin word (lower case), in the same alphabet as [`hangul_skeleton`].
pub fn latin_skeleton(s: &str) -> Vec<u8> {
    let b: Vec<u8> = s.bytes().filter(u8::is_ascii_lowercase).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let (class, skip) = match (c, next) {
            (b'c' | b's', Some(b'h')) => (Some(b'S'), 2),
            (b't', Some(b'h')) => (Some(b'T'), 2),
            (b'p', Some(b'h')) => (Some(b'P'), 2),
            (b'g', Some(b'h')) => (None, 2),
            (b'c', Some(b'k')) => (Some(b'K'), 2),
            (b'n', Some(b'g')) => (Some(b'N'), 2),
            (b'q', Some(b'u')) => (Some(b'K'), 2),
            (b'c', Some(b'e' | b'i' | b'y')) => (Some(b'S'), 1),
            (b'x', _) => {
                push_class(&mut out, b'K');
                (Some(b'S'), 1)
            }
            (b'b' | b'p' | b'f' | b'v', _) => (Some(b'P'), 1),
            (b'c' | b'g' | b'k' | b'q', _) => (Some(b'K'), 1),
            (b'd' | b't', _) => (Some(b'T'), 1),
            (b'l' | b'r', _) => (Some(b'L'), 1),
            (b'm', _) => (Some(b'M'), 1),
            (b'n', _) => (Some(b'N'), 1),
            (b'h', _) => (Some(b'H'), 1),
            (b's' | b'z' | b'j', _) => (Some(b'S'), 1),
            _ => (None, 1),
        };
        if let Some(k) = class {
            push_class(&mut out, k);
        }
        i += skip;
    }
    out
}

fn push_class(out: &mut Vec<u8>, k: u8) {
    if out.last() != Some(&k) {
        out.push(k);
    }
}

/// The first three consonant classes, the key two spellings of one name share.
pub fn skeleton_key(sk: &[u8]) -> Option<String> {
    (sk.len() >= 3).then(|| format!("s:{}", String::from_utf8_lossy(&sk[..3])))
}

/// Chinese names in hanja (`林建`, `張又俠`) by their pinyin, as English writes them: each
/// syllable, and the given name's syllables joined (`Lin Jian`, `Zhang Youxia`).
pub fn hanja_keys(run: &str) -> Vec<String> {
    use pinyin::ToPinyin;
    let syllables: Vec<&str> = run
        .to_pinyin()
        .map(|p| p.map_or("", |p| p.plain()))
        .collect();
    if syllables.iter().any(|s| s.is_empty()) {
        return Vec::new();
    }
    let mut keys: Vec<String> = syllables.iter().map(|s| format!("w:{s}")).collect();
    if syllables.len() >= 3 {
        keys.push(format!("w:{}", syllables[1..].concat()));
    }
    keys
}

/// Korean names are written in English as two or three capitalised words (`Yoon Suk-yeol`,
/// `Oh Se-hoon`); their joined skeleton meets the skeleton of the Hangul name (`윤석열`).
pub fn korean_name_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let tokens: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .replace('-', "")
        })
        .collect();
    let capital = |t: &String| t.starts_with(|c: char| c.is_ascii_uppercase()) && t.len() <= 12;
    let mut i = 0;
    while i < tokens.len() {
        if !capital(&tokens[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < tokens.len() && capital(&tokens[j]) {
            j += 1;
        }
        // Every window of two or three words in a run of capitalised words.
        for start in i..j {
            for len in 2..=3 {
                if start + len <= j {
                    let joined = tokens[start..start + len].concat().to_lowercase();
                    keys.extend(skeleton_key(&latin_skeleton(&joined)));
                }
            }
        }
        i = j;
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_meet() {
        assert_eq!(hangul_skeleton("워싱턴"), latin_skeleton("washington"));
        assert_eq!(skeleton_key(b"SLPN"), Some("s:SLP".to_string()));
        assert_eq!(skeleton_key(b"KM"), None);
    }

    #[test]
    fn hanja_and_korean_names() {
        assert_eq!(hanja_keys("林建"), vec!["w:lin", "w:jian"]);
        assert!(hanja_keys("張又俠").contains(&"w:youxia".to_string()));
        let keys = korean_name_keys("President Yoon Suk-yeol said.");
        assert!(keys.contains(&"s:NSK".to_string()), "{keys:?}");
    }
}

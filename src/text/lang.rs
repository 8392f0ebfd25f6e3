//! The language of a span from script statistics: Hangul letters against Latin letters.
//! (Statistical detectors call Korean navigation bars Dutch or Italian; scripts don't lie.)

use crate::model::Lang;

/// Letters of each script in a span.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScriptCounts {
    pub hangul: usize,
    pub latin: usize,
    /// Han, kana and letters of other scripts.
    pub other: usize,
}

pub fn count_scripts(s: &str) -> ScriptCounts {
    let mut n = ScriptCounts::default();
    for c in s.chars() {
        if is_hangul(c) {
            n.hangul += 1;
        } else if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) {
            n.latin += 1;
        } else if c.is_alphabetic() {
            n.other += 1;
        }
    }
    n
}

/// Hangul syllables and jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// `ko` when Hangul dominates, `en` when Latin does, `mixed` when both carry weight, `other`
/// for spans with neither (numbers, Chinese, Japanese …). A Hangul syllable carries about as
/// much text as three Latin letters, so it is weighted that way.
pub fn detect(s: &str) -> Lang {
    let n = count_scripts(s);
    let ko = n.hangul * 3;
    let en = n.latin;
    let total = ko + en + n.other * 2;
    if total == 0 || (ko + en) * 2 < total {
        return Lang::Other;
    }
    if ko * 10 >= total * 8 {
        Lang::Ko
    } else if en * 10 >= total * 8 {
        Lang::En
    } else if ko > en * 3 {
        // Korean with English names and acronyms in it is still Korean.
        Lang::Ko
    } else if en > ko * 3 {
        Lang::En
    } else {
        Lang::Mixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert_eq!(
            detect("중국은 동방경제포럼(EEF)에 대표단을 파견했다."),
            Lang::Ko
        );
        assert_eq!(
            detect("Reuters reported on the 29th that Sullivan met Wang Yi."),
            Lang::En
        );
        assert_eq!(detect("2023-09-13 07:37"), Lang::Other);
        assert_eq!(detect("中国和俄罗斯"), Lang::Other);
        assert_eq!(
            detect("미국 중국 첫 고위 군사회담 US-China First High-Level Military Talks"),
            Lang::Mixed
        );
    }
}

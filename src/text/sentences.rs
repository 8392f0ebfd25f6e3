//! Sentence boundaries in Korean and English text.
//!
//! FIRST VERSION: a full stop, question or exclamation mark (with any closing quotes and
//! brackets after it) followed by a space ends a sentence, except after a few abbreviations and
//! inside numbers. The aligner issue (3) refines this.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "U.S", "U.K", "U.N", "Mr", "Mrs", "Ms", "Dr", "Gen", "No", "St", "Jr", "Sr", "Co", "Corp",
    "Inc", "Ltd", "vs", "etc", "e.g", "i.e", "Lt", "Col", "Sgt", "Rep", "Sen", "Gov", "Prof",
];

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace, in order.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '?' | '!' | '。' | '？' | '！') {
            let mut j = i + 1;
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let at_space = j < chars.len() && chars[j].1.is_whitespace();
            if at_space && !(c == '.' && is_abbreviation(&text[start..pos])) {
                let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '」' | '』' | '.' | '?' | '!'
    )
}

/// Does the text before a full stop end in an abbreviation (`U.S`, `Mr`) or a lone capital?
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    ABBREVIATIONS.contains(&word) || (word.len() == 1 && word.chars().all(|c| c.is_uppercase()))
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        split(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_korean_and_english() {
        assert_eq!(
            texts("그는 “안 된다.”라고 말했다. 그러나 U.S. officials met Mr. Kim. Fine!"),
            vec![
                "그는 “안 된다.”라고 말했다.",
                "그러나 U.S. officials met Mr. Kim.",
                "Fine!"
            ]
        );
        assert_eq!(
            texts("It rose 2.5 percent. 다음"),
            vec!["It rose 2.5 percent.", "다음"]
        );
    }
}

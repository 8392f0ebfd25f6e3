//! Words of a sentence with their places: Korean 어절 (space-separated words) and English words,
//! each without the punctuation around it. Offsets are in characters (Unicode scalar values),
//! end exclusive, as `duet lookup --json` prints them.

use serde::Serialize;

/// One word and where it is in its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    pub text: String,
    /// Character offsets in the sentence, end exclusive.
    pub start: usize,
    pub end: usize,
}

/// Punctuation and symbols that surround a word rather than belong to it (quotes, brackets,
/// commas, full stops, middle dots, ellipses).
fn is_surrounding(c: char) -> bool {
    !c.is_alphanumeric() && c != '%' && c != '$' && c != '₩' && c != '€'
}

/// The space-separated words of `text`, each trimmed of the punctuation around it (a closing
/// bracket stays when its opening one is inside the word: `장유샤(張眞夏)`). Words that are
/// punctuation only are skipped.
pub fn words(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        if let Some(tok) = trimmed(&chars, start, i) {
            out.push(tok);
        }
    }
    out
}

fn trimmed(chars: &[char], mut s: usize, mut e: usize) -> Option<Token> {
    while s < e && is_surrounding(chars[s]) {
        s += 1;
    }
    while e > s && is_surrounding(chars[e - 1]) {
        let c = chars[e - 1];
        let opener = match c {
            ')' => Some('('),
            ']' => Some('['),
            '）' => Some('（'),
            _ => None,
        };
        if let Some(o) = opener
            && chars[s..e - 1].contains(&o)
        {
            break;
        }
        e -= 1;
    }
    (s < e).then(|| Token {
        text: chars[s..e].iter().collect(),
        start: s,
        end: e,
    })
}

/// English words: runs of letters and digits, with the apostrophes, hyphens and dots inside
/// them (`China's`, `high-level`, `U.S.`); a dot ends a word unless a letter follows it
/// directly or the word is letter.letter (`U.S.`).
pub fn english_words(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i];
            let next_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if c.is_alphanumeric() {
                i += 1;
            } else if matches!(c, '\'' | '’' | '-' | '.' | ',') && next_alnum {
                // `1,000` and `3.5` keep their separator; `a,b` does not occur in prose.
                if c == ',' && !(chars[i - 1].is_ascii_digit() && chars[i + 1].is_ascii_digit()) {
                    break;
                }
                i += 1;
            } else if c == '.' && is_initialism(&chars[start..i]) {
                i += 1;
                break;
            } else {
                break;
            }
        }
        out.push(Token {
            text: chars[start..i].iter().collect(),
            start,
            end: i,
        });
    }
    out
}

/// `U.S` (before its last dot): single letters joined by dots.
fn is_initialism(w: &[char]) -> bool {
    w.len() >= 3
        && w.iter().enumerate().all(|(k, c)| {
            if k % 2 == 0 {
                c.is_alphabetic()
            } else {
                *c == '.'
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &[Token]) -> Vec<&str> {
        t.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn korean_words_lose_surrounding_punctuation_only() {
        let s = "\"유익하고 효과적인\" 장유샤(張眞夏) 부주석과, 29일 보도했다.";
        let w = words(s);
        assert_eq!(
            texts(&w),
            [
                "유익하고",
                "효과적인",
                "장유샤(張眞夏)",
                "부주석과",
                "29일",
                "보도했다"
            ]
        );
        let chars: Vec<char> = s.chars().collect();
        for t in &w {
            assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
        }
        assert_eq!((w[0].start, w[0].end), (1, 5));
    }

    #[test]
    fn english_words_keep_inner_marks() {
        let w = english_words("The U.S. and China's high-level talks, 1,000 troops. Done.");
        assert_eq!(
            texts(&w),
            [
                "The",
                "U.S.",
                "and",
                "China's",
                "high-level",
                "talks",
                "1,000",
                "troops",
                "Done"
            ]
        );
    }
}

//! Sentence boundaries in Korean and English text.
//!
//! A full stop, question or exclamation mark (or an ellipsis), with any closing quotes and
//! brackets after it, ends a sentence when whitespace follows — except:
//!
//! - after abbreviations (`U.S.`, `Mr.`, `Gen.`, `No. 5`, `Jan. 3`) and single initials (`J. K.`);
//! - inside numbers and dates (`2.5`, `2023.09.12`, `2023. 9. 12.`);
//! - after a list marker at the start of a sentence (`1. `, `a) `);
//! - when the next word starts in lower case (`“Go.” he said`, `etc. and`), or is a Korean
//!   quotative ending after a closing quote (`“…다.” 라고 말했다`);
//! - an English ellipsis followed by a lower-case word (`and COUNTING ... the day`).
//!
//! A Korean sentence ending (`다.`, `요.`, `까?`) ends the sentence even with no space after it
//! when Hangul follows (`했다.그러나`), and a line break ends a sentence when the line before
//! ends like one or the next line starts with a list marker.

use std::ops::Range;

use crate::text::lang::is_hangul;

/// Words that take a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "U.S", "U.K", "U.N", "E.U", "D.C", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Sgt", "Capt",
    "Cmdr", "Adm", "Maj", "Rep", "Sen", "Gov", "Pres", "Prof", "Rev", "Hon", "St", "Jr", "Sr",
    "Co", "Corp", "Inc", "Ltd", "Bros", "vs", "v", "etc", "e.g", "i.e", "a.m", "p.m", "Mt", "Ft",
    "approx", "Dept", "Univ", "Assn", "Nos",
];

/// Abbreviations that may also end a sentence (unlike titles such as `Mr.`).
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &[
    "U.S", "U.K", "U.N", "E.U", "D.C", "Inc", "Ltd", "Co", "Corp", "Bros", "etc", "a.m", "p.m",
    "Jr", "Sr",
];

/// Words that usually start a sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Yet",
    "So",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "As",
    "When",
    "While",
    "If",
    "However",
    "Meanwhile",
    "Still",
    "Also",
    "Then",
    "Now",
    "Some",
    "Many",
    "Most",
];

/// Words that take a full stop before a number (`No. 5`, `Jan. 3`, `p. 12`).
const BEFORE_NUMBER: &[&str] = &[
    "No", "no", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "p", "pp", "vol", "Vol", "art", "Art", "fig", "Fig", "ch", "Ch",
];

/// Korean endings that follow a closing quote and continue the sentence (`”라고 말했다`).
const QUOTATIVE: &[&str] = &[
    "라고",
    "이라고",
    "고",
    "라며",
    "이라며",
    "며",
    "면서",
    "라면서",
    "이라면서",
    "라는",
    "이라는",
    "는",
    "하고",
    "란",
    "이란",
    "라",
    "이라",
];

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace, in order.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if c == '\n' {
            if line_break_ends(text, &chars, start, i) {
                push_trimmed(text, start..pos, &mut out);
                start = pos;
            }
            i += 1;
            continue;
        }
        // `다음과 같다: 팔루는 …`: a Korean sentence ending before a colon ends the sentence.
        if c == ':'
            && i > 0
            && matches!(chars[i - 1].1, '다' | '요')
            && chars.get(i + 1).is_some_and(|&(_, n)| n.is_whitespace())
            && !next_word(text, chars[i + 1].0).starts_with(is_opener)
        {
            let end = chars[i + 1].0;
            push_trimmed(text, start..end, &mut out);
            start = end;
            i += 1;
            continue;
        }
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        // Take the whole run of terminators (`?!`, `...`) and the closers after it.
        let mut j = i + 1;
        while j < chars.len() && is_terminator(chars[j].1) {
            j += 1;
        }
        let ellipsis = c == '…' || (c == '.' && j - i >= 2);
        let mut k = j;
        let mut closed = false;
        while k < chars.len() && is_closer(chars[k].1) {
            closed = true;
            k += 1;
        }
        // `… ironically. ”`: closing quotes set off by a space still close this sentence.
        let mut gap = k;
        while gap < chars.len() && matches!(chars[gap].1, ' ' | '\t' | '\u{a0}') {
            gap += 1;
        }
        let mut after = gap;
        while after < chars.len() && is_closer(chars[after].1) {
            after += 1;
        }
        if gap > k && after > gap && chars.get(after).is_none_or(|&(_, c)| c.is_whitespace()) {
            closed = true;
            k = after;
        }
        let end = chars.get(k).map_or(text.len(), |&(p, _)| p);
        let ends = if k >= chars.len() {
            false // the end of the text ends the sentence anyway
        } else if chars[k].1.is_whitespace() {
            let next = next_word(text, end);
            ends_before(text, start, pos, c, ellipsis, closed, next)
        } else {
            // No space: only a Korean ending followed by more Hangul (`했다.그러나`).
            !closed
                && matches!(c, '.' | '?' | '!')
                && i > 0
                && is_korean_ending(chars[i - 1].1)
                && is_hangul(chars[k].1)
        };
        if ends {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
        i = k.max(i + 1);
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The sentences of `text` as string slices.
pub fn split_str(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|r| &text[r]).collect()
}

/// Runs of consecutive sentences of one class (a language, say), as byte ranges from the
/// first sentence's start to the last one's end. `class` names each sentence's class; a
/// sentence it has none for takes the class of the sentence before it (`first` at the start),
/// and sentences of no class at the start of the text join the first run that has one.
pub fn runs<T: Copy + PartialEq>(
    text: &str,
    first: Option<T>,
    mut class: impl FnMut(&str) -> Option<T>,
) -> Vec<(Option<T>, Range<usize>)> {
    let mut out: Vec<(Option<T>, Range<usize>)> = Vec::new();
    let mut current = first;
    for r in split(text) {
        let c = class(&text[r.clone()]).or(current);
        match out.last_mut() {
            Some((last, range)) if *last == c || last.is_none() => {
                *last = c;
                range.end = r.end;
            }
            _ => out.push((c, r)),
        }
        current = c;
    }
    out
}

/// Does a terminator at byte `pos` (sentence so far from `start`), followed by whitespace and
/// then `next`, end the sentence?
fn ends_before(
    text: &str,
    start: usize,
    pos: usize,
    term: char,
    ellipsis: bool,
    closed: bool,
    next: &str,
) -> bool {
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return false; // `“Go.” he said`, `etc. and`, `... the day`
    }
    if closed && QUOTATIVE.iter().any(|q| starts_with_word(next, q)) {
        return false;
    }
    if ellipsis {
        return true;
    }
    if term != '.' {
        return true;
    }
    let before = &text[start..pos];
    let word = last_word(before);
    if ABBREVIATIONS.contains(&word) {
        // `… in the U.S. The next day …`: an abbreviation that can end a sentence does when a
        // word that usually starts one follows.
        return SENTENCE_FINAL_ABBREVIATIONS.contains(&word) && SENTENCE_STARTERS.contains(&next);
    }
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return false; // an initial: `J. K. Rowling`
    }
    // Initials run together (`George H.W. Bush`, `Paul W.S. Anderson`, `the U.S.`) go on into
    // the name after them; they end a sentence only before a word that usually starts one.
    if is_dotted_initials(word) {
        return SENTENCE_STARTERS.contains(&next);
    }
    if first.is_ascii_digit() {
        if BEFORE_NUMBER.contains(&word) {
            return false;
        }
        // `2023. 9. 12.`: a number, a full stop, another number.
        if word.chars().last().is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    // The last number of a dotted date: `2023. 9. 12. 기준`
    if word.chars().all(|c| c.is_ascii_digit()) {
        let head = before[..before.len() - word.len()].trim_end();
        let mut tail = head.chars().rev();
        if tail.next() == Some('.') && tail.next().is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    // A list marker alone at the start of a sentence: `1. `, `a. `, `iv. `
    if before.trim() == word && is_list_marker(word) {
        return false;
    }
    true
}

/// Does a line break at char index `i` end the sentence begun at byte `start`?
fn line_break_ends(text: &str, chars: &[(usize, char)], start: usize, i: usize) -> bool {
    let pos = chars[i].0;
    let line = text[start..pos].trim_end();
    if line.trim().is_empty() {
        return false;
    }
    let next = text[pos..].trim_start();
    if next.is_empty() {
        return false;
    }
    if let Some(last) = line.chars().last()
        && (is_terminator(last) || is_closer(last) || last == ':')
    {
        return true;
    }
    starts_with_list_marker(next) || text[pos + 1..].starts_with('\n')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '。' | '？' | '！' | '‼' | '⁇')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '「' | '『' | '《' | '〈' | '«'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '」' | '』' | '》' | '〉' | '»' | '›' | '）'
    )
}

/// Hangul syllables that end a sentence before a full stop: `다.`, `요.`, `까?`, `죠.`, `오.`
fn is_korean_ending(c: char) -> bool {
    matches!(
        c,
        '다' | '요' | '까' | '죠' | '오' | '네' | '니' | '라' | '지'
    )
}

fn next_word(text: &str, from: usize) -> &str {
    let rest = text[from..].trim_start();
    rest.split(char::is_whitespace).next().unwrap_or("")
}

fn starts_with_word(next: &str, word: &str) -> bool {
    next.strip_prefix(word).is_some_and(|rest| {
        rest.is_empty() || rest.starts_with(|c: char| !is_hangul(c)) || word.len() > 3
    })
}

/// The last word before a full stop, without opening quotes or brackets.
fn last_word(before: &str) -> &str {
    before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '\'' | '['))
        .next()
        .unwrap_or("")
}

/// Capital letters each followed by a full stop but the last (`H.W`, `J.R.R`, `U.S`).
fn is_dotted_initials(word: &str) -> bool {
    let mut parts = 0;
    for p in word.split('.') {
        let mut cs = p.chars();
        if !(cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

fn is_list_marker(word: &str) -> bool {
    let w = word.trim_start_matches('(');
    let w = w.trim_end_matches(')');
    !w.is_empty()
        && w.len() <= 3
        && (w.chars().all(|c| c.is_ascii_digit())
            || (w.chars().count() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
            || w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

fn starts_with_list_marker(line: &str) -> bool {
    let mut cs = line.chars();
    match cs.next() {
        Some('-' | '*' | '•' | '·' | '▲' | '△' | '■' | '□' | '◆' | '○' | '●' | '▶' | '※') => {
            true
        }
        Some(c) if c.is_ascii_digit() => {
            let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
            let rest = &line[digits.len()..];
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
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
        split_str(s)
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

    #[test]
    fn quotes_that_continue_the_sentence() {
        assert_eq!(
            texts("그는 “정말 중요하다.” 라고 말했다. 다음 문장이다."),
            vec!["그는 “정말 중요하다.” 라고 말했다.", "다음 문장이다."]
        );
        assert_eq!(
            texts("“It is over.” he said. Then he left."),
            vec!["“It is over.” he said.", "Then he left."]
        );
        assert_eq!(
            texts("장 부주석은 \"가치를 보여주는 것\"이라고 말했다. 끝."),
            vec!["장 부주석은 \"가치를 보여주는 것\"이라고 말했다.", "끝."]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("Gen. Milley and Mr. Putin met in the U.S. capital. No. 5 won. Next."),
            vec![
                "Gen. Milley and Mr. Putin met in the U.S. capital.",
                "No. 5 won.",
                "Next."
            ]
        );
        assert_eq!(
            texts("It happened on Oct. 5 in Washington, D.C. at noon. J. K. Rowling wrote it."),
            vec![
                "It happened on Oct. 5 in Washington, D.C. at noon.",
                "J. K. Rowling wrote it."
            ]
        );
    }

    #[test]
    fn initials_run_together_go_on_into_the_name() {
        assert_eq!(
            texts(
                "President George H.W. Bush signed the order in 1990. Paul W.S. Anderson directed it. It was shown in the U.K. The end."
            ),
            vec![
                "President George H.W. Bush signed the order in 1990.",
                "Paul W.S. Anderson directed it.",
                "It was shown in the U.K.",
                "The end."
            ]
        );
    }

    #[test]
    fn a_closing_quote_set_off_by_a_space_closes_its_sentence() {
        assert_eq!(
            texts(
                "“The film was a triumph, ironically. ” The critic left. 그는 “끝났다. ” 다음 날 떠났다. “Done. ”"
            ),
            vec![
                "“The film was a triumph, ironically. ”",
                "The critic left.",
                "그는 “끝났다. ”",
                "다음 날 떠났다.",
                "“Done. ”"
            ]
        );
        // A straight quote that opens the next sentence stays with it.
        assert_eq!(
            texts("He left. \"Why?\" she asked."),
            vec!["He left.", "\"Why?\" she asked."]
        );
    }

    #[test]
    fn decimals_and_dates() {
        assert_eq!(
            texts("2023.09.12 발표에 따르면 3.5% 올랐다. 2023. 9. 12. 기준이다."),
            vec![
                "2023.09.12 발표에 따르면 3.5% 올랐다.",
                "2023. 9. 12. 기준이다."
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            texts("136 years ago today, and COUNTING ... the day he was born. Then … Nothing."),
            vec![
                "136 years ago today, and COUNTING ... the day he was born.",
                "Then …",
                "Nothing."
            ]
        );
        assert_eq!(
            texts("오늘, 그리고... 독일에서 태어났다."),
            vec!["오늘, 그리고...", "독일에서 태어났다."]
        );
    }

    #[test]
    fn list_markers() {
        assert_eq!(
            texts("1. 첫째 항목이다. 2. 둘째 항목이다."),
            vec!["1. 첫째 항목이다.", "2. 둘째 항목이다."]
        );
        assert_eq!(
            texts("Key points:\n- prices rose\n- wages fell"),
            vec!["Key points:", "- prices rose", "- wages fell"]
        );
        assert_eq!(
            texts("A line that wraps\nin the middle of a sentence."),
            vec!["A line that wraps\nin the middle of a sentence."]
        );
    }

    #[test]
    fn abbreviations_that_end_sentences() {
        assert_eq!(
            texts("It will be shown in the U.S. The deal is done. U.S. Army units left."),
            vec![
                "It will be shown in the U.S.",
                "The deal is done.",
                "U.S. Army units left."
            ]
        );
        assert_eq!(
            texts("주요 사실은 다음과 같다: 팔루는 수도이다."),
            vec!["주요 사실은 다음과 같다:", "팔루는 수도이다."]
        );
        assert_eq!(
            texts("그는 대답했다: \"길고 힘든 길이다.\" 끝."),
            vec!["그는 대답했다: \"길고 힘든 길이다.\"", "끝."]
        );
        assert_eq!(
            texts("rulings against Roe v. Wade, as he is a conservative."),
            vec!["rulings against Roe v. Wade, as he is a conservative."]
        );
    }

    #[test]
    fn korean_endings() {
        assert_eq!(
            texts("회담은 끝났다.그러나 논의는 계속된다. 정말인가요? 그렇다!"),
            vec![
                "회담은 끝났다.",
                "그러나 논의는 계속된다.",
                "정말인가요?",
                "그렇다!"
            ]
        );
    }

    #[test]
    fn closers_after_the_full_stop() {
        assert_eq!(
            texts("He said: “It is over.” The talks ended. (This was expected.) Next."),
            vec![
                "He said: “It is over.”",
                "The talks ended.",
                "(This was expected.)",
                "Next."
            ]
        );
        assert_eq!(
            texts("남자: \"도대체 그게 뭔가?\" 로저스: \"계수기입니다.\""),
            vec!["남자: \"도대체 그게 뭔가?\"", "로저스: \"계수기입니다.\""]
        );
    }
}

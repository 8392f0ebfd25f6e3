//! How a sentence sits in the text around it, as a translator's split or merge leaves it:
//!
//! - whether it asks a question (a question is translated as a question);
//! - the quotations it opens or closes (a quotation that a Korean translator cut into two
//!   sentences is opened by the first and closed by the second, while the English sentence holds
//!   it whole);
//! - the joints a long sentence is cut at: an English sentence with a clause joint (`, but`,
//!   `, while`, `;`, `, which`) is the one a Korean translator splits; a Korean sentence that
//!   opens with a connective (`그러나`, `하지만`, `이는`) is often the second half of such a split,
//!   and one that runs on through a clause connective (`-며`, `-고`, `-지만`, `-는데`) often joins
//!   two English sentences.

/// The shape of one sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Ends with a question mark (closing quotes and brackets after it allowed).
    pub question: bool,
    /// Quotation marks opened minus closed.
    pub quotes: i32,
    /// A joint inside the sentence where a translator cuts or joins: an English clause joint,
    /// a Korean clause connective.
    pub joint: bool,
    /// Opens by continuing the sentence before it (`그러나 …`, `But …`).
    pub continues: bool,
}

/// Korean words that open a sentence continuing the one before it.
const KO_CONNECTIVES: &[&str] = &[
    "그러나",
    "하지만",
    "그런데",
    "그리고",
    "그러면서",
    "그러자",
    "따라서",
    "그래서",
    "또한",
    "이어",
    "이에",
    "이는",
    "이와",
    "이로",
    "이를",
    "다만",
    "반면",
    "아울러",
    "특히",
    "즉",
];

/// Korean clause endings that join two statements inside one sentence, before a space or comma.
const KO_CLAUSE_ENDINGS: &[&str] = &[
    "며",
    "으며",
    "면서",
    "으면서",
    "지만",
    "는데",
    "은데",
    "했고",
    "였고",
    "었고",
    "았고",
];

/// English words that open a second clause after a comma.
const EN_JOINTS: &[&str] = &[
    "but", "while", "which", "whereas", "although", "though", "adding", "saying", "and",
];

/// English words that open a sentence continuing the one before it.
const EN_CONTINUES: &[&str] = &["But", "And", "However", "Yet", "So", "This", "That", "It"];

/// The shape of a Korean sentence.
pub fn korean(text: &str) -> Shape {
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || is_quote(c));
    let opens = KO_CONNECTIVES.iter().any(|c| {
        t.strip_prefix(c)
            .is_some_and(|rest| rest.starts_with([' ', ',']))
    });
    let runs_on = text.split_whitespace().any(|w| {
        let w = w.trim_end_matches(',');
        w.chars().count() >= 2 && KO_CLAUSE_ENDINGS.iter().any(|e| w.ends_with(e))
    });
    Shape {
        question: question(text),
        quotes: quotes(text),
        joint: runs_on,
        continues: opens,
    }
}

/// The shape of an English sentence.
pub fn english(text: &str) -> Shape {
    let mut joint = text.contains("; ") || text.contains(" — ") || text.contains(" – ");
    if !joint {
        joint = text.match_indices(", ").any(|(i, _)| {
            let next = text[i + 2..].split([' ', ',']).next().unwrap_or("");
            EN_JOINTS.contains(&next)
        });
    }
    let first = text
        .trim_start_matches(|c: char| c.is_whitespace() || is_quote(c))
        .split([' ', ','])
        .next()
        .unwrap_or("");
    Shape {
        question: question(text),
        quotes: quotes(text),
        joint,
        continues: EN_CONTINUES.contains(&first),
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '「' | '」' | '『' | '』')
}

fn question(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || is_quote(c) || matches!(c, '\'' | '’' | ')' | ']')
    })
    .ends_with(['?', '？'])
}

/// Quotation marks opened minus closed. A straight `"` opens at the start of the text or
/// after a space or an opening bracket, and closes anywhere else.
fn quotes(text: &str) -> i32 {
    let mut n = 0;
    let mut prev = ' ';
    for c in text.chars() {
        match c {
            '“' | '「' | '『' => n += 1,
            '”' | '」' | '』' => n -= 1,
            '"' if prev.is_whitespace() || matches!(prev, '(' | '[') => n += 1,
            '"' => n -= 1,
            _ => {}
        }
        prev = c;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_cut_in_two() {
        assert_eq!(
            korean("\"저는 ‘예’가 가장 널리 쓰인 단어라고 생각합니다.").quotes,
            1
        );
        assert_eq!(
            korean("그리고 그 뜻은 ‘당신’입니다.”라고 웨스트가 말했습니다.").quotes,
            -1
        );
        assert_eq!(
            english("\"I believe 'ye' is the word,\" West said, \"and it means 'you.'\"").quotes,
            0
        );
        assert_eq!(korean("“더 이상 흑인은 안돼”라고 말했다.").quotes, 0);
    }

    #[test]
    fn questions_and_joints() {
        assert!(english("And an inquiry about someone's love life?").question);
        assert!(!english("Forget it.").question);
        assert!(korean("\"그런 사람을 고용하겠어요?").question);
        assert!(english("He won, but the party lost seats.").joint);
        assert!(english("Talks resumed; no deal was reached.").joint);
        assert!(!english("Kavanaugh is currently a judge on the D.C. Circuit.").joint);
        assert!(korean("그리고 성경에서 그 단어의 뜻은 ‘당신’입니다.").continues);
        assert!(korean("정부는 대책을 발표했으며, 시행은 내년이다.").joint);
        assert!(!korean("루비사는 도쿠다가 자사의 스타라고 인정했다.").joint);
    }
}

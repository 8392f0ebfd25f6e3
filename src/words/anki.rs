//! The Anki export: a tab-separated file with Anki's file headers (`#separator:tab`,
//! `#html:true`, `#notetype`, `#deck`, `#guid column`, `#tags column`, `#columns`), one note
//! per lemma. Its GUID is derived from the lemma, so importing a later export updates the same
//! notes instead of adding copies.

/// One note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub lemma: String,
    /// The word as seen.
    pub word: String,
    /// The Korean sentence and the word's character range in it.
    pub ko: String,
    pub ko_span: (usize, usize),
    /// The English sentence and its aligned words' character ranges.
    pub en: String,
    pub en_spans: Vec<(usize, usize)>,
    /// Dictionary senses, or the aligned English words when there is no dictionary.
    pub gloss: String,
    pub title: String,
    pub source: String,
    pub tags: Vec<String>,
}

pub const NOTETYPE: &str = "duet word";
pub const DECK: &str = "duet";
pub const COLUMNS: [&str; 10] = [
    "GUID", "Lemma", "Word", "Korean", "English", "Gloss", "Title", "Source", "Status", "Tags",
];

/// The note's GUID: stable for a lemma across exports.
pub fn guid(lemma: &str) -> String {
    let h = blake3::hash(format!("duet-word:{lemma}").as_bytes());
    format!("duet-{}", &h.to_hex()[..16])
}

/// The whole file.
pub fn to_tsv(cards: &[(Card, String)]) -> String {
    let mut out = String::new();
    out.push_str("#separator:tab\n#html:true\n");
    out.push_str(&format!("#notetype:{NOTETYPE}\n#deck:{DECK}\n"));
    out.push_str("#guid column:1\n");
    out.push_str(&format!("#tags column:{}\n", COLUMNS.len()));
    out.push_str(&format!("#columns:{}\n", COLUMNS.join("\t")));
    for (c, status) in cards {
        let fields = [
            guid(&c.lemma),
            html(&c.lemma),
            html(&c.word),
            bold(&c.ko, std::slice::from_ref(&c.ko_span)),
            bold(&c.en, &c.en_spans),
            html(&c.gloss),
            html(&c.title),
            html(&c.source),
            html(status),
            c.tags
                .iter()
                .map(|t| t.replace(char::is_whitespace, "_"))
                .collect::<Vec<_>>()
                .join(" "),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// Text as an HTML field: escaped, on one line (a tab or newline would break the row).
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` with the character ranges in `spans` in `<b>…</b>`.
fn bold(text: &str, spans: &[(usize, usize)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize)> = spans
        .iter()
        .map(|&(s, e)| (s.min(chars.len()), e.min(chars.len())))
        .filter(|(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut out = String::new();
    let mut pos = 0;
    for (s, e) in spans {
        if s < pos {
            continue;
        }
        out.push_str(&html(&chars[pos..s].iter().collect::<String>()));
        out.push_str("<b>");
        out.push_str(&html(&chars[s..e].iter().collect::<String>()));
        out.push_str("</b>");
        pos = e;
    }
    out.push_str(&html(&chars[pos..].iter().collect::<String>()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_bold_and_stable_guids() {
        let card = Card {
            lemma: "만나다".into(),
            word: "만났다".into(),
            ko: "대통령을 만났다.".into(),
            ko_span: (5, 8),
            en: "He met the <president>.".into(),
            en_spans: vec![(3, 6)],
            gloss: "meet".into(),
            title: "제목".into(),
            source: "a.txt".into(),
            tags: vec!["duet".into()],
        };
        let tsv = to_tsv(&[(card, "2".into())]);
        let lines: Vec<&str> = tsv.lines().collect();
        assert_eq!(lines[0], "#separator:tab");
        let row: Vec<&str> = lines[7].split('\t').collect();
        assert_eq!(row.len(), COLUMNS.len());
        assert_eq!(row[0], guid("만나다"));
        assert_eq!(row[3], "대통령을 <b>만났다</b>.");
        assert_eq!(row[4], "He <b>met</b> the &lt;president&gt;.");
        assert_ne!(guid("만나다"), guid("만나"));
    }
}

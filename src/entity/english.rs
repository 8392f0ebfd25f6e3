//! English entity spans: the word perceptron (`assets/entities/en.model`), then rules:
//! possessives stripped, gazetteer names, acronyms, no sentence-initial function words.

use std::cell::Cell;
use std::sync::OnceLock;

use super::features::{english_features, english_tokens, spans_from_tags};
use super::gazetteer;
use super::perceptron::Model;
use super::{EntityKind, Span};

thread_local! {
    /// A model set by the trainer to measure itself on this thread (see `train::set_override`).
    pub static OVERRIDE: Cell<Option<&'static Model>> = const { Cell::new(None) };
}

const MODEL: &[u8] = include_bytes!("../../assets/entities/en.model");

pub fn model() -> &'static Model {
    if let Some(m) = OVERRIDE.with(Cell::get) {
        return m;
    }
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(MODEL).unwrap_or_default())
}

/// Capitalised words that are not names on their own.
const COMMON: &[&str] = &[
    "The",
    "However",
    "But",
    "And",
    "In",
    "On",
    "At",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "Minister",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "For",
    "With",
    "From",
    "By",
    "Meanwhile",
    "According",
    "Also",
    "Yet",
    "So",
    "There",
    "Here",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Some",
    "Many",
    "Most",
    "All",
    "One",
];

/// Entity spans in English text.
pub fn find(chars: &[char]) -> Vec<Span> {
    let tokens = english_tokens(chars);
    let feats = english_features(chars, &tokens);
    let mut em = model().emissions(&feats);
    outside_at_sentence_ends(chars, &tokens, &mut em);
    let tags = model().decode_emissions(&em);
    let mut spans = spans_from_tags(chars, &tokens, &tags);
    for s in spans.iter_mut() {
        for p in ["'s", "’s", "'", "’"] {
            if let Some(stem) = s.text.strip_suffix(p) {
                s.end -= p.chars().count();
                s.text = stem.to_string();
                break;
            }
        }
    }
    for s in spans.iter_mut() {
        strip_leading(chars, &tokens, s);
    }
    rules(chars, &tokens, &mut spans);
    let headline = title_case(chars, &tokens);
    capitalised_runs(chars, &tokens, &em, headline, &mut spans);
    spans.retain(|s| !direction_adjective(chars, &tokens, s));
    if headline {
        // Capitals say nothing in a title-case headline: a span whose words are all common
        // words (`Disarmament Approach`, `High-Level`) is the headline's style, not a name,
        // unless the gazetteer knows it.
        let g = gazetteer::shipped();
        spans.retain(|s| {
            g.en_kind(&s.text).is_some()
                || s.text
                    .split(|c: char| c.is_whitespace() || c == '-')
                    .any(|w| !w.is_empty() && !common_word(w))
        });
    }
    spans.retain(|s| {
        !COMMON.contains(&s.text.as_str())
            && !LEADING.contains(&s.text.as_str())
            && s.text.chars().any(char::is_alphabetic)
    });
    spans.sort_by_key(|s| s.start);
    spans
}

/// A name never runs across the end of a sentence (`… met Tom Sullivan. Sullivan said`, `He met
/// Kim. Lee arrived`): a period of its own, unless it closes an initial or an abbreviation
/// (`J. Smith`, `Mr. Kim`, `Samsung Co. Ltd`), and a question mark are outside every name.
fn outside_at_sentence_ends(
    chars: &[char],
    tokens: &[(usize, usize)],
    em: &mut [[f32; super::perceptron::TAGS]],
) {
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr",
        "Adm", "Gov", "Sen", "Rep", "Prof", "Rev", "Mt", "Ft", "Inc", "Co", "Corp", "Ltd", "Bros",
        "No", "vs",
    ];
    for (k, &(a, b)) in tokens.iter().enumerate() {
        let ends = match &chars[a..b] {
            ['?'] => true,
            ['.'] => {
                !(k > 0 && tokens[k - 1].1 == a && {
                    let word = &chars[tokens[k - 1].0..a];
                    let initial = word.len() == 1 && word[0].is_uppercase();
                    initial
                        || ABBREVIATIONS
                            .iter()
                            .any(|x| x.chars().eq(word.iter().copied()))
                })
            }
            _ => false,
        };
        if ends && let Some(row) = em.get_mut(k) {
            // Tag 0 is outside; the rest begin or continue a name.
            for score in row.iter_mut().skip(1) {
                *score = -1e9;
            }
        }
    }
}

/// `Western` in `Western and Asian diplomats`, `Northern` in `Northern provinces`: an adjective
/// of direction before a lower-case word is no name (`Southern Theater Command` is).
fn direction_adjective(chars: &[char], tokens: &[(usize, usize)], s: &Span) -> bool {
    const DIRECTIONS: [&str; 4] = ["Western", "Eastern", "Northern", "Southern"];
    if !DIRECTIONS.contains(&s.text.as_str()) {
        return false;
    }
    let next = tokens.iter().find(|t| t.0 >= s.end);
    next.is_some_and(|&(a, b)| {
        let w: String = chars[a..b].iter().collect();
        w.starts_with(|c: char| c.is_lowercase())
    })
}

/// Words that start a capitalised run without being part of the name.
const LEADING: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "President",
    "Minister",
    "Prime",
    "Secretary",
    "General",
    "Gen",
    "Senator",
    "Sen",
    "Rep",
    "Governor",
    "Gov",
    "Mayor",
    "Judge",
    "Chairman",
    "Vice",
    "Deputy",
    "Foreign",
    "Defense",
    "Defence",
    "Chief",
    "Former",
    "Sir",
    "Lord",
    "Lady",
    "Saint",
    "Captain",
    "Capt",
    "Colonel",
    "Col",
    "Lt",
    "Sgt",
    "Pope",
    "Chancellor",
    "Premier",
    "Ambassador",
    "Adviser",
    "Advisor",
    "Spokesman",
    "Spokeswoman",
    "Commander",
    "Admiral",
    "Professor",
    "Director",
    "Emperor",
    "Empress",
    "Archbishop",
    "Bishop",
    "Father",
    "Brother",
    "Sister",
    "Uncle",
    "Aunt",
];

/// Titles before a name are not the name (`Vice Chairman Zhang Youxia` → `Zhang Youxia`).
fn strip_leading(chars: &[char], tokens: &[(usize, usize)], s: &mut Span) {
    if s.kind != EntityKind::Person {
        return;
    }
    let inside: Vec<&(usize, usize)> = tokens
        .iter()
        .filter(|(a, b)| *a >= s.start && *b <= s.end)
        .collect();
    let mut k = 0;
    while k + 1 < inside.len() {
        let w: String = chars[inside[k].0..inside[k].1].iter().collect();
        if !LEADING.contains(&w.trim_end_matches('.')) && w != "." {
            break;
        }
        k += 1;
    }
    if k > 0 {
        s.start = inside[k].0;
        s.text = chars[s.start..s.end].iter().collect();
    }
}

/// A word of the language rather than a name: one the lower-case vocabulary knows (or its
/// stem before a plural or third-person `s`: `Blocks`, `Opposes`, `References`), or one with a
/// suffix that makes common nouns (`disarmament`, `negotiation`, `readiness`).
fn common_word(w: &str) -> bool {
    const NOUN_SUFFIXES: [&str; 8] = [
        "ment", "tion", "sion", "ness", "ship", "ism", "ance", "ence",
    ];
    let w = w.to_lowercase();
    let known = |w: &str| super::features::is_lower_word(w);
    let noun = |w: &str| w.chars().count() >= 7 && NOUN_SUFFIXES.iter().any(|x| w.ends_with(x));
    known(&w)
        || noun(&w)
        || ["es", "s"].iter().any(|x| {
            w.strip_suffix(x)
                .is_some_and(|stem| stem.len() >= 3 && (known(stem) || noun(stem)))
        })
}

/// Is this text a headline in Title Case, where capitals are the style and no sign of a name?
/// Stricter than [`title_case`]: every word of four letters or more is capitalised but the
/// prepositions Title Case leaves low (`White House adviser Jake Sullivan met …` is a sentence
/// that names many people, not a headline).
pub fn is_headline(chars: &[char]) -> bool {
    const LOW: [&str; 10] = [
        "with", "from", "into", "over", "than", "upon", "amid", "onto", "about", "after",
    ];
    let tokens = english_tokens(chars);
    title_case(chars, &tokens)
        && tokens.iter().all(|(s, e)| {
            let w: String = chars[*s..*e].iter().collect();
            w.chars().count() < 4
                || !w.starts_with(|c: char| c.is_lowercase())
                || LOW.contains(&w.as_str())
        })
}

/// A headline in title case (`US-China First High-Level Military Talks`): capitals say
/// nothing there.
fn title_case(chars: &[char], tokens: &[(usize, usize)]) -> bool {
    let words: Vec<String> = tokens
        .iter()
        .map(|(s, e)| chars[*s..*e].iter().collect::<String>())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    let caps = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    words.len() >= 3 && caps * 10 >= words.len() * 7
}

/// Capitalised words the model left alone: a name when not a sentence-start common word (in a
/// title-case headline: when not a common word at all).
/// Their kind is the one the model scores highest over them.
fn capitalised_runs(
    chars: &[char],
    tokens: &[(usize, usize)],
    em: &[[f32; super::perceptron::TAGS]],
    headline: bool,
    spans: &mut Vec<Span>,
) {
    use super::features::is_lower_word;
    let words: Vec<String> = tokens
        .iter()
        .map(|(s, e)| chars[*s..*e].iter().collect())
        .collect();
    let n = tokens.len();
    let starts: Vec<bool> = (0..n)
        .map(|i| {
            i == 0
                || matches!(
                    words[i - 1].as_str(),
                    "." | "!"
                        | "?"
                        | ":"
                        | ";"
                        | "\""
                        | "“"
                        | "'"
                        | "‘"
                        | "("
                        | "-"
                        | "–"
                        | "—"
                        | "["
                        | "…"
                )
        })
        .collect();
    // In a title-case headline only words the lower-case vocabulary doesn't know count.
    let cap = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase())
            && w.chars().any(char::is_lowercase)
            && !COMMON.contains(&w)
            && !(headline && is_lower_word(&w.to_lowercase()))
    };
    let acronym = |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    let mut i = 0;
    while i < n {
        if !(cap(&words[i]) || acronym(&words[i]))
            || LEADING.contains(&words[i].trim_end_matches('.'))
        {
            i += 1;
            continue;
        }
        let s = i;
        while i < n
            && (cap(&words[i]) || acronym(&words[i]))
            && !LEADING.contains(&words[i].as_str())
        {
            i += 1;
        }
        let e = i;
        let (cs, ce) = (tokens[s].0, tokens[e - 1].1);
        if spans.iter().any(|x| x.start < ce && cs < x.end) {
            continue;
        }
        let lower = words[s].to_lowercase();
        let common_start = starts[s] && is_lower_word(&lower);
        if common_start && e - s == 1 {
            continue;
        }
        let s = if common_start { s + 1 } else { s };
        let cs = tokens[s].0;
        // A lone capitalised word that the lower-case vocabulary knows (`Sea`, `Empire`) and
        // the model gives no kind: not a name.
        let mut best = (f32::NEG_INFINITY, EntityKind::Person);
        for k in EntityKind::ALL {
            let b = usize::from(super::perceptron::tag_begin(k));
            let inside = usize::from(super::perceptron::tag_inside(k));
            let sc: f32 = (s..e)
                .map(|t| if t == s { em[t][b] } else { em[t][inside] } - em[t][0])
                .sum();
            if sc > best.0 {
                best = (sc, k);
            }
        }
        if e - s == 1 && is_lower_word(&words[s].to_lowercase()) {
            continue;
        }
        // A people's adjective before a noun (`Danish army`, `Roman law`): not a name here.
        let last = words[e - 1].to_lowercase();
        let next_lower = words
            .get(e)
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()) && is_lower_word(w));
        if e - s == 1
            && ["ian", "ish", "ese", "ic", "ean", "ans", "ians"]
                .iter()
                .any(|x| last.ends_with(x))
            && (next_lower || last.ends_with('s'))
        {
            continue;
        }
        let mut text: String = chars[cs..ce].iter().collect();
        let mut ce = ce;
        for p in ["'s", "’s"] {
            if let Some(stem) = text.strip_suffix(p) {
                ce -= p.chars().count();
                text = stem.to_string();
            }
        }
        spans.push(Span {
            start: cs,
            end: ce,
            kind: best.1,
            text,
        });
    }
}

fn rules(chars: &[char], tokens: &[(usize, usize)], spans: &mut Vec<Span>) {
    let g = gazetteer::shipped();
    let words: Vec<String> = tokens
        .iter()
        .map(|(s, e)| chars[*s..*e].iter().collect())
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        let upper = words[i].starts_with(|c: char| c.is_uppercase());
        if !upper {
            i += 1;
            continue;
        }
        let mut hit = None;
        for len in (1..=g.max_en_words.min(4).min(tokens.len() - i)).rev() {
            let cand = words[i..i + len].join(" ");
            if let Some(k) = g.en_kind(&cand) {
                hit = Some((len, k));
                break;
            }
        }
        if let Some((len, kind)) = hit {
            let (s, e) = (tokens[i].0, tokens[i + len - 1].1);
            if !spans.iter().any(|x| x.start < e && s < x.end) {
                spans.push(Span {
                    start: s,
                    end: e,
                    kind,
                    text: chars[s..e].iter().collect(),
                });
            }
            i += len;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessive_and_gazetteer() {
        let chars: Vec<char> = "However, China's envoy met Jake Sullivan in Moscow."
            .chars()
            .collect();
        let spans = find(&chars);
        let t: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
        assert!(t.contains(&"China"), "{t:?}");
        assert!(t.contains(&"Moscow"), "{t:?}");
        assert!(!t.contains(&"However"), "{t:?}");
    }

    #[test]
    fn names_end_at_a_sentence_end_but_not_at_an_initial_or_title() {
        let text = "Jake Sullivan met Tom Sullivan. Sullivan said so. He met Kim. Lee Jae-myung \
                    came. J. Smith met Mr. Lee at Samsung Electronics Co. Ltd. on Monday.";
        let chars: Vec<char> = text.chars().collect();
        let t: Vec<String> = find(&chars).into_iter().map(|s| s.text).collect();
        for name in [
            "Tom Sullivan",
            "Sullivan",
            "Kim",
            "Lee Jae-myung",
            "J. Smith",
        ] {
            assert!(t.iter().any(|x| x == name), "{name} in {t:?}");
        }
        assert!(
            t.iter()
                .any(|x| x.starts_with("Samsung Electronics Co. Ltd")),
            "{t:?}"
        );
        for across in ["Sullivan. Sullivan", "Kim. Lee", "so. He"] {
            assert!(!t.iter().any(|x| x.contains(across)), "{across} in {t:?}");
        }
    }

    #[test]
    fn directions_before_a_noun_are_adjectives() {
        let chars: Vec<char> = "He is said by Western and Asian diplomats to be powerful."
            .chars()
            .collect();
        let t: Vec<String> = find(&chars).into_iter().map(|s| s.text).collect();
        assert!(!t.iter().any(|x| x == "Western"), "{t:?}");
        // Before a capitalised word it may start a name.
        let chars: Vec<char> = "the Southern Theater Command".chars().collect();
        let tokens = english_tokens(&chars);
        let southern = Span {
            start: 4,
            end: 12,
            kind: EntityKind::Org,
            text: "Southern".into(),
        };
        assert!(!direction_adjective(&chars, &tokens, &southern));
    }

    #[test]
    fn a_title_case_headline_keeps_names_not_its_capitalised_common_words() {
        let texts = [
            "US-China First High-Level Military Talks, Nuclear Disarmament Talks Begin",
            "White House Says Biden Will Meet Xi Jinping In San Francisco",
        ];
        let found: Vec<String> = texts
            .iter()
            .flat_map(|t| find(&t.chars().collect::<Vec<_>>()))
            .map(|s| s.text)
            .collect();
        for name in ["White House", "Biden", "San Francisco"] {
            assert!(found.iter().any(|t| t == name), "{name}: {found:?}");
        }
        for style in [
            "High-Level",
            "Nuclear Disarmament",
            "Disarmament",
            "Military Talks",
        ] {
            assert!(!found.iter().any(|t| t == style), "{style}: {found:?}");
        }
    }
}

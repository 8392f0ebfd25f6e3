//! Features for the perceptron: per character for Korean (the character, its neighbours, its
//! place in the word, what follows it in the word — particles —, the next word — titles —,
//! gazetteer and surname cues), per word for English (the word, its shape, affixes, its
//! neighbours, capitalisation at a sentence start, gazetteer and title cues). Features are
//! 64-bit hashes of a template number and its characters.
//!
//! `korean` holds the Korean features and the word lists they read (particles, surnames,
//! titles, organisation endings), `english` the English ones; here the hashing, the training
//! format and the tags both share.

mod english;
mod korean;

use serde::Deserialize;

use super::perceptron::{tag_begin, tag_inside};
use super::{EntityKind, Span};
use crate::text::hangul;

pub use english::{
    EN_LOWER_OVERRIDE, english_features, english_tokens, is_lower_word, lower_vocabulary,
};
pub use korean::{ORG_SUFFIXES, SURNAMES, TITLES, is_particle, korean_features, particles};

/// One annotated training sentence (the `train/*.jsonl` format): offsets in characters.
#[derive(Debug, Clone, Deserialize)]
pub struct Sentence {
    pub text: String,
    pub entities: Vec<GoldSpan>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
}

/// FNV-1a over the template number and the characters, then a final mix.
struct H(u64);

impl H {
    fn new(template: u8) -> H {
        let mut h = H(0xcbf2_9ce4_8422_2325);
        h.byte(template);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    fn char(&mut self, c: char) -> &mut H {
        for b in (c as u32).to_le_bytes() {
            self.byte(b);
        }
        self
    }
    fn str(&mut self, s: &str) -> &mut H {
        for c in s.chars() {
            self.char(c);
        }
        self.char('\u{1}')
    }
    fn done(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
}

fn f(template: u8, cs: &[char]) -> u64 {
    let mut h = H::new(template);
    for c in cs {
        h.char(*c);
    }
    h.done()
}

/// A coarse class of a character.
fn class(c: char) -> char {
    match c {
        c if hangul::is_syllable(c) => 'H',
        'A'..='Z' => 'A',
        'a'..='z' => 'a',
        '0'..='9' => '9',
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' => 'C',
        c if c.is_whitespace() => '_',
        c if c.is_alphabetic() => 'L',
        '(' | ')' | '[' | ']' => '(',
        '\'' | '"' | '‘' | '’' | '“' | '”' => 'q',
        _ => '.',
    }
}

/// `char::is_alphanumeric`, quick for Hangul syllables and ASCII.
fn alnum(c: char) -> bool {
    hangul::is_syllable(c) || c.is_ascii_alphanumeric() || c.is_alphanumeric()
}

/// Gold tags of a sentence for the given positions (characters or tokens).
pub fn gold_tags(sentence: &Sentence, positions: &[(usize, usize)]) -> Vec<u8> {
    let mut tags = vec![0u8; positions.len()];
    for e in &sentence.entities {
        let Some(kind) = EntityKind::from_name(&e.kind) else {
            continue;
        };
        let mut first = true;
        for (k, (s, t)) in positions.iter().enumerate() {
            if *s >= e.start && *t <= e.end {
                tags[k] = if first {
                    tag_begin(kind)
                } else {
                    tag_inside(kind)
                };
                first = false;
            }
        }
    }
    tags
}

/// Spans from tags over positions (characters or tokens).
pub fn spans_from_tags(chars: &[char], positions: &[(usize, usize)], tags: &[u8]) -> Vec<Span> {
    use super::perceptron::tag_kind;
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize, EntityKind)> = None;
    let close = |cur: &mut Option<(usize, usize, EntityKind)>, out: &mut Vec<Span>| {
        if let Some((s, e, kind)) = cur.take() {
            // Never end or start on a space.
            let mut s2 = s;
            let mut e2 = e;
            while s2 < e2 && chars[s2].is_whitespace() {
                s2 += 1;
            }
            while e2 > s2 && chars[e2 - 1].is_whitespace() {
                e2 -= 1;
            }
            if e2 > s2 {
                out.push(Span {
                    start: s2,
                    end: e2,
                    kind,
                    text: chars[s2..e2].iter().collect(),
                });
            }
        }
    };
    for (k, (s, e)) in positions.iter().enumerate() {
        let t = tags[k];
        match tag_kind(t) {
            None => close(&mut cur, &mut out),
            Some(kind) => {
                let begins = t % 2 == 1;
                match &mut cur {
                    Some((_, end, ck)) if !begins && *ck == kind => *end = *e,
                    _ => {
                        close(&mut cur, &mut out);
                        cur = Some((*s, *e, kind));
                    }
                }
            }
        }
    }
    close(&mut cur, &mut out);
    out
}

//! Korean particles (조사) and the few bound nouns that follow a noun inside one word (어절):
//! `북한과`, `미국의`, `중국에서는`, `미측`. One table, longest form first, each row with the
//! properties the stages that read it need:
//!
//! - [`Particle::model`]: the entity stage's list: the Korean NER model's features were
//!   trained with exactly these (`examples/train_entities.rs`), and its rules strip them
//!   from names;
//! - [`Particle::short_word`]: frequent enough after a one-syllable noun to vouch for it: the
//!   aligner's lexicon counts `미`, `북`, `중`, `일` only before one of these (`미 정부`, `북은`,
//!   `한미간`), since a one-syllable word before a rarer ending is more often part of another word.
//!
//! [`strip`] and [`is_particle`] look at every row, for code that wants a word's stem.

/// One particle or bound noun, as it is written after a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Particle {
    pub form: &'static str,
    /// In the entity stage's list (its model was trained with it).
    pub model: bool,
    /// Vouches for a one-syllable noun before it (the aligner's lexicon).
    pub short_word: bool,
}

const fn both(form: &'static str) -> Particle {
    Particle {
        form,
        model: true,
        short_word: true,
    }
}

const fn model(form: &'static str) -> Particle {
    Particle {
        form,
        model: true,
        short_word: false,
    }
}

const fn short_word(form: &'static str) -> Particle {
    Particle {
        form,
        model: false,
        short_word: true,
    }
}

/// Every row, longest form first: a suffix search that stops at the first hit finds the longest.
pub const PARTICLES: &[Particle] = &[
    model("에서부터"),
    model("으로부터"),
    model("에게서는"),
    model("으로서는"),
    model("이라는"),
    model("에서는"),
    model("에서도"),
    model("에서의"),
    model("에게는"),
    model("에게도"),
    both("으로는"),
    model("으로의"),
    both("와의"),
    both("과의"),
    both("에서"),
    both("에게"),
    model("께서"),
    both("으로"),
    model("보다"),
    model("처럼"),
    model("까지"),
    model("부터"),
    model("마저"),
    model("조차"),
    model("이나"),
    model("이며"),
    model("이고"),
    model("이다"),
    model("이라"),
    both("에는"),
    model("에도"),
    model("에의"),
    model("와는"),
    model("과는"),
    model("만의"),
    model("측은"),
    model("측이"),
    model("측의"),
    // 로 + 는 after a vowel (`서울로는`).
    short_word("로는"),
    // The bound noun "side": `미측`, `북측은`.
    both("측"),
    both("은"),
    both("는"),
    both("이"),
    both("가"),
    both("을"),
    both("를"),
    both("의"),
    both("에"),
    both("와"),
    both("과"),
    both("도"),
    both("로"),
    both("만"),
    model("나"),
    // The bound noun "between" (`한미간`); names end in it too (`미시간`), so not the model's.
    short_word("간"),
];

/// The entity stage's particles, longest first.
pub fn model_forms() -> impl Iterator<Item = &'static str> + Clone {
    PARTICLES.iter().filter(|p| p.model).map(|p| p.form)
}

/// Is `rest` (what follows a one-syllable noun in its word) a particle that vouches for it?
pub fn vouches_for_short_word(rest: &str) -> bool {
    PARTICLES.iter().any(|p| p.short_word && p.form == rest)
}

/// Is `s` one of the table's particles or bound nouns?
pub fn is_particle(s: &str) -> bool {
    PARTICLES.iter().any(|p| p.form == s)
}

/// A word split into its stem and the longest particle it ends in, when at least `min_stem`
/// characters stay (`중국에서는`, 1 → `중국` + `에서는`); `None` when it ends in none.
pub fn strip(word: &str, min_stem: usize) -> Option<(&str, &'static str)> {
    PARTICLES.iter().find_map(|p| {
        let stem = word.strip_suffix(p.form)?;
        (stem.chars().count() >= min_stem).then_some((stem, p.form))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_first() {
        let lens: Vec<usize> = PARTICLES.iter().map(|p| p.form.chars().count()).collect();
        assert!(lens.windows(2).all(|w| w[0] >= w[1]), "{lens:?}");
    }

    #[test]
    fn stems_and_short_words() {
        assert_eq!(strip("중국에서는", 1), Some(("중국", "에서는")));
        assert_eq!(strip("북한과", 2), Some(("북한", "과")));
        assert_eq!(strip("북한", 2), None);
        assert_eq!(strip("과", 1), None);
        assert!(vouches_for_short_word("측") && vouches_for_short_word("간"));
        assert!(!vouches_for_short_word("까지") && !vouches_for_short_word(""));
        assert!(model_forms().any(|p| p == "까지") && !model_forms().any(|p| p == "간"));
        assert!(is_particle("로는") && !is_particle("정부"));
    }
}

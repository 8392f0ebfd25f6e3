//! Verify a candidate pair with the aligner itself. Two articles on the same story share
//! names, numbers and vocabulary anywhere in the text; a translation shares them bead by bead,
//! in order. So the test is a contrast: the anchor similarity of the beads the aligner chose,
//! against the similarity of the same sentences paired off the diagonal (bead `t`'s Korean
//! against bead `t + shift`'s English). A related story scores about as well off the diagonal
//! as on it; a translation scores far better on it.

use super::evidence::is_page_line;
use crate::align::anchors::{self, Features, Interner};
use crate::align::cost::{intersect, length_cost};
use crate::align::{self, lexicon};
use crate::model::{Article, Bitext};

/// Anchors added to the Dice denominator (see `judge`).
const ANCHOR_DOUBT: f64 = 4.0;

/// What the aligner says about one candidate pair.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Verdict {
    /// Dice similarity of the anchors of the aligned beads (0..1).
    pub on: f64,
    /// The same, for the sentences paired off the diagonal.
    pub off: f64,
    /// Share of all sentences (by characters) in two-sided beads.
    pub coverage: f64,
    /// Mean Gale-Church length cost of the two-sided beads.
    pub length: f64,
    /// Two-sided beads.
    pub beads: usize,
}

impl Verdict {
    /// How much better the diagonal is than chance pairing of the same sentences.
    pub fn contrast(&self) -> f64 {
        self.on - self.off
    }
}

/// Align `ko` with `en` as `align::align_two` does (its sides, anchors, cost and dynamic
/// programme) and judge the beads. The anchors are computed once and serve both the aligner
/// and the judgement; the display pairs are never built.
pub fn verify(ko: &Article, en: &Article) -> Verdict {
    let sides = align::sides::from_two(ko, en);
    let (mut ko_f, mut en_f) = align::sentence_features(&sides.ko, &sides.en);
    let path = align::dp::align(&ko_f, &en_f, align::Params::default());
    let beads: Vec<(Vec<usize>, Vec<usize>)> = path
        .into_iter()
        .map(|(i, a, j, b)| ((i..i + a).collect(), (j..j + b).collect()))
        .collect();
    // The aligner may pair two editions' outlet-and-date lines; the judgement does not count
    // them (one outlet's articles of one day all share theirs).
    for (features, side) in [(&mut ko_f, &sides.ko), (&mut en_f, &sides.en)] {
        for (f, s) in features.iter_mut().zip(&side.sentences) {
            if is_page_line(&s.text) {
                *f = Features::default();
            }
        }
    }
    judge(&ko_f, &en_f, &beads)
}

/// Judge an alignment already made (e.g. the reader's), from its sentences and beads.
pub fn judge_bitext(b: &Bitext) -> Verdict {
    let lex = lexicon::shipped();
    let mut interner = Interner::default();
    let ko: Vec<Features> = b
        .ko_sentences
        .iter()
        .map(|s| anchors::korean(&s.text, lex, &mut interner))
        .collect();
    let en: Vec<Features> = b
        .en_sentences
        .iter()
        .map(|s| anchors::english(&s.text, lex, &mut interner))
        .collect();
    let beads: Vec<(Vec<usize>, Vec<usize>)> =
        b.beads.iter().map(|x| (x.0.clone(), x.1.clone())).collect();
    judge(&ko, &en, &beads)
}

/// Judge beads over the sentences' anchors.
fn judge(ko: &[Features], en: &[Features], beads: &[(Vec<usize>, Vec<usize>)]) -> Verdict {
    // Two-sided beads with text on both sides (a sentence judged not to count has none).
    let has_text = |fs: &[Features], ix: &[usize]| {
        ix.iter().any(|&i| fs.get(i).is_some_and(|f| f.chars > 0.0))
    };
    let two: Vec<(&[usize], &[usize])> = beads
        .iter()
        .filter(|x| has_text(ko, &x.0) && has_text(en, &x.1))
        .map(|x| (x.0.as_slice(), x.1.as_slice()))
        .collect();
    let total_chars: f64 = ko.iter().chain(en.iter()).map(|f| f.chars).sum();
    if two.is_empty() || total_chars <= 0.0 {
        return Verdict::default();
    }
    let pair_sim = |ks: &[usize], es: &[usize]| -> (f64, f64) {
        let mut shared = 0.0;
        let mut weight = 0.0;
        for &i in ks {
            weight += ko.get(i).map_or(0.0, |f| f.weight);
        }
        for &j in es {
            weight += en.get(j).map_or(0.0, |f| f.weight);
        }
        for &i in ks {
            for &j in es {
                if let (Some(a), Some(c)) = (ko.get(i), en.get(j)) {
                    shared += intersect(&a.items, &c.items) as f64;
                }
            }
        }
        (shared, weight)
    };
    // Dice, with a few anchors' worth of doubt in the denominator: two captions that share
    // their one name are not shown to be a translation by it (a Dice of 1), while texts of
    // dozens of anchors hardly notice.
    let dice = |pairs: &mut dyn Iterator<Item = (f64, f64)>| {
        let (s, w) = pairs.fold((0.0, 0.0), |acc, x| (acc.0 + x.0, acc.1 + x.1));
        if w > 0.0 {
            (2.0 * s / (w + ANCHOR_DOUBT)).min(1.0)
        } else {
            0.0
        }
    };
    let on = dice(&mut two.iter().map(|&(k, e)| pair_sim(k, e)));
    let n = two.len();
    let off = if n < 2 {
        // One bead: nothing to contrast with; use the whole-document pairing as chance.
        0.0
    } else {
        let shifts: Vec<usize> = [n / 3, n / 2, 2 * n / 3]
            .into_iter()
            .map(|s| s.clamp(1, n - 1))
            .collect();
        let mut sum = 0.0;
        for &s in &shifts {
            sum += dice(&mut (0..n).map(|t| pair_sim(two[t].0, two[(t + s) % n].1)));
        }
        sum / shifts.len() as f64
    };
    let mut covered = 0.0;
    let mut length = 0.0;
    let ratio = align::Params::default().ratio;
    let variance = align::Params::default().variance;
    for &(ks, es) in &two {
        let lk: f64 = ks.iter().filter_map(|&i| ko.get(i)).map(|f| f.chars).sum();
        let le: f64 = es.iter().filter_map(|&j| en.get(j)).map(|f| f.chars).sum();
        covered += lk + le;
        length += length_cost(lk, le, ratio, variance);
    }
    Verdict {
        on,
        off,
        coverage: covered / total_chars,
        length: length / n as f64,
        beads: n,
    }
}

//! The cost of one bead: how unlikely it is that these Korean sentences translate these English
//! sentences. Three terms, all per bead:
//!
//! - a prior on the bead's shape (1-1 cheapest, then 2-1/1-2, 2-2, 3-1/1-3);
//! - length, after Gale & Church: English characters against Korean characters, with the ratio
//!   and variance measured on real Korean-English news (see [`Params`]);
//! - shared anchors (see `anchors`): one minus a Dice similarity of the two sides' anchor
//!   multisets, weighted by the bead's size so merging unrelated sentences is never free.
//!
//! A null bead (one side only) costs a flat penalty, lowered for sentences that look like
//! one-sided boilerplate (bylines, related links, credits).

use super::anchors::Features;

/// Calibration of the cost. The length figures were measured on Korean-English news with gold
/// alignment: English has 2.03 characters per Korean character (spaces included; Korean length
/// as `anchors::korean_length` counts it), with a variance of about 8 characters² per Korean
/// character; the model uses 12, wider, because short sentences (titles, quotes) vary more than
/// the average. (Counting every Korean character alike gives 1.94 and a variance of 11.)
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// English characters per Korean character.
    pub ratio: f64,
    /// Variance of the English length per Korean character.
    pub variance: f64,
    /// Weight of the length term.
    pub length: f64,
    /// Weight of the anchor term.
    pub lexical: f64,
    /// Prior of 2-1 and 1-2 beads.
    pub merge2: f64,
    /// Prior of 2-2 beads.
    pub merge22: f64,
    /// Prior of 3-1 and 1-3 beads.
    pub merge3: f64,
    /// Cost of leaving one sentence unaligned.
    pub null: f64,
    /// How much cheaper a sentence that looks like boilerplate is to leave unaligned.
    pub null_boilerplate: f64,
    /// Penalty for a bead whose sides play different roles (a title against body text).
    pub role: f64,
    /// Penalty for a bead that is a question on one side only.
    pub question: f64,
    /// Penalty for a bead whose sides open or close different quotations.
    pub quote: f64,
    /// Weight of the joint evidence of a split or merge bead (see `split_evidence`).
    pub split: f64,
    /// Korean characters a translator adds by cutting one sentence in two (English: as many
    /// times `ratio`).
    pub boundary: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            ratio: 2.03,
            variance: 12.0,
            length: 1.0,
            lexical: 6.0,
            merge2: 5.0,
            merge22: 12.0,
            merge3: 8.0,
            null: 10.0,
            null_boilerplate: 6.0,
            role: 2.0,
            question: 1.7,
            quote: 1.3,
            split: 1.0,
            boundary: 3.7,
        }
    }
}

/// The shared-anchor counts of nearby sentence pairs, computed once per alignment.
pub struct Scorer<'a> {
    pub ko: &'a [Features],
    pub en: &'a [Features],
    pub params: Params,
    /// For Korean sentence `i`, shared anchors with English `lo[i] + k` at `rows[i][k]`.
    lo: Vec<usize>,
    rows: Vec<Vec<u16>>,
    ko_sums: Sums,
    en_sums: Sums,
    ko_shape: Vec<u8>,
    en_shape: Vec<u8>,
    table: LengthTable,
}

/// A sentence's [`Shape`](super::shape::Shape) and role (`Features::tag`, one bit each from
/// bit 3) as bits, for the DP's inner loop.
const QUESTION: u8 = 1;
const JOINT: u8 = 2;
const CONTINUES: u8 = 4;
const ROLES: u8 = 0b0111_1000;

fn shape_bits(f: &[Features]) -> Vec<u8> {
    f.iter()
        .map(|x| {
            let s = x.shape;
            let mut bits = 8u8 << x.tag.min(3);
            for (on, bit) in [
                (s.question, QUESTION),
                (s.joint, JOINT),
                (s.continues, CONTINUES),
            ] {
                if on {
                    bits |= bit;
                }
            }
            bits
        })
        .collect()
}

/// Prefix sums of the per-sentence figures, so a bead's totals cost O(1).
struct Sums {
    chars: Vec<f64>,
    weight: Vec<f64>,
    one_sided: Vec<f64>,
    quotes: Vec<f64>,
}

impl Sums {
    fn new(f: &[Features]) -> Sums {
        let scan = |get: &dyn Fn(&Features) -> f64| {
            let mut acc = 0.0;
            std::iter::once(0.0)
                .chain(f.iter().map(|x| {
                    acc += get(x);
                    acc
                }))
                .collect::<Vec<f64>>()
        };
        Sums {
            chars: scan(&|x| x.chars),
            weight: scan(&|x| x.weight),
            one_sided: scan(&|x| x.one_sided),
            quotes: scan(&|x| f64::from(x.shape.quotes)),
        }
    }

    fn range(v: &[f64], i: usize, n: usize) -> f64 {
        v[i + n] - v[i]
    }
}

/// The length cost as a function of |δ|, tabulated (the DP asks for it millions of times).
struct LengthTable {
    values: Vec<f64>,
}

const TABLE_STEP: f64 = 1.0 / 64.0;
const TABLE_MAX: f64 = 12.0;

impl LengthTable {
    fn new() -> LengthTable {
        let n = (TABLE_MAX / TABLE_STEP) as usize + 2;
        LengthTable {
            values: (0..n).map(|k| tail_cost(k as f64 * TABLE_STEP)).collect(),
        }
    }

    fn get(&self, delta: f64) -> f64 {
        let d = delta.abs();
        if d >= TABLE_MAX {
            return tail_cost(d);
        }
        let x = d / TABLE_STEP;
        let k = x as usize;
        let f = x - k as f64;
        self.values[k] * (1.0 - f) + self.values[k + 1] * f
    }
}

impl<'a> Scorer<'a> {
    /// `window(i)` gives the English range the DP may pair with Korean sentence `i`.
    pub fn new(
        ko: &'a [Features],
        en: &'a [Features],
        params: Params,
        window: impl Fn(usize) -> (usize, usize),
    ) -> Self {
        let mut lo = Vec::with_capacity(ko.len());
        let mut rows = Vec::with_capacity(ko.len());
        for (i, k) in ko.iter().enumerate() {
            let (a, b) = window(i);
            let a = a.saturating_sub(4);
            let b = (b + 4).min(en.len());
            lo.push(a);
            rows.push(
                (a..b)
                    .map(|j| intersect(&k.items, &en[j].items).min(u16::MAX as usize) as u16)
                    .collect(),
            );
        }
        Scorer {
            ko,
            en,
            params,
            lo,
            rows,
            ko_sums: Sums::new(ko),
            en_sums: Sums::new(en),
            ko_shape: shape_bits(ko),
            en_shape: shape_bits(en),
            table: LengthTable::new(),
        }
    }

    fn shared(&self, i: usize, j: usize) -> f64 {
        let lo = self.lo[i];
        if j < lo {
            return 0.0;
        }
        self.rows[i].get(j - lo).map_or(0.0, |&n| f64::from(n))
    }

    /// The cost of the bead Korean `i..i+a` ⟷ English `j..j+b`.
    pub fn bead(&self, i: usize, a: usize, j: usize, b: usize) -> f64 {
        let p = &self.params;
        if a == 0 || b == 0 {
            let (sums, start, n) = if a == 0 {
                (&self.en_sums, j, b)
            } else {
                (&self.ko_sums, i, a)
            };
            return n as f64 * p.null - p.null_boilerplate * Sums::range(&sums.one_sided, start, n);
        }
        let prior = match (a, b) {
            (1, 1) => 0.0,
            (2, 1) | (1, 2) => p.merge2,
            (2, 2) => p.merge22,
            _ => p.merge3,
        };
        // A sentence boundary adds characters of its own (an ending, a repeated subject).
        let lk = Sums::range(&self.ko_sums.chars, i, a) - p.boundary * (a - 1) as f64;
        let le = Sums::range(&self.en_sums.chars, j, b) - p.boundary * p.ratio * (b - 1) as f64;
        let length = self.table.get(delta(lk, le, p.ratio, p.variance));
        let mut shared = 0.0;
        for ii in i..i + a {
            for jj in j..j + b {
                shared += self.shared(ii, jj);
            }
        }
        let weight =
            Sums::range(&self.ko_sums.weight, i, a) + Sums::range(&self.en_sums.weight, j, b);
        let sim = if weight > 0.0 {
            (2.0 * shared / weight).min(1.0)
        } else {
            0.0
        };
        let boiler =
            Sums::range(&self.ko_sums.one_sided, i, a) + Sums::range(&self.en_sums.one_sided, j, b);
        let (ks, es) = (&self.ko_shape[i..i + a], &self.en_shape[j..j + b]);
        let roles = |side: &[u8]| side.iter().fold(0u8, |acc, s| acc | s) & ROLES;
        let role = if roles(ks) == roles(es) { 0.0 } else { p.role };
        let mut shape = 0.0;
        if (ks[a - 1] ^ es[b - 1]) & QUESTION != 0 {
            shape += p.question;
        }
        let quotes =
            Sums::range(&self.ko_sums.quotes, i, a) - Sums::range(&self.en_sums.quotes, j, b);
        if quotes.abs() > 0.5 {
            shape += p.quote;
        }
        if a != b {
            shape += p.split * split_evidence(ks, es);
        }
        prior
            + role
            + shape
            + p.length * length
            + p.lexical * (1.0 - sim) * (a + b) as f64 / 2.0
            + p.null_boilerplate * boiler
    }
}

/// What the sentences' joints say about a split (more Korean sentences than English) or a merge
/// (fewer), as a cost in nats: negative for evidence for it, positive for its absence. The
/// figures are log-likelihood ratios of how often each joint occurs in gold split beads and in
/// gold 1-1 beads, measured on half of the Korean-English news dev set (the other half tests
/// them): an English sentence a Korean translator split has a clause joint 42% of the time,
/// against 21% for one translated whole; the second half of a Korean split opens with a
/// connective 38% of the time, against 12% for any Korean sentence; a Korean sentence that joins
/// two English ones runs on through a clause connective 88% of the time (smoothed), against 61%.
fn split_evidence(ko: &[u8], en: &[u8]) -> f64 {
    const SPLIT_JOINT: (f64, f64) = (-0.69, 0.31);
    const MERGE_JOINT: (f64, f64) = (-0.36, 1.13);
    const OPENS: f64 = -1.17;
    let (whole, parts, (with, without)) = if ko.len() > en.len() {
        (en, ko, SPLIT_JOINT)
    } else {
        (ko, en, MERGE_JOINT)
    };
    let joint = whole.iter().fold(0, |acc, s| acc | s) & JOINT != 0;
    let continues = parts[1..].iter().fold(0, |acc, s| acc | s) & CONTINUES != 0;
    (if joint { with } else { without }) + if continues { OPENS } else { 0.0 }
}

/// Gale & Church's normalised length difference of a bead.
fn delta(lk: f64, le: f64, ratio: f64, variance: f64) -> f64 {
    let mean_len = (lk + le / ratio) / 2.0;
    if mean_len <= 0.0 {
        return 0.0;
    }
    (le - lk * ratio) / (variance * mean_len).sqrt()
}

/// −log of the two-sided tail probability of a standard normal beyond |δ|.
fn tail_cost(delta: f64) -> f64 {
    let tail = 2.0 * (1.0 - normal_cdf(delta.abs()));
    -(tail.max(1e-12)).ln()
}

/// Gale & Church: −log of the two-sided tail probability of the length difference.
pub fn length_cost(lk: f64, le: f64, ratio: f64, variance: f64) -> f64 {
    tail_cost(delta(lk, le, ratio, variance))
}

fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// Complementary error function (Numerical Recipes' Chebyshev fit, error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// Size of the intersection of two sorted multisets.
pub fn intersect(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_cost_prefers_the_expected_ratio() {
        let good = length_cost(50.0, 97.0, 1.94, 11.2);
        let bad = length_cost(50.0, 200.0, 1.94, 11.2);
        assert!(good < 0.1, "{good}");
        assert!(bad > 5.0, "{bad}");
    }

    #[test]
    fn tabulated_length_cost_matches() {
        let t = LengthTable::new();
        for d in [0.0, 0.3, 1.7, 4.2, 11.9, 15.0] {
            assert!((t.get(d) - tail_cost(d)).abs() < 0.01, "{d}");
        }
    }

    #[test]
    fn a_quotation_cut_in_two_is_one_bead() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let ko = s(&[
            "시장은 새 다리가 내년 봄에 문을 연다고 발표했다.",
            "\"우리는 이 다리를 10년 동안 기다렸습니다.",
            "이제 시민들이 강을 건너는 데 드는 시간이 절반으로 줄 것입니다.\"라고 시장은 기자들에게 말했다.",
            "공사비는 모두 3억 달러가 들었다.",
        ]);
        let en = s(&[
            "The mayor announced that the new bridge would open next spring.",
            "\"We have waited ten years for this bridge, and now residents will cross the river in half the time,\" the mayor told reporters.",
            "The construction cost a total of $300 million.",
        ]);
        let beads = crate::align::align_sentences(&ko, &en).beads;
        let got: Vec<(Vec<usize>, Vec<usize>)> = beads.into_iter().map(|b| (b.0, b.1)).collect();
        assert_eq!(
            got,
            vec![
                (vec![0], vec![0]),
                (vec![1, 2], vec![1]),
                (vec![3], vec![2])
            ]
        );
    }

    #[test]
    fn multiset_intersection() {
        assert_eq!(intersect(&[1, 2, 2, 5], &[2, 2, 2, 5, 7]), 3);
        assert_eq!(intersect(&[], &[1]), 0);
    }
}

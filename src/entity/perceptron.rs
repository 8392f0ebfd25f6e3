//! An averaged structured perceptron over hashed features, BIO tags for three entity kinds,
//! first-order Viterbi decoding (Collins 2002). The model ships as a small binary file.
//!
//! Tags: 0 = outside, `1 + 2k` = begins kind `k`, `2 + 2k` = inside kind `k` (kinds in
//! [`EntityKind::ALL`] order).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::EntityKind;

pub const TAGS: usize = 7;
const MAGIC: &[u8; 8] = b"DUETNER1";

/// The tag a position gets: outside, or the beginning or inside of a kind.
pub fn tag_begin(kind: EntityKind) -> u8 {
    1 + 2 * kind_index(kind)
}

pub fn tag_inside(kind: EntityKind) -> u8 {
    2 + 2 * kind_index(kind)
}

fn kind_index(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Org => 2,
    }
}

/// The kind of a non-outside tag.
pub fn tag_kind(tag: u8) -> Option<EntityKind> {
    (tag != 0).then(|| EntityKind::ALL[usize::from((tag - 1) / 2)])
}

fn is_inside(tag: usize) -> bool {
    tag != 0 && tag.is_multiple_of(2)
}

/// `to` may follow `from` (`None` = sentence start): an inside tag only after its own kind.
fn allowed(from: Option<usize>, to: usize) -> bool {
    if !is_inside(to) {
        return true;
    }
    from.is_some_and(|f| f != 0 && (f - 1) / 2 == (to - 1) / 2)
}

/// A multiply-xorshift hasher for feature hashes that are already well mixed.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a duet entity model (bad magic)")]
    Magic,
    #[error("entity model truncated")]
    Truncated,
}

/// The features of each position of a sequence (a character, a word), in one buffer: a text
/// of a thousand characters makes forty thousand features, and one allocation, not a thousand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Features {
    hashes: Vec<u64>,
    /// Where each position's features end in `hashes`.
    ends: Vec<usize>,
}

impl Features {
    pub fn with_capacity(positions: usize, per_position: usize) -> Features {
        Features {
            hashes: Vec::with_capacity(positions * per_position),
            ends: Vec::with_capacity(positions),
        }
    }

    /// The buffer the next position's features are pushed into; [`Features::end_position`]
    /// closes it.
    pub fn current(&mut self) -> &mut Vec<u64> {
        &mut self.hashes
    }

    pub fn end_position(&mut self) {
        self.ends.push(self.hashes.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Each position's features, in order.
    pub fn positions(&self) -> impl Iterator<Item = &[u64]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(s, &e)| &self.hashes[s..e])
    }
}

impl From<Vec<Vec<u64>>> for Features {
    fn from(rows: Vec<Vec<u64>>) -> Features {
        let mut out = Features::default();
        for r in rows {
            out.current().extend(r);
            out.end_position();
        }
        out
    }
}

/// A trained model: feature weights per tag and tag transition weights.
#[derive(Debug, Clone, Default)]
pub struct Model {
    weights: FeatureMap<[f32; TAGS]>,
    /// A model read from a file keeps its weights as stored, `quantised × scale`: a third the
    /// memory of `f32`s, so more of the lookups (most of a tagger's time) hit the cache.
    /// `weights` is then empty.
    quantised: FeatureMap<[i16; TAGS]>,
    scale: f32,
    /// `trans[from + 1][to]`; row 0 is the sentence start.
    trans: [[f32; TAGS]; TAGS + 1],
}

impl Model {
    pub fn len(&self) -> usize {
        self.weights.len() + self.quantised.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn scores(&self, feats: &[u64]) -> [f32; TAGS] {
        let mut s = [0.0; TAGS];
        if !self.quantised.is_empty() {
            // Each weight is the value the file stands for, added in the same order.
            for q in feats.iter().filter_map(|f| self.quantised.get(f)) {
                for (a, b) in s.iter_mut().zip(q) {
                    *a += f32::from(*b) * self.scale;
                }
            }
            return s;
        }
        for w in feats.iter().filter_map(|f| self.weights.get(f)) {
            for (a, b) in s.iter_mut().zip(w) {
                *a += b;
            }
        }
        s
    }

    /// The tag scores of each position.
    pub fn emissions(&self, feats: &Features) -> Vec<[f32; TAGS]> {
        feats.positions().map(|f| self.scores(f)).collect()
    }

    /// The best tag sequence for the positions' features.
    pub fn decode(&self, feats: &Features) -> Vec<u8> {
        self.decode_emissions(&self.emissions(feats))
    }

    /// The best tag sequence for precomputed [`Model::emissions`].
    pub fn decode_emissions(&self, emissions: &[[f32; TAGS]]) -> Vec<u8> {
        viterbi(emissions, &self.trans)
    }

    /// Serialise: magic, transitions (f32), scale (f32), count, then (hash u64, TAGS × i16).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for row in &self.trans {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        if !self.quantised.is_empty() {
            out.extend_from_slice(&self.scale.to_le_bytes());
            let mut keys: Vec<&u64> = self.quantised.keys().collect();
            keys.sort();
            out.extend_from_slice(&(keys.len() as u64).to_le_bytes());
            for k in keys {
                out.extend_from_slice(&k.to_le_bytes());
                for q in &self.quantised[k] {
                    out.extend_from_slice(&q.to_le_bytes());
                }
            }
            return out;
        }
        let max = self
            .weights
            .values()
            .flat_map(|w| w.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        out.extend_from_slice(&scale.to_le_bytes());
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort();
        out.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for k in keys {
            out.extend_from_slice(&k.to_le_bytes());
            for w in &self.weights[k] {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let mut m = Model::default();
        for row in m.trans.iter_mut() {
            for w in row.iter_mut() {
                *w = r.f32()?;
            }
        }
        let scale = r.f32()?;
        let n = r.u64()?;
        let n = usize::try_from(n).map_err(|_| ModelError::Truncated)?;
        if n > bytes.len() / (8 + 2 * TAGS) {
            return Err(ModelError::Truncated);
        }
        m.scale = scale;
        m.quantised.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let mut w = [0i16; TAGS];
            for x in w.iter_mut() {
                let b = r.take(2)?;
                *x = i16::from_le_bytes([b[0], b[1]]);
            }
            m.quantised.insert(k, w);
        }
        Ok(m)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(ModelError::Truncated)?;
        self.at += n;
        Ok(s)
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

fn viterbi(em: &[[f32; TAGS]], trans: &[[f32; TAGS]; TAGS + 1]) -> Vec<u8> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut back = vec![[0u8; TAGS]; n];
    for t in 0..TAGS {
        if allowed(None, t) {
            score[0][t] = trans[0][t] + em[0][t];
        }
    }
    for i in 1..n {
        for t in 0..TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for f in 0..TAGS {
                if !allowed(Some(f), t) || score[i - 1][f] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[i - 1][f] + trans[f + 1][t];
                if s > best {
                    best = s;
                    arg = f;
                }
            }
            score[i][t] = best + em[i][t];
            back[i][t] = arg as u8;
        }
    }
    let mut t = (0..TAGS)
        .max_by(|a, b| score[n - 1][*a].total_cmp(&score[n - 1][*b]))
        .unwrap_or(0);
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = t as u8;
        t = usize::from(back[i][t]);
    }
    out
}

/// Trains a [`Model`] by the averaged perceptron.
#[derive(Default)]
pub struct Trainer {
    model: Model,
    /// Sum of step × update, for averaging.
    acc: FeatureMap<[f32; TAGS]>,
    acc_trans: [[f32; TAGS]; TAGS + 1],
    step: f32,
}

impl Trainer {
    /// One example: decode, and where it differs from gold, move the weights.
    pub fn learn(&mut self, feats: &Features, gold: &[u8]) {
        self.step += 1.0;
        let pred = self.model.decode(feats);
        if pred == gold {
            return;
        }
        let c = self.step;
        for (i, f) in feats.positions().enumerate() {
            let (g, p) = (usize::from(gold[i]), usize::from(pred[i]));
            let gp = (i > 0).then(|| usize::from(gold[i - 1]));
            let pp = (i > 0).then(|| usize::from(pred[i - 1]));
            if g != p {
                for k in f {
                    let w = self.model.weights.entry(*k).or_insert([0.0; TAGS]);
                    w[g] += 1.0;
                    w[p] -= 1.0;
                    let a = self.acc.entry(*k).or_insert([0.0; TAGS]);
                    a[g] += c;
                    a[p] -= c;
                }
            }
            if g != p || gp != pp {
                let gr = gp.map_or(0, |x| x + 1);
                let pr = pp.map_or(0, |x| x + 1);
                self.model.trans[gr][g] += 1.0;
                self.model.trans[pr][p] -= 1.0;
                self.acc_trans[gr][g] += c;
                self.acc_trans[pr][p] -= c;
            }
        }
    }

    /// The averaged model, features whose weights all stay under `prune` dropped.
    pub fn finish(self, prune: f32) -> Model {
        let c = self.step.max(1.0);
        let mut out = Model::default();
        for (k, w) in &self.model.weights {
            let a = self.acc.get(k).copied().unwrap_or([0.0; TAGS]);
            let mut avg = [0f32; TAGS];
            for t in 0..TAGS {
                avg[t] = w[t] - a[t] / c;
            }
            if avg.iter().any(|x| x.abs() >= prune) {
                out.weights.insert(*k, avg);
            }
        }
        for r in 0..=TAGS {
            for t in 0..TAGS {
                out.trans[r][t] = self.model.trans[r][t] - self.acc_trans[r][t] / c;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_round_trips() {
        let mut tr = Trainer::default();
        let feats = Features::from(vec![vec![1, 10], vec![2, 10], vec![3, 10], vec![0]]);
        let gold = vec![
            tag_begin(EntityKind::Person),
            tag_inside(EntityKind::Person),
            0,
            tag_begin(EntityKind::Place),
        ];
        for _ in 0..5 {
            tr.learn(&feats, &gold);
        }
        let m = tr.finish(0.0);
        assert_eq!(m.decode(&feats), gold);
        let back = Model::from_bytes(&m.to_bytes()).expect("round trip");
        assert_eq!(back.decode(&feats), gold);
        assert_eq!(back.to_bytes(), m.to_bytes());
        assert!(Model::from_bytes(b"nonsense").is_err());
        // The stored weights score as the `f32`s they stand for would.
        let mut exact = Model {
            trans: back.trans,
            ..Model::default()
        };
        for (k, q) in &back.quantised {
            exact
                .weights
                .insert(*k, q.map(|q| f32::from(q) * back.scale));
        }
        assert_eq!(back.emissions(&feats), exact.emissions(&feats));
    }

    #[test]
    fn inside_never_starts() {
        let mut em = vec![[0.0; TAGS]; 2];
        em[0][2] = 5.0;
        let tags = viterbi(&em, &[[0.0; TAGS]; TAGS + 1]);
        assert_ne!(tags[0], 2);
    }
}

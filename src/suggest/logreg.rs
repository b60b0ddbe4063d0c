//! L2-regularised logistic regression on sparse vectors, trained by stochastic gradient
//! descent (Bottou's schedule `η_t = η₀ / (1 + η₀ λ t)`, weights kept as a scale times a
//! vector so each step costs the example's terms only). Classes are weighted so that
//! positives and negatives count equally however rare the positives are. Deterministic:
//! the example order comes from a ChaCha8 generator seeded by [`TrainOptions::seed`].

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use super::vector::{Packed, SparseVec, dot_dense};

/// How a model is trained.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    /// Strength of the L2 penalty.
    pub lambda: f64,
    /// Passes over the examples.
    pub epochs: usize,
    /// First step size.
    pub eta0: f64,
    /// Seed of the example order.
    pub seed: u64,
    /// At most this many steps (examples seen) in all, though never less than one pass:
    /// a large training set needs fewer passes.
    pub max_steps: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        Self {
            lambda: 1e-3,
            epochs: 20,
            eta0: 0.5,
            seed: 21,
            max_steps: 100_000,
        }
    }
}

/// A trained model: one weight per term and a bias.
#[derive(Debug, Clone, PartialEq)]
pub struct LogReg {
    /// Weight of each term id.
    pub weights: Vec<f64>,
    /// The intercept.
    pub bias: f64,
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl LogReg {
    /// Trains on `examples` (vector, is positive) over `dim` terms. With no positive or no
    /// negative there is nothing to separate: the model scores everything alike.
    pub fn train(examples: &[(&SparseVec, bool)], dim: usize, opts: &TrainOptions) -> Self {
        let n = examples.len();
        let pos = examples.iter().filter(|e| e.1).count();
        let mut model = LogReg {
            weights: vec![0.0; dim],
            bias: 0.0,
        };
        if pos == 0 || pos == n {
            return model;
        }
        let class_weight = |y: bool| {
            let k = if y { pos } else { n - pos };
            n as f64 / (2.0 * k as f64)
        };
        // The examples side by side in one buffer, so a step reads one place of memory.
        let packed = Packed::of(examples.iter().map(|e| e.0));
        let example = |i: usize| (packed.get(i), examples[i].1);
        let epochs = opts.epochs.min((opts.max_steps / n).max(1));
        let mut order: Vec<usize> = (0..n).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
        let mut scale = 1.0f64;
        let mut t = 0usize;
        for _ in 0..epochs {
            order.shuffle(&mut rng);
            for &i in &order {
                let (x, y) = example(i);
                let eta = opts.eta0 / (1.0 + opts.eta0 * opts.lambda * t as f64);
                t += 1;
                let z = scale * dot_dense(x, &model.weights) + model.bias;
                let target = if y { 1.0 } else { 0.0 };
                let g = (target - sigmoid(z)) * class_weight(y);
                scale *= 1.0 - eta * opts.lambda;
                if scale < 1e-9 {
                    model.weights.iter_mut().for_each(|w| *w *= scale);
                    scale = 1.0;
                }
                let step = eta * g / scale;
                for &(term, v) in x {
                    if let Some(w) = model.weights.get_mut(term as usize) {
                        *w += step * v;
                    }
                }
                model.bias += eta * g;
            }
        }
        model.weights.iter_mut().for_each(|w| *w *= scale);
        model
    }

    /// The linear score `w·x + b`.
    pub fn decision(&self, x: &SparseVec) -> f64 {
        x.dot_dense(&self.weights) + self.bias
    }

    /// The probability that `x` is positive.
    pub fn probability(&self, x: &SparseVec) -> f64 {
        sigmoid(self.decision(x))
    }

    /// The terms of `x` that push its score up most: (term id, weight × value), largest
    /// first, positive contributions only.
    pub fn top_terms(&self, x: &SparseVec, k: usize) -> Vec<(u32, f64)> {
        let mut c: Vec<(u32, f64)> =
            x.0.iter()
                .map(|&(t, v)| (t, v * self.weights.get(t as usize).copied().unwrap_or(0.0)))
                .filter(|(_, c)| *c > 0.0)
                .collect();
        c.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.truncate(k);
        c
    }
}

/// The objective the training minimises: class-weighted mean log-loss plus `λ/2 ‖w‖²`.
pub fn objective(model: &LogReg, examples: &[(&SparseVec, bool)], lambda: f64) -> f64 {
    let n = examples.len();
    let pos = examples.iter().filter(|e| e.1).count();
    let loss: f64 = examples
        .iter()
        .map(|&(x, y)| {
            let k = if y { pos } else { n - pos };
            let cw = n as f64 / (2.0 * k as f64);
            let z = model.decision(x);
            let p = if y { sigmoid(z) } else { sigmoid(-z) };
            -cw * p.max(1e-300).ln()
        })
        .sum();
    loss / n as f64 + 0.5 * lambda * model.weights.iter().map(|w| w * w).sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pairs: &[(u32, f64)]) -> SparseVec {
        SparseVec(pairs.to_vec()).normalized()
    }

    fn toy() -> Vec<(SparseVec, bool)> {
        // Term 0 marks positives, term 1 negatives, term 2 is noise on both sides.
        let mut out = Vec::new();
        for i in 0..30 {
            let noise = f64::from(i % 3) / 2.0;
            out.push((v(&[(0, 1.0), (2, noise)]), true));
            out.push((v(&[(1, 1.0), (2, noise)]), false));
            out.push((v(&[(1, 1.0), (3, 1.0)]), false));
        }
        out
    }

    /// Full-batch gradient descent on the same objective, as a reference optimum.
    fn gradient_descent(ex: &[(&SparseVec, bool)], dim: usize, lambda: f64) -> LogReg {
        let n = ex.len() as f64;
        let pos = ex.iter().filter(|e| e.1).count() as f64;
        let mut m = LogReg {
            weights: vec![0.0; dim],
            bias: 0.0,
        };
        for _ in 0..20_000 {
            let mut gw = vec![0.0; dim];
            let mut gb = 0.0;
            for &(x, y) in ex {
                let cw = if y {
                    n / (2.0 * pos)
                } else {
                    n / (2.0 * (n - pos))
                };
                let r = cw * (sigmoid(m.decision(x)) - if y { 1.0 } else { 0.0 }) / n;
                for &(t, val) in &x.0 {
                    gw[t as usize] += r * val;
                }
                gb += r;
            }
            for (w, g) in m.weights.iter_mut().zip(&gw) {
                *w -= 2.0 * (g + lambda * *w);
            }
            m.bias -= 2.0 * gb;
        }
        m
    }

    #[test]
    fn learns_a_separable_toy_problem_and_is_deterministic() {
        let data = toy();
        let ex: Vec<(&SparseVec, bool)> = data.iter().map(|(x, y)| (x, *y)).collect();
        let opts = TrainOptions::default();
        let m = LogReg::train(&ex, 4, &opts);
        assert!(m.weights[0] > 0.0 && m.weights[1] < 0.0, "{m:?}");
        for (x, y) in &data {
            assert_eq!(m.probability(x) > 0.5, *y);
        }
        assert_eq!(m, LogReg::train(&ex, 4, &opts));
        let other = LogReg::train(&ex, 4, &TrainOptions { seed: 7, ..opts });
        assert_ne!(m, other, "the seed orders the examples");
        assert_eq!(m.top_terms(&data[0].0, 3)[0].0, 0);
    }

    #[test]
    fn reaches_the_objective_of_full_batch_descent() {
        let data = toy();
        let ex: Vec<(&SparseVec, bool)> = data.iter().map(|(x, y)| (x, *y)).collect();
        let opts = TrainOptions {
            lambda: 0.05,
            epochs: 200,
            ..TrainOptions::default()
        };
        let sgd = objective(&LogReg::train(&ex, 4, &opts), &ex, opts.lambda);
        let gd = objective(&gradient_descent(&ex, 4, opts.lambda), &ex, opts.lambda);
        assert!(sgd <= gd * 1.02 + 1e-6, "sgd {sgd} vs gd {gd}");
    }

    #[test]
    fn the_step_budget_caps_the_passes_but_keeps_one() {
        let data = toy();
        let ex: Vec<(&SparseVec, bool)> = data.iter().map(|(x, y)| (x, *y)).collect();
        let passes = |epochs| TrainOptions {
            epochs,
            ..TrainOptions::default()
        };
        let budget = |max_steps| TrainOptions {
            max_steps,
            ..TrainOptions::default()
        };
        // 90 examples: a budget of 200 steps allows 2 whole passes, of 10 still one.
        assert_eq!(
            LogReg::train(&ex, 4, &budget(200)),
            LogReg::train(&ex, 4, &passes(2))
        );
        assert_eq!(
            LogReg::train(&ex, 4, &budget(10)),
            LogReg::train(&ex, 4, &passes(1))
        );
        assert_ne!(
            LogReg::train(&ex, 4, &budget(10)),
            LogReg::train(&ex, 4, &passes(2))
        );
        // The default budget leaves a small set its 20 passes.
        assert_eq!(
            LogReg::train(&ex, 4, &TrainOptions::default()),
            LogReg::train(
                &ex,
                4,
                &TrainOptions {
                    max_steps: usize::MAX,
                    ..passes(20)
                }
            )
        );
    }

    #[test]
    fn one_class_only_gives_a_flat_model() {
        let x = v(&[(0, 1.0)]);
        let m = LogReg::train(&[(&x, true)], 2, &TrainOptions::default());
        assert_eq!(m.probability(&x), 0.5);
    }
}

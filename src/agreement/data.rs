//! Reliability data for pre-defined units: a units × coders matrix of optional nominal
//! categories (NOTES "Conventions": N units, m coders, q categories, missing allowed).

use super::AgreementError;
use std::collections::BTreeMap;
use std::fmt::Debug;

/// Units × coders matrix of category indices (`None` = missing), with the declared number
/// of categories `q`.
///
/// Invariants (checked by the constructors): every row has one entry per coder and every
/// category index is `< q`. `q` is the size of the declared codebook, which may include
/// unused categories; it matters for Gwet's AC1 (NOTES 1.6) and Brennan–Prediger
/// (NOTES 1.7). Category order is the ordinal order used by the ordinal alpha metric.
#[derive(Debug, Clone, PartialEq)]
pub struct ReliabilityData {
    coders: Vec<String>,
    units: Vec<Vec<Option<u32>>>,
    categories: usize,
    values: Option<Vec<f64>>,
}

/// Per-unit category counts `n_ik` and number of ratings `r_i` (NOTES "Conventions").
#[derive(Debug, Clone)]
pub(crate) struct UnitCounts {
    /// `n_ik` for k in 0..q.
    pub counts: Vec<f64>,
    /// `r_i = Σ_k n_ik`.
    pub ratings: f64,
}

impl ReliabilityData {
    /// Build from category indices. `categories` is q, the declared codebook size.
    ///
    /// Errors if a row's length differs from the number of coders or an index is `≥ q`.
    pub fn new(
        coders: Vec<String>,
        units: Vec<Vec<Option<u32>>>,
        categories: usize,
    ) -> Result<Self, AgreementError> {
        if u32::try_from(categories).is_err() {
            return Err(AgreementError::TooManyCategories { categories });
        }
        for (u, row) in units.iter().enumerate() {
            if row.len() != coders.len() {
                return Err(AgreementError::RaggedRow {
                    unit: u,
                    expected: coders.len(),
                    found: row.len(),
                });
            }
            for (c, v) in row.iter().enumerate() {
                if let Some(v) = v
                    && *v as usize >= categories
                {
                    return Err(AgreementError::CategoryOutOfRange {
                        unit: u,
                        coder: c,
                        value: *v,
                        categories,
                    });
                }
            }
        }
        Ok(ReliabilityData {
            coders,
            units,
            categories,
            values: None,
        })
    }

    /// Build from arbitrary labels (code ids, strings, numbers).
    ///
    /// With `codebook = Some(labels)`, q is the codebook size and category `k` is
    /// `labels[k]` (declared but unused codes count, as in irrCAC's `categories=`); a label
    /// outside the codebook is an error. With `None`, the categories are the distinct
    /// labels used, sorted. Returns the data and the label of each category index.
    pub fn from_labels<L: Ord + Clone + Debug>(
        coders: Vec<String>,
        rows: &[Vec<Option<L>>],
        codebook: Option<&[L]>,
    ) -> Result<(Self, Vec<L>), AgreementError> {
        let labels: Vec<L> = match codebook {
            Some(book) => book.to_vec(),
            None => {
                let mut used: Vec<L> = rows.iter().flatten().flatten().cloned().collect();
                used.sort();
                used.dedup();
                used
            }
        };
        let mut index: BTreeMap<&L, u32> = BTreeMap::new();
        for (k, label) in labels.iter().enumerate() {
            let k = u32::try_from(k).map_err(|_| AgreementError::TooManyCategories {
                categories: labels.len(),
            })?;
            if index.insert(label, k).is_some() {
                return Err(AgreementError::DuplicateLabel {
                    label: format!("{label:?}"),
                });
            }
        }
        let mut units = Vec::with_capacity(rows.len());
        for (u, row) in rows.iter().enumerate() {
            let mut out = Vec::with_capacity(row.len());
            for (c, v) in row.iter().enumerate() {
                out.push(match v {
                    None => None,
                    Some(l) => Some(*index.get(l).ok_or_else(|| AgreementError::UnknownLabel {
                        unit: u,
                        coder: c,
                        label: format!("{l:?}"),
                    })?),
                });
            }
            units.push(out);
        }
        let data = ReliabilityData::new(coders, units, labels.len())?;
        Ok((data, labels))
    }

    /// Attach the numeric value of each category, used by the interval and ratio alpha
    /// metrics (NOTES 1.5). Without it, category k has value k.
    pub fn with_category_values(mut self, values: Vec<f64>) -> Result<Self, AgreementError> {
        if values.len() != self.categories || values.iter().any(|v| !v.is_finite()) {
            return Err(AgreementError::CategoryValues {
                categories: self.categories,
                found: values.len(),
            });
        }
        self.values = Some(values);
        Ok(self)
    }

    /// Coder names, in column order.
    pub fn coders(&self) -> &[String] {
        &self.coders
    }

    /// The matrix, one row per unit, one entry per coder.
    pub fn units(&self) -> &[Vec<Option<u32>>] {
        &self.units
    }

    /// q, the declared number of categories.
    pub fn categories(&self) -> usize {
        self.categories
    }

    /// N, the number of units (including units with fewer than two ratings).
    pub fn n_units(&self) -> usize {
        self.units.len()
    }

    /// m, the number of coders.
    pub fn n_coders(&self) -> usize {
        self.coders.len()
    }

    /// Numeric value of category `k` for interval/ratio metrics.
    pub fn category_value(&self, k: usize) -> f64 {
        match &self.values {
            Some(v) => v.get(k).copied().unwrap_or(k as f64),
            None => k as f64,
        }
    }

    /// A copy with the units permuted and/or coders permuted (used by tests and by
    /// callers that reorder columns). `unit_order` and `coder_order` must be permutations.
    pub fn permuted(&self, unit_order: &[usize], coder_order: &[usize]) -> Option<Self> {
        let mut units = Vec::with_capacity(self.units.len());
        for &u in unit_order {
            let row = self.units.get(u)?;
            let mut out = Vec::with_capacity(coder_order.len());
            for &c in coder_order {
                out.push(*row.get(c)?);
            }
            units.push(out);
        }
        let mut coders = Vec::with_capacity(coder_order.len());
        for &c in coder_order {
            coders.push(self.coders.get(c)?.clone());
        }
        Some(ReliabilityData {
            coders,
            units,
            categories: self.categories,
            values: self.values.clone(),
        })
    }

    /// `n_ik` and `r_i` for every unit.
    pub(crate) fn unit_counts(&self) -> Vec<UnitCounts> {
        self.units
            .iter()
            .map(|row| {
                let mut counts = vec![0.0; self.categories];
                let mut ratings = 0.0;
                for v in row.iter().flatten() {
                    if let Some(slot) = counts.get_mut(*v as usize) {
                        *slot += 1.0;
                        ratings += 1.0;
                    }
                }
                UnitCounts { counts, ratings }
            })
            .collect()
    }

    /// The units both coder `a` and coder `b` rated, as (a's category, b's category).
    pub(crate) fn joint(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        self.units
            .iter()
            .filter_map(|row| match (row.get(a), row.get(b)) {
                (Some(Some(x)), Some(Some(y))) => Some((*x as usize, *y as usize)),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("c{i}")).collect()
    }

    #[test]
    fn rejects_ragged_rows_and_out_of_range_categories() {
        let err = ReliabilityData::new(names(2), vec![vec![Some(0)]], 2).unwrap_err();
        assert_eq!(
            err,
            AgreementError::RaggedRow {
                unit: 0,
                expected: 2,
                found: 1
            }
        );
        let err = ReliabilityData::new(names(2), vec![vec![Some(0), Some(2)]], 2).unwrap_err();
        assert!(matches!(
            err,
            AgreementError::CategoryOutOfRange {
                unit: 0,
                coder: 1,
                value: 2,
                ..
            }
        ));
    }

    #[test]
    fn labels_with_codebook_keep_unused_categories() {
        let rows = vec![vec![Some("a"), Some("b")], vec![None, Some("a")]];
        let (d, labels) =
            ReliabilityData::from_labels(names(2), &rows, Some(&["b", "a", "z"])).unwrap();
        assert_eq!(labels, vec!["b", "a", "z"]);
        assert_eq!(d.categories(), 3);
        assert_eq!(d.units()[0], vec![Some(1), Some(0)]);
        let err = ReliabilityData::from_labels(names(2), &rows, Some(&["a"])).unwrap_err();
        assert!(matches!(
            err,
            AgreementError::UnknownLabel {
                unit: 0,
                coder: 1,
                ..
            }
        ));
        let err = ReliabilityData::from_labels(names(2), &rows, Some(&["a", "a"])).unwrap_err();
        assert!(matches!(err, AgreementError::DuplicateLabel { .. }));
    }

    #[test]
    fn labels_without_codebook_are_sorted_distinct() {
        let rows = vec![vec![Some(5), Some(1)], vec![Some(3), None]];
        let (d, labels) = ReliabilityData::from_labels(names(2), &rows, None).unwrap();
        assert_eq!(labels, vec![1, 3, 5]);
        assert_eq!(d.units()[0], vec![Some(2), Some(0)]);
        assert!(d.clone().with_category_values(vec![1.0]).is_err());
        let d = d.with_category_values(vec![1.0, 3.0, 5.0]).unwrap();
        assert_eq!(d.category_value(2), 5.0);
    }
}

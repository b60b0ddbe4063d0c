//! Inter-coder agreement: the pure statistics core.
//!
//! Every function here implements one published definition and cites the section of
//! `docs/reference/agreement.md` ("NOTES") it follows. Nothing here knows about transcripts:
//! callers build a [`ReliabilityData`] (units × coders, pre-defined units) or a
//! [`UnitizedData`] (coders' segments on a continuum) and ask for coefficients.
//!
//! Values that a definition leaves undefined (zero denominators, too few coders, …) are
//! returned as [`Coefficient::Undefined`] with a reason, never as NaN.

pub mod bootstrap;
pub mod categorical;
pub mod consensus;
pub mod continuum;
pub mod data;
pub mod design;
pub mod disagreements;
pub mod doc_cache;
pub mod doc_units;
pub mod krippendorff;
pub mod methods;
pub mod report;
pub mod segments;
pub mod select;
pub mod spans;
pub mod study;
pub mod summary;
pub mod unit_bootstrap;
pub mod unitized;
pub mod unitized_2004;
pub mod units;

pub use bootstrap::{BootstrapResult, krippendorff_bootstrap};
pub use categorical::{
    brennan_prediger, cohen_kappa, cohen_kappa_pair, conger_kappa, fleiss_kappa, fleiss_kappa_gwet,
    fleiss_kappa_pooled, gwet_ac1, light_kappa, mean_pairwise_agreement, pairable_units,
    percent_agreement_two_coder, prevalence, scott_pi, unanimity,
};
pub use data::ReliabilityData;
pub use krippendorff::{
    CoincidenceMatrix, Metric, krippendorff_alpha, krippendorff_observed_agreement,
};
pub use segments::{CodeComparison, OverlapBasis, SegmentComparison, compare_segments};
pub use summary::{AgreementSummary, summary};
pub use unitized::{CategoryUnitizedAlpha, Segment, UnitizedAlphas, UnitizedData, unitized_alphas};
pub use unitized_2004::alpha_u_2004;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// The result of one agreement coefficient: a finite number, or undefined with the reason.
///
/// Why not `f64`: several coefficients are undefined on legitimate inputs (only one
/// category used, a single coder, no pairable unit) and must be reported as such, not as
/// NaN or as a silently chosen 0 or 1.
#[derive(Debug, Clone, PartialEq)]
pub enum Coefficient {
    /// A finite value.
    Value(f64),
    /// The definition gives no value on this data; `reason` says why.
    Undefined {
        /// Human-readable explanation (e.g. "expected disagreement is 0").
        reason: String,
    },
}

/// Relative tolerance under which a denominator counts as zero.
const ZERO_TOLERANCE: f64 = 1e-12;

impl Coefficient {
    /// The value if defined.
    pub fn value(&self) -> Option<f64> {
        match self {
            Coefficient::Value(v) => Some(*v),
            Coefficient::Undefined { .. } => None,
        }
    }

    /// True when the coefficient has a value.
    pub fn is_defined(&self) -> bool {
        matches!(self, Coefficient::Value(_))
    }

    /// The reason when undefined.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Coefficient::Value(_) => None,
            Coefficient::Undefined { reason } => Some(reason),
        }
    }

    /// An undefined coefficient with the given reason.
    pub fn undefined(reason: impl Into<String>) -> Self {
        Coefficient::Undefined {
            reason: reason.into(),
        }
    }

    /// A value, or undefined if it is not finite.
    pub(crate) fn finite(v: f64, reason: &str) -> Self {
        if v.is_finite() {
            Coefficient::Value(v)
        } else {
            Coefficient::undefined(reason)
        }
    }

    /// `1 − num/den`, undefined when `|den| ≤ 1e-12·scale` (scale ≥ 1).
    pub(crate) fn one_minus_ratio(num: f64, den: f64, scale: f64, reason: &str) -> Self {
        if den.abs() <= ZERO_TOLERANCE * scale.abs().max(1.0) {
            Coefficient::undefined(reason)
        } else {
            Coefficient::finite(1.0 - num / den, reason)
        }
    }

    /// The chance-corrected form `(p_o − p_e)/(1 − p_e)`, undefined when `p_e = 1`.
    pub(crate) fn chance_corrected(p_o: f64, p_e: f64, reason: &str) -> Self {
        // (p_o − p_e)/(1 − p_e) = 1 − (1 − p_o)/(1 − p_e)
        Coefficient::one_minus_ratio(1.0 - p_o, 1.0 - p_e, 1.0, reason)
    }
}

/// JSON form: a number when defined, `{"undefined": reason}` otherwise.
impl Serialize for Coefficient {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Coefficient::Value(v) => serializer.serialize_f64(*v),
            Coefficient::Undefined { reason } => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("undefined", reason)?;
                map.end()
            }
        }
    }
}

/// Errors raised while building agreement inputs (never while computing coefficients).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AgreementError {
    /// A unit row does not have one entry per coder.
    #[error("unit {unit}: {found} ratings but {expected} coders")]
    RaggedRow {
        /// 0-based unit index.
        unit: usize,
        /// Number of coders.
        expected: usize,
        /// Entries in the row.
        found: usize,
    },
    /// A category index is not below the declared number of categories.
    #[error("unit {unit}, coder {coder}: category {value} but only {categories} categories")]
    CategoryOutOfRange {
        /// 0-based unit index.
        unit: usize,
        /// 0-based coder index.
        coder: usize,
        /// The offending category index.
        value: u32,
        /// Declared number of categories.
        categories: usize,
    },
    /// A label is not in the declared codebook.
    #[error("unit {unit}, coder {coder}: label {label} is not in the codebook")]
    UnknownLabel {
        /// 0-based unit index.
        unit: usize,
        /// 0-based coder index.
        coder: usize,
        /// Debug rendering of the label.
        label: String,
    },
    /// The codebook lists a label twice.
    #[error("codebook lists label {label} twice")]
    DuplicateLabel {
        /// Debug rendering of the label.
        label: String,
    },
    /// More categories than fit in a `u32` index.
    #[error("{categories} categories is more than supported")]
    TooManyCategories {
        /// Number of categories requested.
        categories: usize,
    },
    /// Numeric category values do not match the number of categories or are not finite.
    #[error("{found} category values for {categories} categories (all must be finite)")]
    CategoryValues {
        /// Declared number of categories.
        categories: usize,
        /// Values supplied.
        found: usize,
    },
    /// A segment is empty or reaches past the end of the continuum.
    #[error("coder {coder}: segment [{start}, {end}) is empty or outside [0, {length})")]
    SegmentOutOfRange {
        /// 0-based coder index.
        coder: usize,
        /// Segment start.
        start: u64,
        /// Segment end (exclusive).
        end: u64,
        /// Continuum length.
        length: u64,
    },
    /// Two segments of one coder overlap (not allowed within one semantic domain).
    #[error(
        "coder {coder}: segments [{first_start}, {first_end}) and [{second_start}, {second_end}) overlap"
    )]
    OverlappingSegments {
        /// 0-based coder index.
        coder: usize,
        /// First segment start.
        first_start: u64,
        /// First segment end.
        first_end: u64,
        /// Second segment start.
        second_start: u64,
        /// Second segment end.
        second_end: u64,
    },
    /// A segment's category is not below the declared number of categories.
    #[error("coder {coder}: segment category {value} but only {categories} categories")]
    SegmentCategory {
        /// 0-based coder index.
        coder: usize,
        /// The offending category.
        value: u32,
        /// Declared number of categories.
        categories: usize,
    },
    /// More coders than one comparison supports.
    #[error("{coders} coders: at most {max} can be compared at once")]
    TooManyCoders {
        /// Coders asked for.
        coders: usize,
        /// The limit.
        max: usize,
    },
    /// The bootstrap cannot run: alpha is undefined on the data, or zero replicates.
    #[error("bootstrap of alpha is undefined: {reason}")]
    BootstrapUndefined {
        /// Why.
        reason: String,
    },
}

#[cfg(test)]
pub(crate) mod test_fixtures;
#[cfg(test)]
pub(crate) mod test_support;

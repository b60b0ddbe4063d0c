//! Agreement: the CLI's coefficients on published examples, permutation and property tests.
//!
//! One test binary for the group (#17): each file is a module, as it was a binary before.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a failure is a test failure

mod agreement_cli;
mod agreement_permutation;
mod agreement_properties;

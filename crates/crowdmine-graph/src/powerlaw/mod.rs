//! Power-law fits of discrete data (degrees, counts of posts, reposts, followers) by the method of
//! Clauset, Shalizi & Newman (2009): x_min and α by maximum likelihood and KS minimisation
//! ([`fit_power_law`]), the semi-parametric bootstrap goodness-of-fit p-value
//! ([`goodness_of_fit`]), and likelihood-ratio tests against other heavy-tailed laws
//! ([`compare_alternatives`]). Agrees with the `powerlaw` package 2.0 (see tools/POWERLAW_NOTES.md
//! for its conventions, which this module follows).

mod alternatives;
mod bootstrap;
mod fit;
mod optimize;
pub mod special;

pub use alternatives::{compare_alternatives, Alternative, AlternativeKind};
pub use bootstrap::{goodness_of_fit, GoodnessOfFit};
pub use fit::{fit_power_law, Candidate, FitError, Histogram, PowerLawFit, PowerLawParams};

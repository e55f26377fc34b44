//! Crowdmine's text analysis: sentiment scoring for social media posts. Pure: no database, no CLI.

mod python;
pub mod vader;

pub use vader::{Scores, Vader};

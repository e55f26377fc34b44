//! Crowdmine's text analysis: tokenizing, sentiment scoring and language identification for social
//! media posts. Pure: no database, no CLI.

pub mod classify;
pub mod lang;
pub mod lines;
pub mod opinion;
mod python;
mod random;
pub mod tokens;
pub mod vader;

pub use vader::{Scores, Vader};

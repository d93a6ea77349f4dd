//! Pure functions from the model (and the benchmark) to ECharts options built with charming.
//! Natively testable: the browser only renders what these return.

pub mod batch;
pub mod palette;
pub mod spend;

//! Pure functions from the model (and the benchmark) to ECharts options, built with charming
//! and returned as JSON (`serde_json::Value`) so the few options charming lacks can be added and
//! tests can assert exactly what ECharts will be given. Natively testable: the browser only
//! renders what these return. No option uses a JavaScript function (the page's CSP forbids
//! `eval`), only data and ECharts' string templates.

pub mod batch;
pub mod dma;
pub mod look;
pub mod palette;
pub mod spend;
pub mod tables;

use charming::Chart;
use serde_json::Value;

/// A charming chart as the JSON ECharts takes.
pub fn to_option(chart: &Chart) -> Value {
    serde_json::to_value(chart).unwrap_or(Value::Null)
}

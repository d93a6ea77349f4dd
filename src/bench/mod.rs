//! The bundled NHS England Digital Maturity Assessment 2024/2025 dataset, organisation-name
//! matching and peer-group statistics.

pub mod data;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
pub mod normalise;
pub mod similarity;

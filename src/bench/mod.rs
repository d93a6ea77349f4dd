//! The bundled NHS England Digital Maturity Assessment 2024/2025 dataset, organisation-name
//! matching and peer-group statistics.

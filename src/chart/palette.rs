//! Colours for every chart: the Okabe–Ito palette, distinguishable with the common forms of
//! colour blindness, in an order that keeps neighbouring stacked segments apart.

use charming::element::Color;

/// Okabe & Ito (2008), "Color Universal Design".
pub const OKABE_ITO: [&str; 8] = [
    "#0072B2", // blue
    "#E69F00", // orange
    "#009E73", // bluish green
    "#CC79A7", // reddish purple
    "#56B4E9", // sky blue
    "#D55E00", // vermillion
    "#F0E442", // yellow
    "#999999", // grey (used last: "not broken down", "peers")
];

/// The palette as chart colours.
pub fn categorical() -> Vec<Color> {
    OKABE_ITO.iter().map(|c| Color::from(*c)).collect()
}

//! Real documents to try the app with ("Try an example"): the fixture replies and strategies
//! the parser is tested on, compiled into the page so they work offline.

/// One example document.
#[derive(Debug, PartialEq)]
pub struct Example {
    /// Stable key (the `<select>` value, and for tests).
    pub key: &'static str,
    /// What the menu says.
    pub name: &'static str,
    pub text: &'static str,
}

pub static EXAMPLES: [Example; 4] = [
    Example {
        key: "dudley",
        name: "The Dudley Group: FOI reply, spend and DMA disclosed (2025)",
        text: include_str!("../../tests/fixtures/dudley_it_spend_dma_himss_2025.txt"),
    },
    Example {
        key: "lpt",
        name: "Leicestershire Partnership: FOI reply, DMA withheld under s22 (2025)",
        text: include_str!("../../tests/fixtures/lpt_it_spend_dma_himss_2025.txt"),
    },
    Example {
        key: "llr-2018",
        name: "LLR digital strategy 2018–21, with investment tables",
        text: include_str!("../../tests/fixtures/llr_digital_strategy_2018_21.txt"),
    },
    Example {
        key: "llr-2022",
        name: "LLR digital strategy 2022–25, with funding tables",
        text: include_str!("../../tests/fixtures/llr_digital_strategy_2022_25.txt"),
    },
];

/// The example with this key.
pub fn by_key(key: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.key == key)
}

//! Which chart a link or an embed shows: the stable keys written into views (`"spend"`,
//! `"dma"`, `"table-0"`, …), the DOM id each chart has on the page (the same in the full app and
//! in an embed, so tests and readers find it either way), and an embed's heading and the notes
//! that must travel with the chart (where the figures come from, what a rank means).

use crate::bench::RANK_CAVEAT;
use crate::chart::compare::{lower_group, Comparison};
use crate::model::Response;
use crate::report::fields;
use crate::report::wording::long_date;

/// One of the charts foi-lens draws for a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKey {
    /// IT spend by financial year.
    Spend,
    /// The seven DMA pillars against the peer median (radar).
    Dma,
    /// Each pillar across the peer group.
    DmaPeers,
    /// The scores NHS England published where the response withheld them.
    DmaPublished,
    /// The money table at this index.
    Table(usize),
}

impl ChartKey {
    /// The key in views and in `<foi-lens chart="…">`.
    pub fn key(self) -> String {
        match self {
            ChartKey::Spend => "spend".into(),
            ChartKey::Dma => "dma".into(),
            ChartKey::DmaPeers => "dma-peers".into(),
            ChartKey::DmaPublished => "dma-published".into(),
            ChartKey::Table(i) => format!("table-{i}"),
        }
    }

    /// Read a key as written by [`ChartKey::key`] (or by a person: case and spaces forgiven).
    pub fn parse(key: &str) -> Option<ChartKey> {
        let key = key.trim().to_ascii_lowercase();
        Some(match key.as_str() {
            "spend" => ChartKey::Spend,
            "dma" => ChartKey::Dma,
            "dma-peers" => ChartKey::DmaPeers,
            "dma-published" => ChartKey::DmaPublished,
            _ => {
                let n = key.strip_prefix("table-")?;
                // Plain decimal only ("+1", "01" are not keys foi-lens writes).
                if n.is_empty() || n.len() > 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                ChartKey::Table(n.parse().ok()?)
            }
        })
    }

    /// The id of the chart's container on the page.
    pub fn dom_id(self) -> String {
        match self {
            ChartKey::Spend => "spend-chart".into(),
            ChartKey::Dma => "radar-chart".into(),
            ChartKey::DmaPeers => "distribution-chart".into(),
            ChartKey::DmaPublished => "published-chart".into(),
            ChartKey::Table(i) => format!("table-chart-{i}"),
        }
    }

    /// What the chart-choice menu calls it.
    pub fn menu_label(self, r: &Response) -> String {
        match self {
            ChartKey::Spend => "IT spend by year".into(),
            ChartKey::Dma => "DMA pillars against peers".into(),
            ChartKey::DmaPeers => "DMA pillars across the peer group".into(),
            ChartKey::DmaPublished => "DMA scores NHS England published".into(),
            ChartKey::Table(i) => format!("Money table: {}", table_caption(r, i)),
        }
    }
}

/// The chart to show: the one asked for if the figures allow it, else the first they allow
/// (`available` is in page order). `None` only when there is no chart at all.
pub fn choose(requested: Option<&str>, available: &[ChartKey]) -> Option<ChartKey> {
    requested
        .and_then(ChartKey::parse)
        .filter(|k| available.contains(k))
        .or_else(|| available.first().copied())
}

/// A money table's caption, as the page shows it.
pub fn table_caption(r: &Response, i: usize) -> String {
    r.tables
        .get(i)
        .and_then(|t| t.caption.as_ref())
        .map(|c| c.value.clone())
        .unwrap_or_else(|| format!("Table {}", i + 1))
}

/// The organisation as an embed names it: in full (an embed's readers may not know the NHS's
/// short names), or `None`.
fn organisation(r: &Response) -> Option<String> {
    r.organisation.as_ref().map(|o| o.value.clone())
}

/// An embedded chart's heading, which is also the iframe's accessible name: what it shows and
/// whose figures they are.
pub fn embed_title(key: ChartKey, r: &Response, c: &Comparison) -> String {
    let what = match key {
        ChartKey::Spend => "IT spend by financial year (£m)".to_string(),
        ChartKey::Dma => match &c.stats {
            Some(s) => format!(
                "DMA pillar scores against the median of {}",
                lower_group(&s.label)
            ),
            None => "DMA pillar scores".to_string(),
        },
        ChartKey::DmaPeers => match &c.stats {
            Some(s) => format!("Each DMA pillar across {}", lower_group(&s.label)),
            None => "Each DMA pillar across its peers".to_string(),
        },
        ChartKey::DmaPublished => "DMA scores published by NHS England".to_string(),
        ChartKey::Table(i) => format!("{}: by year", table_caption(r, i)),
    };
    match organisation(r) {
        Some(org) => format!("{what}: {org}"),
        None => what,
    }
}

/// The lines under an embedded chart: where its figures come from and the caveats that must
/// not be separated from it. Plain text (the page renders it as text, never as HTML).
/// `read_from_reply`: foi-lens read the figures from the reply (else a publisher gave them).
pub fn embed_notes(
    key: ChartKey,
    r: &Response,
    c: &Comparison,
    read_from_reply: bool,
) -> Vec<String> {
    let mut notes = Vec::new();
    let mut source = String::from("Source: ");
    source.push_str(&match organisation(r) {
        Some(org) => format!("{org}'s reply to a Freedom of Information request"),
        None => "a reply to a Freedom of Information request".to_string(),
    });
    if let Some(reference) = &r.reference {
        source.push_str(&format!(" (ref. {})", reference.value));
    }
    if let Some(date) = &r.date {
        source.push_str(&format!(", {}", long_date(&date.value)));
    }
    source.push_str(if read_from_reply {
        "; figures read from its text by foi-lens"
    } else {
        "; figures as given to foi-lens"
    });
    if fields::card_paths(r)
        .into_iter()
        .any(|p| fields::field(r, p).is_some_and(|f| f.edited))
    {
        source.push_str(", some corrected by hand");
    }
    source.push('.');
    let dma = matches!(
        key,
        ChartKey::Dma | ChartKey::DmaPeers | ChartKey::DmaPublished
    );
    if dma && c.subject_from_dataset || key == ChartKey::DmaPublished {
        notes.push(c.published_label.clone().unwrap_or_else(|| {
            "Scores from NHS England's published data, not from this reply.".to_string()
        }));
    }
    notes.push(source);
    if dma {
        notes.push(format!(
            "DMA scores run from 1 (least mature) to 5 (most). Peer figures: NHS England, Digital Maturity Assessment 2025 (published {}). {RANK_CAVEAT}",
            c.published_on
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_odd_ones_are_refused() {
        for k in [
            ChartKey::Spend,
            ChartKey::Dma,
            ChartKey::DmaPeers,
            ChartKey::DmaPublished,
            ChartKey::Table(0),
            ChartKey::Table(12),
        ] {
            assert_eq!(ChartKey::parse(&k.key()), Some(k));
        }
        assert_eq!(ChartKey::parse(" Spend "), Some(ChartKey::Spend));
        for bad in [
            "",
            "table-",
            "table--1",
            "table-+1",
            "table-99999",
            "radar",
            "tables-1",
        ] {
            assert_eq!(ChartKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn dom_ids_are_the_full_apps() {
        assert_eq!(ChartKey::Spend.dom_id(), "spend-chart");
        assert_eq!(ChartKey::Dma.dom_id(), "radar-chart");
        assert_eq!(ChartKey::Table(2).dom_id(), "table-chart-2");
    }

    #[test]
    fn the_requested_chart_is_shown_only_if_the_figures_allow_it() {
        let all = [ChartKey::Spend, ChartKey::Dma, ChartKey::Table(0)];
        assert_eq!(choose(Some("dma"), &all), Some(ChartKey::Dma));
        assert_eq!(choose(Some("table-0"), &all), Some(ChartKey::Table(0)));
        assert_eq!(choose(Some("table-1"), &all), Some(ChartKey::Spend));
        assert_eq!(choose(Some("nonsense"), &all), Some(ChartKey::Spend));
        assert_eq!(choose(None, &all[1..]), Some(ChartKey::Dma));
        assert_eq!(choose(Some("dma"), &[]), None);
    }

    fn dudley() -> (Response, Comparison) {
        let text = std::fs::read_to_string(format!(
            "{}/tests/fixtures/dudley_it_spend_dma_himss_2025.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let r = crate::parse(&text);
        let c = crate::chart::compare::compare(&r, &text, &Default::default());
        (r, c)
    }

    #[test]
    fn an_embed_names_its_chart_and_organisation() {
        let (r, c) = dudley();
        assert_eq!(
            embed_title(ChartKey::Spend, &r, &c),
            "IT spend by financial year (£m): The Dudley Group NHS Foundation Trust"
        );
        assert_eq!(
            embed_title(ChartKey::Dma, &r, &c),
            "DMA pillar scores against the median of trusts in England: The Dudley Group NHS Foundation Trust"
        );
    }

    #[test]
    fn an_embed_carries_its_source_and_the_dma_caveats() {
        let (r, c) = dudley();
        let spend = embed_notes(ChartKey::Spend, &r, &c, true);
        assert_eq!(spend.len(), 1, "{spend:?}");
        assert!(
            spend[0].starts_with(
                "Source: The Dudley Group NHS Foundation Trust's reply to a Freedom of Information request (ref. "
            ),
            "{}",
            spend[0]
        );
        assert!(spend[0].ends_with("; figures read from its text by foi-lens."));
        let dma = embed_notes(ChartKey::Dma, &r, &c, false);
        assert!(
            dma[0].ends_with("; figures as given to foi-lens."),
            "{dma:?}"
        );
        assert!(dma.last().unwrap().contains(RANK_CAVEAT));
    }
}

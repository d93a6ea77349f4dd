//! The one-paragraph plain-English summary a journalist can paste: "The Dudley Group spent
//! £18.4m on IT in 2024/25, up 11% on 2023/24. Its self-assessed digital maturity, 3.1 out of 5,
//! is in the top quarter of acute trusts …".
//!
//! Built only from the values on screen (the response with the user's corrections, plus the
//! benchmark facts the page shows), never from anything else; says nothing about a figure that
//! is missing; and always carries the caveat that DMA scores are self-assessed.

use super::{format, wording};
use crate::model::{DmaStatus, HimssStatus, Response, SpendYear};

/// Where the response's DMA stands among its peers (from the bundled dataset), as the page
/// shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// The group in prose, plural: "acute trusts", "trusts in England", "trusts in the
    /// Midlands".
    pub group: String,
    /// How many organisations the group has.
    pub n: usize,
    /// The share of the group scoring below this one, 0–100.
    pub percentile: f64,
}

/// The dataset's published scores for a trust whose response withheld them.
#[derive(Clone, Debug, PartialEq)]
pub struct Published {
    /// The mean of the seven pillar scores in the dataset (the same measure as an FOI
    /// "overall"), per care setting when the trust assessed several: ("mental health", 2.9).
    pub means: Vec<(String, f64)>,
    /// When NHS England published them, for prose: "March 2026".
    pub when: String,
}

/// Benchmark facts the summary may use.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    pub standing: Option<Standing>,
    pub published: Option<Published>,
}

/// The caveat every DMA statement needs.
pub const CAVEAT: &str = "DMA scores are self-assessed by each organisation against NHS \
    England's \"What Good Looks Like\" framework and are not independently audited.";

/// The summary paragraph for `r` ("" when the response has nothing to summarise).
pub fn summary(r: &Response, ctx: &Context) -> String {
    let name = r
        .organisation
        .as_ref()
        .map(|o| short_name(&o.value))
        .unwrap_or_else(|| "The organisation".into());
    let mut sentences: Vec<String> = Vec::new();
    let mut subject_used = false;
    let subject = |subject_used: &mut bool| {
        if *subject_used {
            "It".to_string()
        } else {
            *subject_used = true;
            name.clone()
        }
    };

    if let Some(s) = spend_sentence(r) {
        sentences.push(format!("{} {s}", subject(&mut subject_used)));
    }
    let dma = dma_sentence(r, ctx);
    let mention_dma = dma.is_some();
    if let Some(s) = dma {
        let who = if subject_used {
            "Its".to_string()
        } else {
            subject_used = true;
            format!("{name}'s")
        };
        sentences.push(format!("{who} {s}"));
    }
    if let Some(s) = himss_sentence(r) {
        sentences.push(format!("{} {s}", subject(&mut subject_used)));
    }
    if sentences.is_empty() {
        return String::new();
    }
    if mention_dma {
        sentences.push(CAVEAT.into());
    }
    if let Some(source) = source_sentence(r) {
        sentences.push(source);
    }
    sentences.join(" ")
}

/// "The Dudley Group NHS Foundation Trust" → "The Dudley Group": the legal form is dropped for
/// prose, the way news reports name trusts after first reference.
pub fn short_name(full: &str) -> String {
    let t = full.trim();
    for suffix in [
        " NHS Foundation Trust",
        " NHS Trust",
        " Foundation Trust",
        " NHS FT",
    ] {
        if t.len() > suffix.len()
            && t.is_char_boundary(t.len() - suffix.len())
            && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        {
            return t[..t.len() - suffix.len()].trim_end().to_string();
        }
    }
    t.to_string()
}

/// "spent £18.4m on IT in 2024/25, up 11% on 2023/24." from the latest two years with totals.
fn spend_sentence(r: &Response) -> Option<String> {
    let with_total: Vec<&SpendYear> = r.it_spend.iter().filter(|s| s.total.is_some()).collect();
    let latest = *with_total.last()?;
    let total = latest.total.as_ref()?.value;
    let mut s = format!("spent {} on IT in {}", format::millions(total), latest.year);
    if let Some(prev) = with_total
        .iter()
        .rev()
        .nth(1)
        .filter(|p| p.year.0 + 1 == latest.year.0)
    {
        let before = prev.total.as_ref()?.value;
        if before > 0 {
            let change = (total - before) as f64 / before as f64 * 100.0;
            let rounded = change.round();
            let phrase = if rounded == 0.0 {
                format!(
                    "about the same as in {} ({})",
                    prev.year,
                    format::millions(before)
                )
            } else if rounded > 0.0 {
                format!("up {rounded:.0}% on {}", prev.year)
            } else {
                format!("down {:.0}% on {}", -rounded, prev.year)
            };
            s.push_str(", ");
            s.push_str(&phrase);
        }
    }
    if let Some(staff) = latest.breakdown.staff.as_ref() {
        if total > 0 && staff.value <= total {
            let share = (staff.value as f64 / total as f64 * 100.0).round();
            s.push_str(&format!(
                ", of which {} ({share:.0}%) on IT staff",
                format::millions(staff.value)
            ));
        }
    }
    s.push('.');
    Some(s)
}

/// The DMA sentence, without its subject: "self-assessed digital maturity, 3.1 out of 5, is in
/// the top quarter of acute trusts (…)." or what was done with the question instead.
fn dma_sentence(r: &Response, ctx: &Context) -> Option<String> {
    let codes: Vec<&str> = r.exemptions.iter().map(|e| e.value.as_str()).collect();
    let overall = r.dma.as_ref().and_then(|d| {
        d.overall
            .as_ref()
            .map(|v| v.value)
            .or_else(|| d.pillars.mean())
    });
    if let Some(score) = overall {
        let mut s = format!(
            "self-assessed digital maturity score is {} out of 5",
            format::score(score)
        );
        if let Some(st) = &ctx.standing {
            s = format!(
                "self-assessed digital maturity, {} out of 5, is {} {} ({} organisations in the NHS England 2025 dataset, comparing the mean of the seven pillars)",
                format::score(score),
                quarter_phrase(st.percentile),
                st.group,
                st.n
            );
        }
        if let Some(d) = &r.dma {
            let pillars: Vec<(f64, &str)> = crate::model::Pillar::ALL
                .iter()
                .filter_map(|p| d.pillars.get(*p).map(|v| (v.value, p.label())))
                .collect();
            if pillars.len() >= 2 {
                let lo = pillars
                    .iter()
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .expect("two pillars");
                let hi = pillars
                    .iter()
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .expect("two pillars");
                if hi.0 > lo.0 {
                    s.push_str(&format!(
                        ", ranging from {} for {} to {} for {}",
                        format::score(lo.0),
                        lo.1,
                        format::score(hi.0),
                        hi.1
                    ));
                }
            }
        }
        s.push('.');
        return Some(s);
    }
    let published = ctx.published.as_ref().filter(|p| !p.means.is_empty());
    let mut s = match r.dma_status.value {
        DmaStatus::Exempt => {
            match wording::sections_phrase(&codes) {
                Some(sections) => {
                    let why = codes
                        .first()
                        .and_then(|c| wording::section_number(c))
                        .filter(|_| codes.len() == 1)
                        .and_then(wording::exemption_reason)
                        .map(|w| format!(" ({w})"))
                        .unwrap_or_default();
                    format!("digital maturity scores were withheld under {sections} of the FOI Act{why}")
                }
                None => "digital maturity scores were withheld under an FOI exemption".into(),
            }
        }
        DmaStatus::NotHeld => "digital maturity scores were not held, the response says".into(),
        DmaStatus::NotAssessed => "digital maturity was not assessed, the response says".into(),
        _ => return None,
    };
    if let Some(p) = published {
        let figures: Vec<String> = p
            .means
            .iter()
            .map(|(setting, mean)| {
                if p.means.len() == 1 {
                    format!("{} out of 5", format::score(*mean))
                } else {
                    format!("{} out of 5 for {setting} services", format::score(*mean))
                }
            })
            .collect();
        s.push_str(&format!(
            "; NHS England's dataset published in {} gives it a mean pillar score of {}",
            p.when,
            join_and(&figures)
        ));
    }
    s.push('.');
    Some(s)
}

fn quarter_phrase(percentile: f64) -> &'static str {
    if percentile >= 75.0 {
        "in the top quarter of"
    } else if percentile >= 50.0 {
        "above the median of"
    } else if percentile >= 25.0 {
        "below the median of"
    } else {
        "in the bottom quarter of"
    }
}

fn himss_sentence(r: &Response) -> Option<String> {
    let stages: Vec<String> = [
        ("EMRAM", r.emram_stage.as_ref()),
        ("INFRAM", r.infram_stage.as_ref()),
    ]
    .iter()
    .filter_map(|(name, v)| v.map(|v| format!("HIMSS {name} stage {}", v.value)))
    .collect();
    if !stages.is_empty() {
        return Some(format!("has reached {}.", join_and(&stages)));
    }
    match r.himss_status.value {
        HimssStatus::NotAssessed => Some("has not had a HIMSS EMRAM or INFRAM assessment.".into()),
        _ => None,
    }
}

fn source_sentence(r: &Response) -> Option<String> {
    let reference = r.reference.as_ref().map(|v| format!("ref. {}", v.value));
    let date = r
        .date
        .as_ref()
        .map(|v| format!("dated {}", wording::long_date(&v.value)));
    let parts: Vec<String> = [reference, date].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| {
        format!(
            "Source: Freedom of Information response ({}).",
            parts.join(", ")
        )
    })
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dma, FinYear, Pillar, Span, SpendYear, Value};

    fn v<T>(x: T) -> Value<T> {
        Value::found(x, Span::new(0, 1))
    }

    /// The Dudley Group's reply (tests/fixtures/dudley_it_spend_dma_himss_2025.expected.json),
    /// built by hand so this test does not depend on the extractor.
    fn dudley() -> Response {
        let mut r = Response {
            organisation: Some(v("The Dudley Group NHS Foundation Trust".into())),
            reference: Some(v("FOI-072025-0001722".into())),
            date: Some(v("2025-09-26".into())),
            ..Response::default()
        };
        for (year, total, staff) in [(2023, 16_467_000, 6_167_000), (2024, 18_351_000, 6_306_000)] {
            let mut s = SpendYear::new(FinYear(year), None);
            s.total = Some(v(total));
            s.breakdown.staff = Some(v(staff));
            r.it_spend.push(s);
        }
        let mut dma = Dma {
            overall: Some(v(3.1)),
            ..Dma::default()
        };
        for (p, x) in Pillar::ALL.iter().zip([4.3, 3.2, 2.8, 3.5, 2.4, 2.8, 2.8]) {
            *dma.pillars.get_mut(*p) = Some(v(x));
        }
        r.dma = Some(dma);
        r.dma_status = v(DmaStatus::Disclosed);
        r.himss_status = v(HimssStatus::NotAssessed);
        r
    }

    /// Leicestershire Partnership's reply: spend given, DMA withheld under s22.
    fn lpt() -> Response {
        let mut r = Response {
            organisation: Some(v("Leicestershire Partnership NHS Trust".into())),
            ..Response::default()
        };
        for (year, total) in [(2023, 13_107_000), (2024, 11_415_000)] {
            let mut s = SpendYear::new(FinYear(year), None);
            s.total = Some(v(total));
            r.it_spend.push(s);
        }
        r.dma_status = v(DmaStatus::Exempt);
        r.exemptions.push(v("s22".into()));
        r.himss_status = v(HimssStatus::NotAssessed);
        r
    }

    #[test]
    fn dudley_summary_reads_like_the_brief() {
        let s = summary(&dudley(), &Context::default());
        assert_eq!(
            s,
            "The Dudley Group spent £18.4m on IT in 2024/25, up 11% on 2023/24, of which £6.3m \
             (34%) on IT staff. Its self-assessed digital maturity score is 3.1 out of 5, ranging \
             from 2.4 for Empower Citizens to 4.3 for Well Led. It has not had a HIMSS EMRAM or \
             INFRAM assessment. DMA scores are self-assessed by each organisation against NHS \
             England's \"What Good Looks Like\" framework and are not independently audited. \
             Source: Freedom of Information response (ref. FOI-072025-0001722, dated 26 \
             September 2025)."
        );
    }

    #[test]
    fn standing_among_peers_is_put_in_quarters() {
        let ctx = Context {
            standing: Some(Standing {
                group: "acute trusts".into(),
                n: 120,
                percentile: 80.0,
            }),
            published: None,
        };
        let s = summary(&dudley(), &ctx);
        assert!(
            s.contains("Its self-assessed digital maturity, 3.1 out of 5, is in the top quarter of acute trusts (120 organisations"),
            "{s}"
        );
        assert_eq!(quarter_phrase(50.0), "above the median of");
        assert_eq!(quarter_phrase(24.9), "in the bottom quarter of");
    }

    #[test]
    fn withheld_dma_names_the_exemption_and_the_published_figure() {
        let s = summary(&lpt(), &Context::default());
        assert_eq!(
            s,
            "Leicestershire Partnership spent £11.4m on IT in 2024/25, down 13% on 2023/24. Its \
             digital maturity scores were withheld under section 22 of the FOI Act (intended for \
             future publication). It has not had a HIMSS EMRAM or INFRAM assessment. DMA scores \
             are self-assessed by each organisation against NHS England's \"What Good Looks \
             Like\" framework and are not independently audited."
        );
        let ctx = Context {
            standing: None,
            published: Some(Published {
                means: vec![("mental health".into(), 2.94), ("community".into(), 2.5)],
                when: "March 2026".into(),
            }),
        };
        let s = summary(&lpt(), &ctx);
        assert!(s.contains("(intended for future publication); NHS England's dataset published in March 2026 gives it a mean pillar score of 2.9 out of 5 for mental health services and 2.5 out of 5 for community services."), "{s}");
    }

    #[test]
    fn edited_values_are_what_the_summary_says() {
        let mut r = dudley();
        crate::report::fields::apply_edit(
            &mut r,
            crate::report::fields::Path::SpendTotal(1),
            "£20,000,000",
        )
        .unwrap();
        let s = summary(&r, &Context::default());
        assert!(
            s.starts_with("The Dudley Group spent £20.0m on IT in 2024/25, up 21% on 2023/24"),
            "{s}"
        );
    }

    #[test]
    fn missing_figures_are_left_out_not_invented() {
        assert_eq!(summary(&Response::default(), &Context::default()), "");
        let mut r = dudley();
        r.it_spend.clear();
        r.dma = None;
        r.dma_status = v(DmaStatus::NotAnswered);
        let s = summary(&r, &Context::default());
        assert_eq!(
            s,
            "The Dudley Group has not had a HIMSS EMRAM or INFRAM assessment. Source: Freedom of \
             Information response (ref. FOI-072025-0001722, dated 26 September 2025)."
        );
        let mut one_year = dudley();
        one_year.it_spend.remove(0);
        assert!(summary(&one_year, &Context::default())
            .starts_with("The Dudley Group spent £18.4m on IT in 2024/25, of which"));
    }

    #[test]
    fn legal_forms_are_dropped_from_names() {
        assert_eq!(
            short_name("The Dudley Group NHS Foundation Trust"),
            "The Dudley Group"
        );
        assert_eq!(
            short_name("Leicestershire Partnership NHS Trust"),
            "Leicestershire Partnership"
        );
        assert_eq!(short_name("NHS Trust"), "NHS Trust");
        assert_eq!(short_name("Guy's and St Thomas'"), "Guy's and St Thomas'");
    }
}

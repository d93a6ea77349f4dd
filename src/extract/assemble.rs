//! Candidates → the model: resolve each field, build the per-year spend, the DMA and HIMSS
//! values, decide the statuses, run the sanity checks (breakdown vs total, overall vs pillar
//! mean) and turn every note into a [`Warning`] with an original-text span.

use super::candidates::{self, Candidates, Chosen, Field, Note};
use super::doc::Doc;
use super::exemptions::Applied;
use super::status::{self, Signals};
use super::topics::Topic;
use crate::model::*;

/// Fill `response` from what the extractors found.
pub fn fill(
    doc: &Doc<'_>,
    found: &Candidates,
    applied: &[Applied],
    notes: Vec<Note>,
    response: &mut Response,
) {
    let (chosen, refusals) = candidates::resolve(found, |s, e| super::spend::quote(doc, s, e));
    let value = |c: &Chosen| c.value;
    let mk = |c: &Chosen| -> Span { doc.span(c.start, c.end) };

    // IT spend, one entry per year in order.
    let mut years: Vec<FinYear> = found.fields().into_iter().filter_map(Field::year).collect();
    years.sort();
    years.dedup();
    for y in &years {
        let mut entry = SpendYear::new(*y, None);
        if let Some(c) = chosen.get(&Field::SpendTotal(*y)) {
            entry.total = Some(money_value(c, mk(c)));
        }
        for cat in SpendCategory::ALL {
            if let Some(c) = chosen.get(&Field::SpendPart(*y, cat)) {
                *entry.breakdown.get_mut(cat) = Some(money_value(c, mk(c)));
            }
        }
        response.it_spend.push(entry);
    }

    // DMA.
    let mut dma = Dma::default();
    if let Some(c) = chosen.get(&Field::Overall) {
        dma.overall = Some(score_value(value(c), c, mk(c)));
    }
    for p in Pillar::ALL {
        if let Some(c) = chosen.get(&Field::Pillar(p)) {
            *dma.pillars.get_mut(p) = Some(score_value(value(c), c, mk(c)));
        }
    }
    let has_dma = dma.overall.is_some() || dma.pillars.count() > 0;

    // HIMSS.
    let stage = |f: Field| {
        chosen
            .get(&f)
            .map(|c| Value::found(c.value as u8, mk(c)).with_confidence(c.confidence))
    };
    response.emram_stage = stage(Field::Emram);
    response.infram_stage = stage(Field::Infram);

    // Exemptions, in order of first citation.
    for a in applied {
        if !response.exemptions.iter().any(|e| e.value == a.code) {
            response
                .exemptions
                .push(Value::found(a.code.clone(), doc.span(a.start, a.end)));
        }
    }
    // s12 / s14 refuse the whole request: a topic left without any answer was refused with it.
    let whole_request = applied
        .iter()
        .find(|a| (a.code == "s12" || a.code == "s14") && doc.topic(a.line).is_none());

    let dma_signals = status::signals(doc, Topic::Dma, applied);
    let himss_signals = status::signals(doc, Topic::Himss, applied);
    response.dma_status = dma_status(doc, &dma, &dma_signals, whole_request);
    response.himss_status = himss_status(doc, response, &himss_signals, whole_request);
    if has_dma {
        response.dma = Some(dma);
    }

    // Warnings: refusals (conflicts, ambiguities) first, then notes, then sanity checks.
    let path = |f: Option<Field>, r: &Response| f.map(|f| field_path(f, r));
    for r in &refusals {
        response.warnings.push(Warning::new(
            Some(field_path(r.field, response)),
            r.message.clone(),
            Some(doc.span(r.start, r.end)),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    let mut dropped = 0usize;
    for n in found.notes.iter().chain(notes.iter()) {
        // A hostile or enormous input could raise a warning per line; past a few hundred the
        // reader learns nothing more, so the rest are counted, not listed.
        if response.warnings.len() >= MAX_WARNINGS {
            dropped += 1;
            continue;
        }
        if !seen.insert((n.message.as_str(), n.range)) {
            continue;
        }
        response.warnings.push(Warning {
            level: n.level,
            field: path(n.field, response),
            message: n.message.clone(),
            span: n.range.map(|(s, e)| doc.span(s, e)),
        });
    }
    if dropped > 0 {
        response.warnings.push(Warning::note(
            None,
            format!("{dropped} more warnings of the same kinds are not listed"),
            None,
        ));
    }
    sanity_checks(response);
}

/// The most warnings listed for one response.
const MAX_WARNINGS: usize = 300;

fn money_value(c: &Chosen, span: Span) -> Value<Pounds> {
    Value::found(c.value.round() as Pounds, span).with_confidence(c.confidence)
}

fn score_value(v: f64, c: &Chosen, span: Span) -> Value<f64> {
    Value::found((v * 100.0).round() / 100.0, span).with_confidence(c.confidence)
}

/// The contract path of a field ("it_spend[1].total_gbp", "dma.pillars.well_led").
fn field_path(f: Field, r: &Response) -> String {
    let year_index = |y: FinYear| {
        r.it_spend
            .iter()
            .position(|s| s.year == y)
            .map_or_else(|| format!("it_spend[{y}]"), |i| format!("it_spend[{i}]"))
    };
    match f {
        Field::SpendTotal(y) => format!("{}.total_gbp", year_index(y)),
        Field::SpendPart(y, c) => format!("{}.breakdown.{}", year_index(y), c.key()),
        Field::Overall => "dma.overall".into(),
        Field::Pillar(p) => format!("dma.pillars.{}", p.key()),
        Field::Emram => "emram_stage".into(),
        Field::Infram => "infram_stage".into(),
    }
}

fn status_value<T>(v: T, range: Option<(usize, usize)>, doc: &Doc<'_>) -> Value<T> {
    Value {
        value: v,
        span: range.map(|(s, e)| doc.span(s, e)),
        confidence: Confidence::High,
        edited: false,
    }
}

fn dma_status(
    doc: &Doc<'_>,
    dma: &Dma,
    sig: &Signals,
    whole: Option<&Applied>,
) -> Value<DmaStatus> {
    let n = dma.pillars.count();
    let overall = dma.overall.is_some();
    let first_value = dma
        .overall
        .as_ref()
        .and_then(|v| v.span)
        .or_else(|| dma.pillars.0.iter().flatten().find_map(|v| v.span));
    let with_span = |s: DmaStatus| Value {
        value: s,
        span: first_value,
        confidence: Confidence::High,
        edited: false,
    };
    if n == 7 {
        return with_span(DmaStatus::Disclosed);
    }
    if n > 0 {
        return with_span(DmaStatus::Partial);
    }
    if overall {
        // The pillars were asked "if readily available": an overall alone is disclosed, unless
        // the rest was withheld.
        return with_span(if sig.exempt.is_some() {
            DmaStatus::Partial
        } else {
            DmaStatus::Disclosed
        });
    }
    if let Some(r) = sig.exempt {
        return status_value(DmaStatus::Exempt, Some(r), doc);
    }
    if let Some(r) = sig.not_assessed {
        return status_value(DmaStatus::NotAssessed, Some(r), doc);
    }
    if let Some(r) = sig.not_held {
        return status_value(DmaStatus::NotHeld, Some(r), doc);
    }
    if let Some(a) = whole {
        return status_value(DmaStatus::Exempt, Some((a.start, a.end)), doc);
    }
    Value::default()
}

fn himss_status(
    doc: &Doc<'_>,
    r: &Response,
    sig: &Signals,
    whole: Option<&Applied>,
) -> Value<HimssStatus> {
    if let Some(v) = r.emram_stage.as_ref().or(r.infram_stage.as_ref()) {
        return Value {
            value: HimssStatus::Disclosed,
            span: v.span,
            confidence: Confidence::High,
            edited: false,
        };
    }
    if let Some(x) = sig.exempt {
        return status_value(HimssStatus::Exempt, Some(x), doc);
    }
    if let Some(x) = sig.not_assessed {
        return status_value(HimssStatus::NotAssessed, Some(x), doc);
    }
    if let Some(x) = sig.not_held {
        return status_value(HimssStatus::NotHeld, Some(x), doc);
    }
    if let Some(a) = whole {
        return status_value(HimssStatus::Exempt, Some((a.start, a.end)), doc);
    }
    Value::default()
}

/// Checks that catch a misread: parts larger than the whole, an overall far from the pillars.
fn sanity_checks(r: &mut Response) {
    let mut extra = Vec::new();
    for (i, y) in r.it_spend.iter().enumerate() {
        let Some(total) = &y.total else { continue };
        let parts: i64 = SpendCategory::ALL
            .iter()
            .filter_map(|c| y.breakdown.get(*c).map(|v| v.value))
            .sum();
        if parts > total.value + total.value / 100 {
            extra.push(Warning::new(
                Some(format!("it_spend[{i}].breakdown")),
                format!(
                    "{}: the breakdown adds up to £{} but the total given is £{}; check both",
                    y.year,
                    group(parts),
                    group(total.value)
                ),
                total.span,
            ));
        }
    }
    if let Some(d) = &r.dma {
        if let (Some(o), Some(mean)) = (&d.overall, d.pillars.mean()) {
            if (o.value - mean).abs() > 0.5 {
                extra.push(Warning::new(
                    Some("dma.overall".into()),
                    format!(
                        "the overall DMA score {} is far from the mean of the seven pillars ({mean:.2}); check which figure is the overall",
                        o.value
                    ),
                    o.span,
                ));
            }
        }
    }
    r.warnings.extend(extra);
}

fn group(v: i64) -> String {
    let s = v.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_grouping() {
        assert_eq!(group(16_467_000), "16,467,000");
        assert_eq!(group(999), "999");
        assert_eq!(group(-1000), "-1,000");
    }
}

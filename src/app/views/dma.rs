//! The Digital Maturity Assessment: the scores the response gives (each editable) beside the
//! peer group's median and the response's rank, the peer-group and care-setting choices, and
//! the charts. Where the response withheld its scores, the published ones, labelled as such.

use super::figure::Figure;
use super::use_app;
use super::value::ValueView;
use crate::app::state::Action;
use crate::bench::{Measure, PeerGroup, RANK_CAVEAT};
use crate::chart::compare::{
    group_from_key, group_key, group_menu_label, lower_group, setting_from_key, setting_key,
};
use crate::model::Pillar;
use crate::report::fields::Path;
use crate::report::format;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[function_component(DmaSection)]
pub fn dma_section() -> Html {
    let app = use_app();
    let (Some(doc), Some(derived)) = (app.doc.clone(), app.derived.clone()) else {
        return html! {};
    };
    let r = &doc.response;
    let c = derived.comparison.clone();
    let on_group = {
        let dispatch = app.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(g) = group_from_key(&select.value()) {
                dispatch.dispatch(Action::SetPeers(g));
            }
        })
    };
    let on_setting = {
        let dispatch = app.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.dispatch(Action::PickSetting(setting_from_key(&select.value())));
        })
    };
    let stats = c.stats.clone();
    let stat = |m: Measure| {
        stats
            .as_ref()
            .and_then(|s| s.measures.iter().find(|x| x.measure == m).cloned())
    };
    let median_of = |m: Measure| {
        stat(m)
            .and_then(|s| s.peers)
            .map(|d| format::score(d.median))
            .unwrap_or_else(|| "—".into())
    };
    let rank_of = |m: Measure| {
        stat(m)
            .and_then(|s| s.position)
            .map(|p| format!("{} of {}", p.rank, p.out_of))
            .unwrap_or_else(|| "—".into())
    };
    let group_label = stats.as_ref().map(|s| s.label.clone());
    let compared = stats.is_some() && !c.subject_from_dataset;

    html! {
        <section class="panel dma" aria-labelledby="dma-heading">
            <h2 id="dma-heading">{ "Digital maturity (DMA)" }</h2>
            <p class="caveat">{ "Scores run from 1 (least mature) to 5 (most), against NHS England's “What Good Looks Like” framework. " }{ RANK_CAVEAT }</p>
            if c.stats.is_some() {
                <div class="controls" role="group" aria-label="What to compare with">
                    <label for="peer-select">{ "Compare with" }</label>
                    <select id="peer-select" onchange={on_group}>
                        { for PeerGroup::ALL.iter().map(|g| html! {
                            <option value={group_key(*g)} selected={*g == app.choices.group}>
                                { c.row.as_ref().map(|row| g.label(row.row)).unwrap_or_else(|| group_menu_label(*g).to_string()) }
                            </option>
                        }) }
                    </select>
                    if c.settings.len() > 1 {
                        <label for="setting-select">{ "Care setting" }</label>
                        <select id="setting-select" onchange={on_setting}>
                            { for c.settings.iter().map(|s| html! {
                                <option value={setting_key(Some(*s))} selected={c.row.as_ref().map(|r| r.setting) == Some(*s)}>{ s.label() }</option>
                            }) }
                        </select>
                    }
                </div>
                if let Some(row) = &c.row {
                    <p class="hint" id="row-explanation">{ row.explanation.clone() }</p>
                }
            } else if let Some(note) = &c.note {
                <p class="hint" id="bench-note">{ note.clone() }</p>
            }
            if r.dma.is_some() {
                <div class="table-scroll">
                    <table class="data" id="dma-table">
                        <caption class="visually-hidden">{ "DMA scores given in the response, with the peer group's median and the response's rank" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Pillar" }</th>
                            <th scope="col">{ "This response" }</th>
                            if compared {
                                <th scope="col">{ "Peer median" }</th>
                                <th scope="col"><abbr title="1 = highest; the response among its peers' assessments">{ "Rank" }</abbr></th>
                            }
                        </tr></thead>
                        <tbody>
                            <tr class="total-row">
                                <th scope="row">{ "Overall" }</th>
                                <td><ValueView path={Path::DmaOverall} id="dma-overall" /></td>
                                if compared {
                                    <td title="Median of the peers' mean of seven pillars">{ median_of(Measure::PillarMean) }</td>
                                    <td class="rank">{ rank_of(Measure::PillarMean) }</td>
                                }
                            </tr>
                            { for Pillar::ALL.iter().map(|p| html! {
                                <tr>
                                    <th scope="row">{ p.label() }</th>
                                    <td><ValueView path={Path::DmaPillar(*p)} /></td>
                                    if compared {
                                        <td>{ median_of(Measure::Pillar(*p)) }</td>
                                        <td class="rank">{ rank_of(Measure::Pillar(*p)) }</td>
                                    }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                if compared {
                    <p class="hint">{ format!("Overall is compared with the mean of the seven pillar scores of {} other assessments ({}), not with NHS England's weighted “comparable” score, which is a different measure.", stats.as_ref().map(|s| s.n_peers).unwrap_or(0), lower_group(&group_label.clone().unwrap_or_default())) }</p>
                }
            } else {
                <p id="dma-none">{ "The response gives no DMA scores." }</p>
            }
            if let Some(published) = derived.published.clone() {
                <Figure id="published-chart" title="Scores NHS England published (not in this response)"
                    class="dataset" note={c.published_label.clone().map(AttrValue::from)}
                    description={published.description.clone()} option={published.option.clone()}>
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{ "Pillar" }</th>
                            { for c.published.iter().map(|s| html! { <th scope="col">{ s.name.clone() }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for Pillar::ALL.iter().map(|p| html! {
                                <tr>
                                    <th scope="row">{ p.label() }</th>
                                    { for c.published.iter().map(|s| html! { <td>{ s.values[p.index()].map(format::score).unwrap_or_else(|| "—".into()) }</td> }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </Figure>
            }
            if let (Some(radar), Some(scores)) = (derived.radar.clone(), derived.scores.clone()) {
                <Figure id="radar-chart" title={match &group_label { Some(g) => format!("The seven pillars against the median of {}", lower_group(g)), None => "The seven DMA pillars".to_string() }}

                    note={c.subject_from_dataset.then(|| AttrValue::from("Scores from NHS England's published data, not from this response."))}
                    description={radar.description.clone()} option={radar.option.clone()}>
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{ "Pillar" }</th>
                            <th scope="col">{ scores.name.clone() }</th>
                            if stats.is_some() { <th scope="col">{ "Peer median" }</th> }
                        </tr></thead>
                        <tbody>
                            { for Pillar::ALL.iter().map(|p| html! {
                                <tr>
                                    <th scope="row">{ p.label() }</th>
                                    <td>{ scores.values[p.index()].map(format::score).unwrap_or_else(|| "—".into()) }</td>
                                    if stats.is_some() { <td>{ median_of(Measure::Pillar(*p)) }</td> }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </Figure>
            }
            if let (Some(dist), Some(stats)) = (derived.distribution.clone(), stats.clone()) {
                <Figure id="distribution-chart" title={format!("Each pillar across {}", lower_group(&stats.label))}
                    class="tall"
                    note={c.subject_from_dataset.then(|| AttrValue::from("The marked scores are NHS England's published data, not from this response."))}
                    description={dist.description.clone()} option={dist.option.clone()}>
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{ "Pillar" }</th>
                            <th scope="col">{ "Lowest" }</th><th scope="col">{ "Lower quartile" }</th>
                            <th scope="col">{ "Median" }</th><th scope="col">{ "Upper quartile" }</th>
                            <th scope="col">{ "Highest" }</th><th scope="col">{ "This organisation" }</th>
                            <th scope="col">{ "Percentile" }</th>
                        </tr></thead>
                        <tbody>
                            { for stats.measures.iter().map(|m| {
                                let d = m.peers;
                                let cell = |f: fn(&crate::bench::Distribution) -> f64| d.as_ref().map(|d| format::score(f(d))).unwrap_or_else(|| "—".into());
                                html! {
                                    <tr>
                                        <th scope="row">{ m.measure.label() }</th>
                                        <td>{ cell(|d| d.min) }</td><td>{ cell(|d| d.q1) }</td><td>{ cell(|d| d.median) }</td>
                                        <td>{ cell(|d| d.q3) }</td><td>{ cell(|d| d.max) }</td>
                                        <td>{ m.subject.map(format::score).unwrap_or_else(|| "—".into()) }</td>
                                        <td>{ m.position.map(|p| format!("{:.0}", p.percentile)).unwrap_or_else(|| "—".into()) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </Figure>
            }
        </section>
    }
}

//! The Digital Maturity Assessment: the scores the response gives (each editable), and the
//! charts comparing them with other trusts.

use super::figure::Figure;
use super::use_app;
use super::value::ValueView;
use crate::model::Pillar;
use crate::report::fields::Path;
use crate::report::format;
use yew::prelude::*;

#[function_component(DmaSection)]
pub fn dma_section() -> Html {
    let app = use_app();
    let (Some(doc), Some(derived)) = (app.doc.clone(), app.derived.clone()) else {
        return html! {};
    };
    let r = &doc.response;
    html! {
        <section class="panel dma" aria-labelledby="dma-heading">
            <h2 id="dma-heading">{ "Digital maturity (DMA)" }</h2>
            <p class="caveat">{ "DMA scores are self-assessed by each organisation against NHS England's “What Good Looks Like” framework (1 = least mature, 5 = most) and are not independently audited." }</p>
            if r.dma.is_some() {
                <div class="table-scroll">
                    <table class="data" id="dma-table">
                        <caption class="visually-hidden">{ "DMA scores given in the response" }</caption>
                        <thead><tr><th scope="col">{ "Pillar" }</th><th scope="col">{ "Score in the response" }</th></tr></thead>
                        <tbody>
                            <tr class="total-row"><th scope="row">{ "Overall" }</th><td><ValueView path={Path::DmaOverall} id="dma-overall" /></td></tr>
                            { for Pillar::ALL.iter().map(|p| html! {
                                <tr><th scope="row">{ p.label() }</th><td><ValueView path={Path::DmaPillar(*p)} /></td></tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            } else {
                <p id="dma-none">{ "The response gives no DMA scores." }</p>
            }
            if let (Some(radar), Some(scores)) = (derived.radar.clone(), derived.scores.clone()) {
                <Figure id="radar-chart" title="The seven DMA pillars"
                    description={radar.description.clone()} option={radar.option.clone()}>
                    <table class="data">
                        <thead><tr><th scope="col">{ "Pillar" }</th><th scope="col">{ scores.name.clone() }</th></tr></thead>
                        <tbody>
                            { for Pillar::ALL.iter().map(|p| html! {
                                <tr><th scope="row">{ p.label() }</th><td>{ scores.values[p.index()].map(format::score).unwrap_or_else(|| "—".into()) }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </Figure>
            }
        </section>
    }
}

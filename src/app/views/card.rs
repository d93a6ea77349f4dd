//! The results: who answered, when, what they said about each question, then the summary,
//! spend, DMA and any money tables.

use super::dma::DmaSection;
use super::matching::MatchControl;
use super::share::SharePanel;
use super::spend::SpendSection;
use super::summary::SummaryView;
use super::tables::MoneyTables;
use super::use_app;
use super::value::ValueView;
use crate::model::Level;
use crate::report::fields::Path;
use yew::prelude::*;

#[function_component(Results)]
pub fn results() -> Html {
    let app = use_app();
    let Some(doc) = app.doc.clone() else {
        return html! {};
    };
    let r = &doc.response;
    let general = app.general_warnings();
    html! {
        <section id="results" class="results" aria-labelledby="results-heading" tabindex="-1">
            <div class="panel card">
                <h2 id="results-heading">{ "What the response says" }</h2>
                <p class="hint">{ "Every figure links to its evidence in the source text: hover over it or tab to it. Click it or press Enter to correct it." }</p>
                <dl class="facts">
                    <dt>{ "Organisation" }</dt>
                    <dd><ValueView path={Path::Organisation} id="organisation" /></dd>
                    <dt>{ "In the DMA data as" }</dt>
                    <dd><MatchControl /></dd>
                    <dt>{ "FOI reference" }</dt>
                    <dd><ValueView path={Path::Reference} id="reference" /></dd>
                    <dt>{ "Date" }</dt>
                    <dd><ValueView path={Path::Date} id="date" /></dd>
                    <dt>{ "Digital Maturity Assessment" }</dt>
                    <dd><ValueView path={Path::DmaStatus} id="dma-status" /></dd>
                    <dt>{ "HIMSS" }</dt>
                    <dd>
                        <ValueView path={Path::HimssStatus} id="himss-status" />
                        if r.emram_stage.is_some() || r.infram_stage.is_some() {
                            <ul class="plain">
                                <li>{ "EMRAM: " }<ValueView path={Path::Emram} id="emram-stage" /></li>
                                <li>{ "INFRAM: " }<ValueView path={Path::Infram} id="infram-stage" /></li>
                            </ul>
                        }
                    </dd>
                    if !r.exemptions.is_empty() {
                        <dt>{ "Exemptions cited" }</dt>
                        <dd>
                            <ul class="plain" id="exemptions">
                                { for (0..r.exemptions.len()).map(|i| html! {
                                    <li><ValueView path={Path::Exemption(i)} /></li>
                                }) }
                            </ul>
                        </dd>
                    }
                </dl>
                if !general.is_empty() {
                    <ul class="warnings" aria-label="Warnings about this response">
                        { for general.iter().map(|w| html! {
                            <li class={classes!("field-warning", (w.level == Level::Note).then_some("note"))}>
                                <span aria-hidden="true">{ if w.level == Level::Note { "Note: " } else { "⚠ " } }</span>
                                { w.message.clone() }
                            </li>
                        }) }
                    </ul>
                }
            </div>
            <SummaryView />
            <SharePanel />
            <SpendSection />
            <DmaSection />
            <MoneyTables />
        </section>
    }
}

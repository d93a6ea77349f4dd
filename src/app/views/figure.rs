//! A chart as a figure: heading, text description, the chart, and its data table (collapsed).

use super::use_app;
use crate::app::echart::EChart;
use serde_json::Value;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FigureProps {
    /// The chart container's id; the heading and description get `-title` and `-desc`.
    pub id: AttrValue,
    pub title: AttrValue,
    /// The chart's text alternative (from `crate::chart`).
    pub description: AttrValue,
    pub option: Rc<Value>,
    /// A line under the heading, e.g. where the figures come from.
    #[prop_or_default]
    pub note: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    /// The data table.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(Figure)]
pub fn figure(props: &FigureProps) -> Html {
    let app = use_app();
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    html! {
        <figure class={classes!("figure", props.class.clone())} id={format!("{}-figure", props.id)}>
            <h3 id={title_id.clone()}>{ props.title.clone() }</h3>
            if let Some(note) = &props.note {
                <p class="figure-note">{ note.clone() }</p>
            }
            <EChart id={props.id.clone()} option={props.option.clone()} look={app.look}
                labelled_by={title_id} described_by={desc_id.clone()} />
            <p id={desc_id} class="chart-description">{ props.description.clone() }</p>
            if props.children != Html::default() {
                <details class="data-table">
                    <summary>{ "Data table" }</summary>
                    { props.children.clone() }
                </details>
            }
        </figure>
    }
}

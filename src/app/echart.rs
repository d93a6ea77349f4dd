//! One ECharts chart in a `<div>`: created when the component mounts, updated in place when its
//! options change (no re-init, no flicker), disposed when it unmounts.

use charming::{Chart, Echarts, WasmRenderer};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct EChartProps {
    /// DOM id of the chart's container (also how tests find it).
    pub id: AttrValue,
    pub chart: Rc<Chart>,
    /// What the chart shows, for screen readers.
    pub label: AttrValue,
    #[prop_or(640)]
    pub width: u32,
    #[prop_or(360)]
    pub height: u32,
}

impl PartialEq for EChartProps {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && Rc::ptr_eq(&self.chart, &other.chart)
            && self.label == other.label
            && self.width == other.width
            && self.height == other.height
    }
}

#[function_component(EChart)]
pub fn echart(props: &EChartProps) -> Html {
    let instance = use_mut_ref(|| None::<Echarts>);
    {
        let instance = instance.clone();
        let id = props.id.clone();
        let (width, height) = (props.width, props.height);
        use_effect_with(props.chart.clone(), move |chart| {
            let mut slot = instance.borrow_mut();
            match slot.as_ref() {
                Some(ec) => WasmRenderer::update(ec, chart),
                None => match WasmRenderer::new(width, height).render(&id, chart) {
                    Ok(ec) => *slot = Some(ec),
                    Err(e) => web_sys::console::error_1(&format!("chart {id}: {e}").into()),
                },
            }
            || ()
        });
    }
    html! { <div id={props.id.clone()} class="chart" role="img" aria-label={props.label.clone()}></div> }
}

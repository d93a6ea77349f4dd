//! One ECharts chart in a `<div>`: created when the component mounts (with the dark theme when
//! the reader prefers it), given a new option in place when the data changes (replacing, not
//! merging, so series that disappear go away), resized with its container, disposed when it
//! unmounts. If ECharts is missing or throws, the chart's box says so and the page carries on.

use crate::chart::look::{self, Look};
use serde::Serialize;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance (`echarts.init(...)`'s result).
    pub type Instance;

    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn init(el: &Element, theme: JsValue, opts: JsValue) -> Result<Instance, JsValue>;

    #[wasm_bindgen(catch, method, js_name = setOption)]
    fn set_option(this: &Instance, option: JsValue, opts: JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(method)]
    fn resize(this: &Instance);

    #[wasm_bindgen(method)]
    fn dispose(this: &Instance);
}

/// Plain JS objects and arrays (not `Map`s), as ECharts expects.
pub(super) fn to_js(v: &Value) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

#[derive(Properties, PartialEq, Clone)]
pub struct EChartProps {
    /// DOM id of the chart's container (how tests find it).
    pub id: AttrValue,
    /// The option (from `crate::chart`), before [`look::finish`].
    pub option: Rc<Value>,
    pub look: Look,
    /// Ids of the elements naming and describing the chart (its heading and text description).
    pub labelled_by: AttrValue,
    pub described_by: AttrValue,
    #[prop_or_default]
    pub class: Classes,
}

struct Live {
    chart: Instance,
    observer: Option<ResizeObserver>,
    // Kept alive as long as the observer calls it.
    _on_resize: Option<Closure<dyn FnMut()>>,
}

impl Live {
    fn stop(self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
        self.chart.dispose();
    }
}

#[function_component(EChart)]
pub fn echart(props: &EChartProps) -> Html {
    let node = use_node_ref();
    let live: Rc<RefCell<Option<Live>>> = use_mut_ref(|| None);
    let failed = use_state(|| None::<String>);

    // (Re)create the chart when the theme changes (ECharts themes are fixed at init).
    {
        let node = node.clone();
        let live = live.clone();
        let failed = failed.clone();
        use_effect_with(props.look.dark, move |dark| {
            let theme = if *dark {
                JsValue::from_str("dark")
            } else {
                JsValue::NULL
            };
            if let Some(el) = node.cast::<Element>() {
                match init(&el, theme, JsValue::NULL) {
                    Ok(chart) => {
                        let chart_for_resize: Instance = JsValue::clone(&chart).unchecked_into();
                        let on_resize = Closure::<dyn FnMut()>::new(move || {
                            chart_for_resize.resize();
                        });
                        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
                        if let Some(o) = &observer {
                            o.observe(&el);
                        }
                        *live.borrow_mut() = Some(Live {
                            chart,
                            observer,
                            _on_resize: Some(on_resize),
                        });
                    }
                    Err(e) => failed.set(Some(format!("{e:?}"))),
                }
            }
            move || {
                if let Some(l) = live.borrow_mut().take() {
                    l.stop();
                }
            }
        });
    }

    // Give it the option (after the init effect above, which Yew runs first).
    {
        let live = live.clone();
        let failed = failed.clone();
        let id = props.id.clone();
        use_effect_with((props.option.clone(), props.look), move |(option, look)| {
            if let Some(l) = live.borrow().as_ref() {
                let opts = to_js(&serde_json::json!({"notMerge": true, "lazyUpdate": true}));
                if let Err(e) = l
                    .chart
                    .set_option(to_js(&look::finish(option, *look)), opts)
                {
                    web_sys::console::warn_1(&format!("chart {id}: {e:?}").into());
                    failed.set(Some(format!("{e:?}")));
                }
            }
            || ()
        });
    }

    // ECharts owns the children of the chart's div; Yew renders nothing inside it.
    html! {
        <>
            <div
                id={props.id.clone()}
                ref={node}
                class={classes!("chart", props.class.clone())}
                role="img"
                aria-labelledby={props.labelled_by.clone()}
                aria-describedby={props.described_by.clone()}
            ></div>
            if failed.is_some() {
                <p class="chart-failed">{ "This chart could not be drawn in this browser; the data table has the same figures." }</p>
            }
        </>
    }
}

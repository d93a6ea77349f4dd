//! Saving files from the page: CSV and JSON exports, the raw stored data, and each chart as PNG
//! (ECharts' own canvas image) or SVG (the same option drawn again by ECharts' SVG renderer).
//! Everything is made in the page and handed to the browser as a `blob:` download: nothing is
//! sent anywhere.

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

fn get(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// Call method `name` of `obj` with `args`.
fn call(obj: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: Function = get(obj, name)
        .dyn_into()
        .map_err(|_| format!("{name} is not available"))?;
    f.apply(obj, &args.iter().collect::<Array>())
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{name} failed")))
}

/// Offer `blob` for download as `file_name`.
fn save(file_name: &str, blob: &Blob) -> Result<(), String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let url = Url::create_object_url_with_blob(blob).map_err(|_| "could not make the file")?;
    let a: HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| "could not make the link")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Give the browser time to start the download before the address is released.
    let release = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w
            .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000);
    }
    Ok(())
}

fn blob_of(part: &JsValue, mime: &str) -> Result<Blob, String> {
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&Array::of1(part), &opts)
        .map_err(|_| "could not make the file".to_string())
}

/// Download `text` as `file_name` (UTF-8).
pub fn text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let bytes = Uint8Array::from(text.as_bytes());
    save(file_name, &blob_of(&bytes, mime)?)
}

fn echarts() -> Result<JsValue, String> {
    let e = get(&js_sys::global(), "echarts");
    if e.is_undefined() {
        return Err("the charts are not available on this page".into());
    }
    Ok(e)
}

/// Download the chart drawn in the element `id` as a PNG (twice the screen size, on white).
pub fn chart_png(id: &str, file_name: &str) -> Result<(), String> {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .ok_or("the chart is not on the page")?;
    let instance = call(&echarts()?, "getInstanceByDom", &[el.into()])?;
    if instance.is_undefined() || instance.is_null() {
        return Err("the chart has not been drawn".into());
    }
    let opts = Object::new();
    let _ = Reflect::set(&opts, &"type".into(), &"png".into());
    let _ = Reflect::set(&opts, &"pixelRatio".into(), &2.into());
    let _ = Reflect::set(&opts, &"backgroundColor".into(), &"#ffffff".into());
    let url = call(&instance, "getDataURL", &[opts.into()])?
        .as_string()
        .ok_or("no image")?;
    // data:image/png;base64,.... — decoded here (fetching a data: URL would need connect-src).
    let b64 = url.split_once(',').map(|(_, b)| b).ok_or("no image data")?;
    let binary = web_sys::window()
        .ok_or("no window")?
        .atob(b64)
        .map_err(|_| "bad image data")?;
    let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
    save(
        file_name,
        &blob_of(&Uint8Array::from(&bytes[..]), "image/png")?,
    )
}

/// The chart `option` drawn by ECharts' SVG renderer, without a page element (server-side
/// rendering mode), as an SVG document.
pub fn chart_svg_text(option: &Value, width: u32, height: u32) -> Result<String, String> {
    let mut option = option.clone();
    if let Some(o) = option.as_object_mut() {
        o.insert("animation".into(), Value::Bool(false));
        o.insert("backgroundColor".into(), Value::String("#ffffff".into()));
    }
    let js_option = option
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| e.to_string())?;
    let opts = Object::new();
    let _ = Reflect::set(&opts, &"renderer".into(), &"svg".into());
    let _ = Reflect::set(&opts, &"ssr".into(), &true.into());
    let _ = Reflect::set(&opts, &"width".into(), &width.into());
    let _ = Reflect::set(&opts, &"height".into(), &height.into());
    let chart = call(
        &echarts()?,
        "init",
        &[JsValue::NULL, JsValue::NULL, opts.into()],
    )?;
    let drawn = call(&chart, "setOption", &[js_option])
        .and_then(|_| call(&chart, "renderToSVGString", &[]));
    let _ = call(&chart, "dispose", &[]);
    drawn?.as_string().ok_or_else(|| "no SVG".to_string())
}

/// Download the chart `option` as an SVG file.
pub fn chart_svg(option: &Value, width: u32, height: u32, file_name: &str) -> Result<(), String> {
    let svg = chart_svg_text(option, width, height)?;
    text(file_name, "image/svg+xml", &svg)
}

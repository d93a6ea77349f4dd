//! The few things the app asks of the browser, each turned into an [`Action`]: the clipboard
//! (the Paste button), reading dropped or picked files, files dragged over the window, and the
//! reader's colour-scheme and motion preferences. No logic about FOI replies lives here.

use super::state::{Action, Notice, NoticeKind, State};
use crate::chart::look::Look;
use crate::share::route::Dark;
use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{DragEvent, File, FileList, HtmlElement, MediaQueryList};
use yew::UseReducerDispatcher;

type Dispatch = UseReducerDispatcher<State>;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Read the clipboard's text into the paste area. Browsers may refuse (no permission, an
/// insecure page, an old browser): then say how to paste by hand instead.
pub fn paste_from_clipboard(dispatch: Dispatch) {
    let fallback = |why: &str| {
        Action::Notify(Notice {
            kind: NoticeKind::Problem,
            text: format!(
                "This browser did not let foi-lens read the clipboard ({why}). Click in the \
                 text box and press Ctrl+V (⌘V on a Mac) instead."
            ),
        })
    };
    let Some(promise) = read_text_promise() else {
        dispatch.dispatch(fallback("no clipboard access on this page"));
        return;
    };
    spawn_local(async move {
        match JsFuture::from(promise).await {
            Ok(text) => match text.as_string() {
                Some(t) => dispatch.dispatch(Action::Input(t)),
                None => dispatch.dispatch(fallback("the clipboard holds no text")),
            },
            Err(_) => dispatch.dispatch(fallback("permission was refused")),
        }
    });
}

/// `navigator.clipboard.readText()`, checked step by step (any of it may be missing).
fn read_text_promise() -> Option<Promise> {
    let nav: JsValue = window()?.navigator().into();
    let clipboard = Reflect::get(&nav, &"clipboard".into()).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let read: Function = Reflect::get(&clipboard, &"readText".into())
        .ok()?
        .dyn_into()
        .ok()?;
    read.call0(&clipboard).ok()?.dyn_into().ok()
}

/// Copy `text` to the clipboard; says whether that worked.
pub fn copy_to_clipboard(dispatch: Dispatch, text: String) {
    let done = |ok: bool| {
        Action::Notify(Notice {
            kind: if ok {
                NoticeKind::Info
            } else {
                NoticeKind::Problem
            },
            text: if ok {
                "Summary copied to the clipboard.".into()
            } else {
                "This browser did not let foi-lens write to the clipboard: select the summary \
                 text and copy it with Ctrl+C (⌘C on a Mac)."
                    .into()
            },
        })
    };
    spawn_local(async move {
        let ok = write_clipboard(&text).await;
        dispatch.dispatch(done(ok));
    });
}

/// Read dropped or picked files in the parsing worker (off the page's thread) into the
/// workspace (`super::batch`); a single file is also shown as soon as it is parsed.
pub fn read_files(dispatch: Dispatch, files: Option<FileList>) {
    let Some(files) = files else { return };
    let files: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    if let [file] = files.as_slice() {
        dispatch.dispatch(Action::FileStarted {
            name: file.name(),
            bytes: file.size().max(0.0) as usize,
        });
    }
    super::batch::read_files(&dispatch, files);
}

/// True if the drag carries files (not text being dragged within the page).
fn carries_files(e: &DragEvent) -> bool {
    e.data_transfer()
        .map(|dt| {
            dt.types()
                .iter()
                .any(|t| t.as_string().as_deref() == Some("Files"))
        })
        .unwrap_or(false)
}

/// Accept files dropped anywhere on the page; without this, a file dropped beside the paste
/// area would make the browser leave the page and lose what is on it. Returns the listeners
/// (dropping them removes them).
pub fn listen_for_drops(dispatch: Dispatch) -> Vec<EventListener> {
    let Some(win) = window() else {
        return Vec::new();
    };
    let active = EventListenerOptions::enable_prevent_default();
    let over = {
        let dispatch = dispatch.clone();
        EventListener::new_with_options(&win, "dragover", active, move |e| {
            let e: &DragEvent = e.unchecked_ref();
            if carries_files(e) {
                e.prevent_default();
                if let Some(dt) = e.data_transfer() {
                    dt.set_drop_effect("copy");
                }
                dispatch.dispatch(Action::Dragging(true));
            }
        })
    };
    let leave = {
        let dispatch = dispatch.clone();
        EventListener::new(&win, "dragleave", move |e| {
            let e: &DragEvent = e.unchecked_ref();
            // Leaving the window (not just moving between elements).
            if e.related_target().is_none() {
                dispatch.dispatch(Action::Dragging(false));
            }
        })
    };
    let drop = EventListener::new_with_options(&win, "drop", active, move |e| {
        let e: &DragEvent = e.unchecked_ref();
        if carries_files(e) {
            e.prevent_default();
            dispatch.dispatch(Action::Dragging(false));
            read_files(
                dispatch.clone(),
                e.data_transfer().and_then(|dt| dt.files()),
            );
        }
    });
    vec![over, leave, drop]
}

fn media(query: &str) -> Option<MediaQueryList> {
    window()?.match_media(query).ok().flatten()
}

/// The reader's current preferences.
pub fn current_look() -> Look {
    Look {
        dark: media("(prefers-color-scheme: dark)").is_some_and(|m| m.matches()),
        reduced_motion: media("(prefers-reduced-motion: reduce)").is_some_and(|m| m.matches()),
    }
}

/// The reader's preferences, with light or dark as an embedding page asked (`dark=`).
pub fn current_look_as(dark: Dark) -> Look {
    let look = current_look();
    Look {
        dark: dark.resolve(look.dark),
        ..look
    }
}

/// Follow changes of the colour scheme and motion preferences (e.g. the OS switching to dark
/// at sunset).
pub fn listen_for_look(dispatch: Dispatch) -> Vec<EventListener> {
    listen_for_look_as(dispatch, Dark::Auto)
}

/// [`listen_for_look`], with light or dark fixed unless `dark` is `Auto`.
pub fn listen_for_look_as(dispatch: Dispatch, dark: Dark) -> Vec<EventListener> {
    [
        "(prefers-color-scheme: dark)",
        "(prefers-reduced-motion: reduce)",
    ]
    .iter()
    .filter_map(|q| media(q))
    .map(|m| {
        let dispatch = dispatch.clone();
        EventListener::new(&m, "change", move |_| {
            dispatch.dispatch(Action::SetLook(current_look_as(dark)))
        })
    })
    .collect()
}

/// Scroll `pane` (and only it: not the page) so that `mark` is in view, in the upper third.
pub fn scroll_within(pane: &HtmlElement, mark: &HtmlElement) {
    let top = mark.offset_top() - pane.client_height() / 3;
    pane.set_scroll_top(top.max(0));
}

/// Move keyboard focus to `el` (after an edit box closes, back to the value).
pub fn focus(el: &HtmlElement) {
    let _ = el.focus();
}

/// What the page's address asks for (`crate::share::route`).
pub fn route() -> crate::share::route::Route {
    let location = window().map(|w| w.location());
    let get = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    crate::share::route::route(
        &get(web_sys::Location::search),
        &get(web_sys::Location::hash),
    )
}

/// The page's address (links and embed code are built on it).
pub fn page_href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Write `text` to the clipboard; true if the browser says it did. Browsers refuse without a
/// secure page, permission or a recent click: the caller then shows the text to copy by hand.
pub async fn write_clipboard(text: &str) -> bool {
    let attempt = || -> Option<Promise> {
        let nav: JsValue = window()?.navigator().into();
        let clipboard = Reflect::get(&nav, &"clipboard".into()).ok()?;
        let write: Function = Reflect::get(&clipboard, &"writeText".into())
            .ok()?
            .dyn_into()
            .ok()?;
        write
            .call1(&clipboard, &JsValue::from_str(text))
            .ok()?
            .dyn_into()
            .ok()
    };
    match attempt() {
        Some(p) => JsFuture::from(p).await.is_ok(),
        None => false,
    }
}

/// Follow `hashchange` (a share link pasted into the address bar of an open foi-lens changes
/// only the fragment: the page does not reload).
pub fn listen_for_links(dispatch: Dispatch) -> Option<EventListener> {
    let win = window()?;
    Some(EventListener::new(&win, "hashchange", move |_| {
        if let Some(action) = super::shared_view_action(&route()) {
            dispatch.dispatch(action);
        }
    }))
}

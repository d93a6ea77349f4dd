//! The workspace panel: add files (or a folder, or the pasted text), watch them being read,
//! sort and filter the table, open a row in the results card, compare the batch in charts,
//! export it (CSV, JSON, each chart as PNG and SVG), import an export, and clear it.
//!
//! 500 replies stay quick: the table shows [`PAGE_SIZE`](super::PAGE_SIZE) rows at a time and
//! each row is a component that redraws only when its own row changes; benchmark matches that
//! are missing (after an import) are filled in a few per step; storage is written per changed
//! entry.

use super::{download, parser, read_files, BatchAction, JobRow, SortKey, StoreStatus, PAGE_SIZE};
use crate::app::echart::EChart;
use crate::app::state::{Action, NoticeKind};
use crate::app::AppContext;
use crate::bench::OverallSource;
use crate::chart::batch as charts;
use crate::model::FinYear;
use crate::report::format;
use crate::workspace::row::Row;
use crate::workspace::transfer;
use crate::workspace::{Entry, EntryId, Workspace};
use serde_json::Value;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

fn act(app: &AppContext, a: BatchAction) {
    app.dispatch(Action::Batch(a));
}

/// Open the store and load what it holds (once per page).
fn load_store(app: AppContext) {
    let dispatch = app.dispatcher();
    spawn_local(async move {
        let send = |a: BatchAction| dispatch.dispatch(Action::Batch(a));
        let store = match crate::workspace::browser::Store::open().await {
            Ok(s) => Rc::new(s),
            Err(e) => {
                return send(BatchAction::StoreStatus(StoreStatus::NotKept(
                    e.to_string(),
                )))
            }
        };
        super::set_store(store.clone());
        match store.load().await {
            Ok(Ok(loaded)) => send(BatchAction::Loaded(Box::new(loaded))),
            Ok(Err(e)) => send(BatchAction::StoreStatus(StoreStatus::Damaged(
                e.to_string(),
            ))),
            Err(e) => send(BatchAction::StoreStatus(StoreStatus::NotKept(
                e.to_string(),
            ))),
        }
    });
}

/// Write what changed since the last save: entries whose shared copy is new, removed ones, and
/// the header. `saved` holds the entries as last written (holding them also keeps their
/// addresses from being reused, so "changed" is exact).
fn save_changes(app: &AppContext, saved: &mut HashMap<EntryId, Rc<Entry>>) {
    let b = &app.batch;
    if b.loaded_revision == Some(b.revision) {
        // Just read from the store: nothing to write back.
        *saved = b.ws.entries.iter().map(|e| (e.id, e.clone())).collect();
        return;
    }
    if b.store != StoreStatus::Kept {
        return;
    }
    let Some(store) = super::store() else { return };
    let changed: Vec<EntryId> =
        b.ws.entries
            .iter()
            .filter(|e| saved.get(&e.id).is_none_or(|old| !Rc::ptr_eq(old, e)))
            .map(|e| e.id)
            .collect();
    // Texts never change: only new entries' are written.
    let new: Vec<EntryId> = changed
        .iter()
        .filter(|id| !saved.contains_key(id))
        .copied()
        .collect();
    let removed: Vec<EntryId> = saved
        .keys()
        .filter(|id| b.ws.get(**id).is_none())
        .copied()
        .collect();
    *saved = b.ws.entries.iter().map(|e| (e.id, e.clone())).collect();
    let ws: Workspace = b.ws.clone();
    let dispatch = app.dispatcher();
    spawn_local(async move {
        if let Err(e) = store.write(&ws, &changed, &new, &removed).await {
            dispatch.dispatch(Action::Batch(BatchAction::StoreStatus(
                StoreStatus::NotKept(e.to_string()),
            )));
        }
    });
}

fn files_of(input: &HtmlInputElement) -> Vec<File> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Replies' files in a picked folder: documents only (not the `.DS_Store`s and thumbnails
/// that come with a folder).
fn is_document(name: &str) -> bool {
    let lower = name.to_lowercase();
    !lower.starts_with('.')
        && [
            ".txt", ".text", ".eml", ".htm", ".html", ".docx", ".odt", ".xlsx", ".xls", ".ods",
            ".pdf", ".csv", ".json",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

fn stamp() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn report(app: &AppContext, result: Result<(), String>) {
    if let Err(e) = result {
        act(
            app,
            BatchAction::Problem(format!("Could not save the file: {e}.")),
        );
    }
}

#[function_component(WorkspacePanel)]
pub fn workspace_panel() -> Html {
    let app = use_context::<AppContext>().expect("inside the app's context");
    let b = app.batch.clone();

    {
        let app = app.clone();
        use_effect_with((), move |_| {
            load_store(app);
            || ()
        });
    }
    // Keep the store in step with the workspace.
    {
        let saved = use_mut_ref(HashMap::<EntryId, Rc<Entry>>::new);
        let app2 = app.clone();
        use_effect_with(b.revision, move |_| {
            save_changes(&app2, &mut saved.borrow_mut());
            || ()
        });
    }
    // Fill in missing benchmark matches a few at a time, letting the page draw in between.
    {
        let app2 = app.clone();
        use_effect_with((b.pending_match.len(), b.revision), move |(pending, _)| {
            if *pending > 0 {
                let dispatch = app2.dispatcher();
                spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_millis(0)).await;
                    dispatch.dispatch(Action::Batch(BatchAction::MatchSome));
                });
            }
            || ()
        });
    }

    let files_input = use_node_ref();
    let folder_input = use_node_ref();
    let import_input = use_node_ref();
    let click = |r: NodeRef| {
        Callback::from(move |_| {
            if let Some(i) = r.cast::<HtmlInputElement>() {
                i.click();
            }
        })
    };
    let on_files = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = files_of(&input);
            input.set_value("");
            let dispatch = app.dispatcher();
            parser(&dispatch).add_files(files);
        })
    };
    let on_folder = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files: Vec<File> = files_of(&input)
                .into_iter()
                .filter(|f| is_document(&f.name()))
                .collect();
            input.set_value("");
            let dispatch = app.dispatcher();
            read_files(&dispatch, files);
        })
    };
    let on_import = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = files_of(&input);
            input.set_value("");
            let Some(file) = files.into_iter().next() else {
                return;
            };
            let dispatch = app.dispatcher();
            spawn_local(async move {
                let send = |a: BatchAction| dispatch.dispatch(Action::Batch(a));
                let text = match JsFuture::from(file.text()).await {
                    Ok(t) => t.as_string().unwrap_or_default(),
                    Err(_) => {
                        return send(BatchAction::Problem(format!(
                            "The browser could not open {}; check it is not still downloading.",
                            file.name()
                        )))
                    }
                };
                match transfer::import_json(&text) {
                    Ok(imported) => send(BatchAction::Imported(Box::new(imported))),
                    Err(e) => send(BatchAction::Problem(format!(
                        "Could not import {}: {e}.",
                        file.name()
                    ))),
                }
            });
        })
    };
    let on_add_pasted = {
        let app = app.clone();
        Callback::from(move |_| {
            let text = app.input.to_string();
            if text.trim().is_empty() {
                act(
                    &app,
                    BatchAction::Problem(
                        "The paste area is empty: paste a reply first, then add it.".into(),
                    ),
                );
                return;
            }
            let name = app.batch.ws.pasted_name();
            parser(&app.dispatcher()).add_text(name, text);
        })
    };
    let export = |kind: &'static str| {
        let app = app.clone();
        Callback::from(move |_| {
            let ws = &app.batch.ws;
            let day = stamp();
            let result = match kind {
                "csv" => download::text(
                    &format!("foi-lens-replies-{day}.csv"),
                    "text/csv;charset=utf-8",
                    &transfer::responses_csv(ws),
                ),
                "spend" => download::text(
                    &format!("foi-lens-spend-by-year-{day}.csv"),
                    "text/csv;charset=utf-8",
                    &transfer::spend_csv(ws),
                ),
                _ => download::text(
                    &format!("foi-lens-workspace-{day}.json"),
                    "application/json",
                    &transfer::export_json(ws),
                ),
            };
            report(&app, result);
        })
    };
    let on_raw = {
        let app = app.clone();
        Callback::from(move |_| {
            let Some(store) = super::store() else { return };
            let app = app.clone();
            spawn_local(async move {
                let result = match store.raw_dump().await {
                    Ok(raw) => download::text(
                        &format!("foi-lens-stored-data-{}.json", stamp()),
                        "application/json",
                        &raw,
                    ),
                    Err(e) => Err(e.to_string()),
                };
                report(&app, result);
            });
        })
    };
    let ask_clear = {
        let app = app.clone();
        Callback::from(move |_| act(&app, BatchAction::AskClear))
    };
    let keep = {
        let app = app.clone();
        Callback::from(move |_| act(&app, BatchAction::KeepWorkspace))
    };
    let clear = {
        let app = app.clone();
        Callback::from(move |_| {
            act(&app, BatchAction::Clear);
            // A damaged store is emptied too, so the next visit starts clean.
            if let Some(store) = super::store() {
                let dispatch = app.dispatcher();
                spawn_local(async move {
                    match store.clear().await {
                        Ok(()) => dispatch
                            .dispatch(Action::Batch(BatchAction::StoreStatus(StoreStatus::Kept))),
                        Err(e) => dispatch.dispatch(Action::Batch(BatchAction::StoreStatus(
                            StoreStatus::NotKept(e.to_string()),
                        ))),
                    }
                });
            }
        })
    };
    let cancel_all = {
        let app = app.clone();
        Callback::from(move |_| parser(&app.dispatcher()).cancel_all())
    };
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_| act(&app, BatchAction::DismissNotice))
    };

    let count = b.ws.len();
    let busy = !b.jobs.is_empty();
    let damaged = matches!(b.store, StoreStatus::Damaged(_));
    html! {
        <section id="workspace" class="panel workspace-panel" aria-labelledby="workspace-heading">
            <h2 id="workspace-heading">{ "Workspace: all the replies you have read" }</h2>
            <p class="hint">
                { "Every file you drop or open is kept here, in this browser only (never uploaded), so a round-robin FOI becomes one table you can sort, chart and export. Drop many files at once, or a folder." }
            </p>
            <div class="toolbar" role="group" aria-label="Workspace">
                <button type="button" id="batch-add-files" onclick={click(files_input.clone())}>{ "Add files…" }</button>
                <input ref={files_input} id="batch-files" class="visually-hidden" type="file" multiple=true tabindex="-1" aria-hidden="true" onchange={on_files} />
                <button type="button" id="batch-add-folder" onclick={click(folder_input.clone())}>{ "Add a folder…" }</button>
                <input ref={folder_input} id="batch-folder" class="visually-hidden" type="file" multiple=true webkitdirectory=true tabindex="-1" aria-hidden="true" onchange={on_folder} />
                <button type="button" id="batch-add-pasted" onclick={on_add_pasted}>{ "Add the pasted text" }</button>
                <button type="button" id="batch-import" onclick={click(import_input.clone())}>{ "Import JSON…" }</button>
                <input ref={import_input} id="batch-import-file" class="visually-hidden" type="file" accept=".json,application/json" tabindex="-1" aria-hidden="true" onchange={on_import} />
                <button type="button" id="batch-export-csv" disabled={count == 0} onclick={export("csv")}>{ "Export CSV" }</button>
                <button type="button" id="batch-export-spend" disabled={count == 0} onclick={export("spend")}>{ "Export CSV by year" }</button>
                <button type="button" id="batch-export-json" disabled={count == 0} onclick={export("json")}>{ "Export JSON" }</button>
                <button type="button" id="batch-clear" class="secondary" disabled={count == 0 && !damaged} onclick={ask_clear}>{ "Clear workspace…" }</button>
            </div>
            if b.confirm_clear {
                <div class="notice problem" role="alertdialog" aria-labelledby="batch-clear-question">
                    <p id="batch-clear-question">{ format!("Remove all {count} {} from this browser? Export them first if you want to keep them.", if count == 1 { "reply" } else { "replies" }) }</p>
                    <div class="notice-actions">
                        <button type="button" id="batch-clear-confirm" onclick={clear}>{ "Remove all" }</button>
                        <button type="button" class="secondary" id="batch-clear-keep" onclick={keep}>{ "Keep them" }</button>
                    </div>
                </div>
            }
            <div class="notice-area" role="status" aria-live="polite" id="batch-status">
                if busy || b.progress.total > 0 && b.progress.done < b.progress.total {
                    <Progress jobs={b.jobs.clone()} done={b.progress.done} total={b.progress.total} on_cancel_all={cancel_all} />
                }
                if let Some(n) = &b.notice {
                    <div class={classes!("notice", match n.kind { NoticeKind::Info => "info", NoticeKind::Problem => "problem" })}>
                        <p id="batch-notice">{ n.text.clone() }</p>
                        <div class="notice-actions">
                            if damaged {
                                <button type="button" id="batch-download-raw" onclick={on_raw}>{ "Download the stored data as it is" }</button>
                            } else if count > 0 && n.kind == NoticeKind::Problem {
                                <button type="button" onclick={export("json")}>{ "Export JSON" }</button>
                            }
                            <button type="button" class="secondary" onclick={dismiss}>{ "Dismiss" }</button>
                        </div>
                    </div>
                }
            </div>
            if count > 0 || busy {
                <Table />
                <Charts />
            } else {
                <p class="hint" id="batch-empty">{ "No replies yet. Add files above, or drop them anywhere on the page." }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ProgressProps {
    jobs: Vec<JobRow>,
    done: usize,
    total: usize,
    on_cancel_all: Callback<MouseEvent>,
}

#[function_component(Progress)]
fn progress(p: &ProgressProps) -> Html {
    // The file being read (or next in line: progress arrives a few times a second).
    let running = p.jobs.iter().find(|j| j.stage.is_some()).or(p.jobs.first());
    html! {
        <div class="batch-progress notice busy">
            <label for="batch-progress">
                { format!("Read {} of {}", p.done, p.total) }
                if let Some(j) = running {
                    { format!(": {} ({})", j.name, j.stage.map(|s| s.describe()).unwrap_or("starting")) }
                }
            </label>
            <progress id="batch-progress" max={p.total.to_string()} value={p.done.to_string()}></progress>
            <button type="button" class="secondary" id="batch-cancel-all" onclick={p.on_cancel_all.clone()}>{ "Cancel" }</button>
        </div>
    }
}

/// Files still being read that the table lists one by one.
const JOB_LINES: usize = 5;

fn sort_value(row: &Row, key: SortKey, year: Option<FinYear>) -> (Option<f64>, String) {
    match key {
        SortKey::Added => (Some(row.id as f64), String::new()),
        SortKey::Organisation => (None, row.label().to_lowercase()),
        SortKey::Spend => (
            year.and_then(|y| row.total_for(y)).map(|p| p as f64),
            String::new(),
        ),
        SortKey::Dma => (row.dma_overall.map(|d| d.0), String::new()),
        SortKey::Status => (None, row.dma_status.key().to_string()),
        SortKey::Warnings => (Some(row.warnings as f64), String::new()),
    }
}

#[function_component(Table)]
fn table() -> Html {
    let app = use_context::<AppContext>().expect("inside the app's context");
    let b = &app.batch;
    let rows = b.ordered_rows();
    let year = b.spend_year.or_else(|| {
        let plain: Vec<Row> = rows.iter().map(|r| (**r).clone()).collect();
        charts::default_spend_year(&plain)
    });
    let filter = b.filter.to_lowercase();
    let mut shown: Vec<Rc<Row>> = rows
        .into_iter()
        .filter(|r| {
            filter.is_empty()
                || r.label().to_lowercase().contains(&filter)
                || r.name.to_lowercase().contains(&filter)
                || r.organisation
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains(&filter)
                || r.matched
                    .as_ref()
                    .is_some_and(|m| m.name.to_lowercase().contains(&filter))
                || r.dma_status.key().contains(&filter)
                || r.exemptions.iter().any(|e| e.contains(&filter))
        })
        .collect();
    let (key, ascending) = b.sort;
    shown.sort_by(|x, y| {
        let (a, b) = (sort_value(x, key, year), sort_value(y, key, year));
        // Rows without a value go last either way.
        let ord = match (a.0, b.0) {
            (Some(p), Some(q)) => p.total_cmp(&q),
            (Some(_), None) => return std::cmp::Ordering::Less,
            (None, Some(_)) => return std::cmp::Ordering::Greater,
            (None, None) => a.1.cmp(&b.1),
        };
        let ord = if ascending { ord } else { ord.reverse() };
        ord.then(x.id.cmp(&y.id))
    });
    let total = shown.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = b.page.min(pages - 1);
    let visible: Vec<Rc<Row>> = shown
        .into_iter()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();

    let on_filter = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            act(&app, BatchAction::Filter(input.value()));
        })
    };
    let header = |label: &'static str, k: SortKey, id: &'static str| {
        let app = app.clone();
        let sorted = b.sort.0 == k;
        let aria = if sorted {
            if b.sort.1 {
                "ascending"
            } else {
                "descending"
            }
        } else {
            "none"
        };
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" id={id} onclick={Callback::from(move |_| act(&app, BatchAction::Sort(k)))}>
                    { label }{ if sorted { if b.sort.1 { " ▲" } else { " ▼" } } else { "" } }
                </button>
            </th>
        }
    };
    let page_button = |to: usize, label: &'static str, id: &'static str, disabled: bool| {
        let app = app.clone();
        html! { <button type="button" id={id} class="secondary" {disabled} onclick={Callback::from(move |_| act(&app, BatchAction::Page(to)))}>{ label }</button> }
    };
    let year_label = year.map(|y| y.to_string()).unwrap_or_else(|| "—".into());
    html! {
        <div class="batch-table-wrap">
            <label for="batch-filter">{ "Filter: " }</label>
            <input id="batch-filter" type="search" placeholder="trust, file, status or section…" value={b.filter.clone()} oninput={on_filter} />
            <span class="hint" id="batch-count">{ format!(" {total} of {} replies", b.ws.len()) }</span>
            <div class="table-scroll">
            <table class="data batch" id="batch-table">
                <caption class="visually-hidden">{ "Replies in the workspace" }</caption>
                <thead><tr>
                    { header("#", SortKey::Added, "sort-added") }
                    { header("Organisation", SortKey::Organisation, "sort-organisation") }
                    <th scope="col">{ "DMA dataset match" }</th>
                    <th scope="col">{ "Years" }</th>
                    { header("IT spend", SortKey::Spend, "sort-spend") }
                    { header("DMA overall", SortKey::Dma, "sort-dma") }
                    { header("DMA", SortKey::Status, "sort-status") }
                    <th scope="col">{ "HIMSS" }</th>
                    <th scope="col">{ "Exemptions" }</th>
                    { header("Warnings", SortKey::Warnings, "sort-warnings") }
                    <th scope="col"><span class="visually-hidden">{ "Actions" }</span></th>
                </tr>
                <tr class="subhead"><td colspan="4"></td><td>{ year_label }</td><td colspan="6"></td></tr>
                </thead>
                <tbody>
                    // The files still being read: the first few, and how many more.
                    { for b.jobs.iter().take(JOB_LINES).map(|j| html! { <JobLine key={format!("job-{}", j.job)} job={j.clone()} /> }) }
                    if b.jobs.len() > JOB_LINES {
                        <tr class="job"><td></td><td colspan="10">{ format!("… and {} more waiting", b.jobs.len() - JOB_LINES) }</td></tr>
                    }
                    { for visible.iter().map(|r| html! { <RowLine key={r.id} row={r.clone()} year={year} open={b.open == Some(r.id)} /> }) }
                </tbody>
            </table>
            </div>
            if pages > 1 {
                <nav class="pager" aria-label="Pages of the table">
                    { page_button(page.saturating_sub(1), "Previous", "batch-prev", page == 0) }
                    <span id="batch-page">{ format!(" Page {} of {pages} ", page + 1) }</span>
                    { page_button((page + 1).min(pages - 1), "Next", "batch-next", page + 1 >= pages) }
                </nav>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct JobProps {
    job: JobRow,
}

#[function_component(JobLine)]
fn job_line(p: &JobProps) -> Html {
    let app = use_context::<AppContext>().expect("inside the app's context");
    let job = p.job.job;
    let cancel = Callback::from(move |_| parser(&app.dispatcher()).cancel(job));
    html! {
        <tr class="job" data-job={job.to_string()}>
            <td>{ "…" }</td>
            <td colspan="8">
                { format!("{} ({}) — {}", p.job.name, crate::report::intake::human_size(p.job.bytes as usize), p.job.stage.map(|s| s.describe()).unwrap_or("waiting")) }
            </td>
            <td></td>
            <td><button type="button" class="secondary" onclick={cancel}>{ "Cancel" }</button></td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    row: Rc<Row>,
    year: Option<FinYear>,
    open: bool,
}

#[function_component(RowLine)]
fn row_line(p: &RowProps) -> Html {
    let app = use_context::<AppContext>().expect("inside the app's context");
    let r = &p.row;
    let id = r.id;
    let open = {
        let app = app.clone();
        Callback::from(move |_| {
            act(&app, BatchAction::Open(id));
            // Bring the results card into view.
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("results"))
            {
                el.scroll_into_view();
            }
        })
    };
    let remove = {
        let app = app.clone();
        Callback::from(move |_| act(&app, BatchAction::Remove(id)))
    };
    let dash = || "—".to_string();
    let title = r.organisation.clone().unwrap_or_else(|| r.name.clone());
    html! {
        <tr class={classes!(p.open.then_some("open"), r.error.is_some().then_some("failed"))} data-entry={id.to_string()}>
            <td>{ id }</td>
            <td>
                <button type="button" class="link open-entry" onclick={open} title={title}>{ r.label() }</button>
                <div class="file-name">{ r.name.clone() }</div>
            </td>
            if let Some(err) = &r.error {
                <td colspan="8" class="error">{ format!("Could not be read: {err}") }</td>
            } else {
                <td>{ r.matched.as_ref().map(|m| format!("{}{}", m.name, m.ods_code.as_ref().map(|c| format!(" ({c})")).unwrap_or_default())).unwrap_or_else(dash) }</td>
                <td>{ r.spend.iter().map(|s| s.year.to_string()).collect::<Vec<_>>().join(", ") }</td>
                <td class="num">{ p.year.and_then(|y| r.total_for(y)).map(format::pounds).unwrap_or_else(dash) }</td>
                <td class="num">{ match r.dma_overall {
                    Some((v, OverallSource::Stated)) => format::score(v),
                    Some((v, OverallSource::MeanOfPillars)) => format!("{} (mean)", format::score(v)),
                    None => dash(),
                } }</td>
                <td>{ r.dma_status.key().replace('_', " ") }</td>
                <td>{ r.himss_status.key().replace('_', " ") }</td>
                <td>{ if r.exemptions.is_empty() { dash() } else { r.exemptions.join(", ") } }</td>
                <td class="num">{ r.warnings }</td>
            }
            <td><button type="button" class="secondary" aria-label={format!("Remove {} from the workspace", r.name)} onclick={remove}>{ "Remove" }</button></td>
        </tr>
    }
}

/// One chart of the batch, with its description, data table, and PNG/SVG downloads.
#[derive(Properties, PartialEq)]
struct FigureProps {
    id: AttrValue,
    title: AttrValue,
    description: AttrValue,
    option: Rc<Value>,
    table: Vec<Vec<String>>,
    head: Vec<String>,
    /// Drawn this long after the figure appears, so the four charts do not all start in one
    /// go (each costs ECharts tens of milliseconds to set up).
    #[prop_or_default]
    delay_ms: u64,
}

#[function_component(BatchFigure)]
fn batch_figure(p: &FigureProps) -> Html {
    let app = use_context::<AppContext>().expect("inside the app's context");
    let png = {
        let app = app.clone();
        let id = p.id.to_string();
        Callback::from(move |_| {
            report(
                &app,
                download::chart_png(&id, &format!("foi-lens-{id}.png")),
            )
        })
    };
    let svg = {
        let app = app.clone();
        let id = p.id.to_string();
        let option = p.option.clone();
        Callback::from(move |_| {
            report(
                &app,
                download::chart_svg(
                    &crate::chart::look::finish(&option, Default::default()),
                    900,
                    520,
                    &format!("foi-lens-{id}.svg"),
                ),
            )
        })
    };
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        let delay = p.delay_ms;
        use_effect_with((), move |_| {
            spawn_local(async move {
                yew::platform::time::sleep(std::time::Duration::from_millis(delay)).await;
                ready.set(true);
            });
            || ()
        });
    }
    let shown = use_state(|| false);
    let on_toggle = {
        let shown = shown.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            shown.set(details.open());
        })
    };
    let title_id = format!("{}-title", p.id);
    let desc_id = format!("{}-desc", p.id);
    html! {
        <figure class="figure" id={format!("{}-figure", p.id)}>
            <h3 id={title_id.clone()}>{ p.title.clone() }</h3>
            if *ready {
                <EChart id={p.id.clone()} option={p.option.clone()} look={app.look} labelled_by={title_id} described_by={desc_id.clone()} />
            } else {
                <div class="chart" aria-hidden="true"></div>
            }
            <p id={desc_id} class="chart-description">{ p.description.clone() }</p>
            <div class="toolbar">
                <button type="button" class="secondary" id={format!("{}-png", p.id)} onclick={png}>{ "PNG" }</button>
                <button type="button" class="secondary" id={format!("{}-svg", p.id)} onclick={svg}>{ "SVG" }</button>
            </div>
            // The table is drawn when opened: 500 rows in four closed tables are 6,000 DOM
            // nodes nobody sees.
            <details class="data-table" ontoggle={on_toggle}>
                <summary>{ "Data table" }</summary>
                if *shown {
                    <table class="data">
                        <thead><tr>{ for p.head.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }</tr></thead>
                        <tbody>{ for p.table.iter().map(|r| html! { <tr>{ for r.iter().map(|c| html! { <td>{ c.clone() }</td> }) }</tr> }) }</tbody>
                    </table>
                }
            </details>
        </figure>
    }
}

/// What the charts show, computed once per change of the workspace.
#[derive(PartialEq)]
struct ChartSet {
    year: Option<FinYear>,
    years: Vec<FinYear>,
    spend: (Rc<Value>, String, Vec<Vec<String>>),
    dma: (Rc<Value>, String, Vec<Vec<String>>),
    scatter: (Rc<Value>, String, Vec<Vec<String>>),
    coverage: (Rc<Value>, String, Vec<Vec<String>>),
}

fn chart_set(rows: &[Row], chosen: Option<FinYear>) -> ChartSet {
    let years = crate::report::csv_responses::years_in(rows);
    let year = chosen.or_else(|| charts::default_spend_year(rows));
    let y = year.unwrap_or(FinYear(2024));
    ChartSet {
        spend: (
            Rc::new(charts::spend_by_trust(rows, y)),
            charts::spend_by_trust_description(rows, y),
            charts::spend_by_trust_table(rows, y)
                .into_iter()
                .map(|(l, p)| vec![l, format::pounds(p)])
                .collect(),
        ),
        dma: (
            Rc::new(charts::dma_by_trust(rows)),
            charts::dma_by_trust_description(rows),
            charts::dma_by_trust_table(rows)
                .into_iter()
                .map(|(l, s, src)| vec![l, format::score(s), src.to_string()])
                .collect(),
        ),
        scatter: (
            Rc::new(charts::spend_vs_dma(rows, y)),
            charts::spend_vs_dma_description(rows, y),
            charts::spend_vs_dma_table(rows, y)
                .into_iter()
                .map(|(l, d, p)| vec![l, format::score(d), format::pounds(p)])
                .collect(),
        ),
        coverage: (
            Rc::new(charts::coverage(rows)),
            charts::coverage_description(rows),
            charts::coverage_table(rows)
                .into_iter()
                .map(|s| {
                    let mut r = vec![s.outcome];
                    r.extend(s.counts.iter().map(|n| n.to_string()));
                    r
                })
                .collect(),
        ),
        year,
        years,
    }
}

#[function_component(Charts)]
fn charts_view() -> Html {
    let app = use_context::<AppContext>().expect("inside the app's context");
    let b = app.batch.clone();
    // While files are being read the charts follow every 25th, not every one (drawing four
    // charts 500 times over would cost more than reading the files).
    let busy = !b.jobs.is_empty();
    let key = if busy {
        (b.progress.done as u64 / 25, true)
    } else {
        (b.revision, false)
    };
    let set = use_memo((key, b.spend_year), move |(_, chosen)| {
        let rows: Vec<Row> = b.ordered_rows().iter().map(|r| (**r).clone()).collect();
        chart_set(&rows, *chosen)
    });
    let on_year = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let y = FinYear::from_label(&select.value());
            act(&app, BatchAction::SpendYear(y));
        })
    };
    let year = set.year.map(|y| y.to_string()).unwrap_or_default();
    html! {
        <div class="batch-charts" id="batch-charts">
            <h3>{ "Compare the replies" }</h3>
            if set.years.len() > 1 {
                <label for="batch-year">{ "IT spend for " }</label>
                <select id="batch-year" onchange={on_year}>
                    { for set.years.iter().map(|y| html! { <option value={y.to_string()} selected={y.to_string() == year}>{ y.to_string() }</option> }) }
                </select>
            }
            <div class="figures">
                <BatchFigure id="batch-spend-chart" delay_ms={0} title={format!("IT spend {year}, by trust")} description={set.spend.1.clone()} option={set.spend.0.clone()} table={set.spend.2.clone()} head={vec!["Trust".into(), format!("IT spend {year}")]} />
                <BatchFigure id="batch-dma-chart" delay_ms={120} title="DMA overall, against trusts in England" description={set.dma.1.clone()} option={set.dma.0.clone()} table={set.dma.2.clone()} head={vec!["Trust".into(), "DMA overall".into(), "Source".into()]} />
                <BatchFigure id="batch-scatter-chart" delay_ms={240} title={format!("IT spend {year} against DMA overall")} description={set.scatter.1.clone()} option={set.scatter.0.clone()} table={set.scatter.2.clone()} head={vec!["Trust".into(), "DMA overall".into(), format!("IT spend {year}")]} />
                <BatchFigure id="batch-coverage-chart" delay_ms={360} title="What the replies disclosed" description={set.coverage.1.clone()} option={set.coverage.0.clone()} table={set.coverage.2.clone()} head={vec!["Outcome".into(), "IT spend".into(), "DMA scores".into(), "HIMSS stages".into()]} />
            </div>
        </div>
    }
}

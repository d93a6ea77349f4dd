//! Embedding a chart in someone else's page: the iframe address, the copy-paste embed code, and
//! the message an embedded chart posts to its parent so the parent can size the iframe.
//!
//! The resize message (documented in README.md, "Embed a chart") is a plain object
//! `{"type": "foi-lens:resize", "version": 1, "id": <the frame's id= or null>, "height": <CSS
//! px>}`, posted to `window.parent` with target origin `"*"` (a height is not a secret, and the
//! chart cannot know who embeds it). `www/embed.js` listens for it; so can any
//! newsroom's own resize script. When the address has Pym.js's `childId`, the Pym message is
//! posted too, so pages that already use Pym need nothing new.

use super::route::Dark;
use serde_json::{json, Value as Json};

/// The `type` of the resize message.
pub const RESIZE_TYPE: &str = "foi-lens:resize";

/// The file a publisher includes to get `<foi-lens>` tags (beside the app's index.html).
pub const ELEMENT_SCRIPT: &str = "embed.js";

/// Height an iframe starts with before its first resize message (and keeps without a script).
pub const DEFAULT_HEIGHT: u32 = 460;

pub fn resize_message(frame: Option<&str>, height: u32) -> Json {
    json!({"type": RESIZE_TYPE, "version": 1, "id": frame, "height": height})
}

/// The tallest height posted: `www/embed.js` ignores more (a runaway layout must not make the
/// embedding page endless).
pub const MAX_HEIGHT: u32 = 20_000;

/// Decides when an embedded chart tells its parent its height: only when the whole-pixel
/// height changed (a ResizeObserver fires for sub-pixel and width-only changes too).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeightReport {
    last: Option<u32>,
}

impl HeightReport {
    /// The height to post for a measured `css_px`, or `None` if the parent already has it.
    /// Rounded up (a frame a pixel short shows a scroll bar); nonsense measurements are ignored.
    pub fn changed(&mut self, css_px: f64) -> Option<u32> {
        if !css_px.is_finite() || css_px <= 0.0 {
            return None;
        }
        let px = (css_px.ceil() as u32).min(MAX_HEIGHT);
        if self.last == Some(px) {
            return None;
        }
        self.last = Some(px);
        Some(px)
    }
}

/// Pym.js's child-to-parent height message.
pub fn pym_message(child_id: &str, height: u32) -> String {
    format!("pymxPYMx{child_id}xPYMxheightxPYMx{height}")
}

/// `page` without its query and fragment: the address links and embeds are built on.
pub fn page_address(href: &str) -> &str {
    let end = href.find(['?', '#']).unwrap_or(href.len());
    &href[..end]
}

/// The directory of `page` (up to and including its last `/`).
fn directory(page: &str) -> &str {
    match page.rfind('/') {
        Some(i) => &page[..=i],
        None => page,
    }
}

/// The iframe address for a packed view.
pub fn embed_url(page: &str, code: &str, dark: Dark) -> String {
    let mut url = format!("{}#embed={code}", page_address(page));
    if dark != Dark::Auto {
        url.push_str("&dark=");
        url.push_str(dark.key());
    }
    url
}

/// The two ways to embed, as HTML to copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedCode {
    /// `<foi-lens>` tag + script: resizes itself; a link to the view where scripts are stripped.
    pub tag: String,
    /// A bare iframe of fixed height, for pages that allow no scripts.
    pub iframe: String,
}

/// Embed code for a packed view on the foi-lens at `page`, described by `title` (the chart's
/// name and organisation: the iframe's accessible name and the fallback link's text).
pub fn embed_code(page: &str, code: &str, title: &str, dark: Dark) -> EmbedCode {
    let page = page_address(page);
    let script = format!("{}{ELEMENT_SCRIPT}", directory(page));
    let link = format!("{page}#s={code}");
    let dark_attr = if dark == Dark::Auto {
        String::new()
    } else {
        format!(" dark=\"{}\"", dark.key())
    };
    let tag = format!(
        "<foi-lens view=\"{}\"{dark_attr} title=\"{}\"><a href=\"{}\">{} (foi-lens)</a></foi-lens>\n<script src=\"{}\" defer></script>",
        attr(code),
        attr(title),
        attr(&link),
        text(title),
        attr(&script),
    );
    let iframe = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{DEFAULT_HEIGHT}\" style=\"border:0;width:100%;max-width:760px\" loading=\"lazy\"></iframe>",
        attr(&embed_url(page, code, dark)),
        attr(title),
    );
    EmbedCode { tag, iframe }
}

/// Escape for a double-quoted HTML attribute.
fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;").replace('\'', "&#39;")
}

/// Escape for HTML text.
fn text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resize_message_has_the_documented_shape() {
        assert_eq!(
            resize_message(Some("chart-1"), 512),
            json!({"type": "foi-lens:resize", "version": 1, "id": "chart-1", "height": 512})
        );
        assert_eq!(resize_message(None, 0)["id"], Json::Null);
        assert_eq!(pym_message("x1", 300), "pymxPYMxx1xPYMxheightxPYMx300");
    }

    #[test]
    fn heights_are_posted_once_per_change_rounded_up() {
        let mut h = HeightReport::default();
        assert_eq!(h.changed(412.2), Some(413));
        assert_eq!(h.changed(412.9), None, "same whole pixel");
        assert_eq!(h.changed(380.0), Some(380), "shrinking is posted too");
        assert_eq!(h.changed(f64::NAN), None);
        assert_eq!(h.changed(-5.0), None);
        assert_eq!(h.changed(1e9), Some(MAX_HEIGHT));
        assert_eq!(h.changed(380.0), Some(380));
    }

    #[test]
    fn embed_urls_keep_the_view_in_the_fragment() {
        assert_eq!(
            embed_url(
                "https://example.org/foi-lens/?embed#s=old",
                "1z.abc",
                Dark::Auto
            ),
            "https://example.org/foi-lens/#embed=1z.abc"
        );
        assert_eq!(
            embed_url("https://example.org/index.html", "1z.abc", Dark::On),
            "https://example.org/index.html#embed=1z.abc&dark=true"
        );
    }

    #[test]
    fn embed_code_points_at_the_element_script_beside_the_page() {
        let code = embed_code(
            "https://example.org/tools/foi-lens/index.html#s=x",
            "1z.abc",
            "IT spend, A Trust",
            Dark::Off,
        );
        assert_eq!(
            code.tag,
            "<foi-lens view=\"1z.abc\" dark=\"false\" title=\"IT spend, A Trust\"><a href=\"https://example.org/tools/foi-lens/index.html#s=1z.abc\">IT spend, A Trust (foi-lens)</a></foi-lens>\n<script src=\"https://example.org/tools/foi-lens/embed.js\" defer></script>"
        );
        assert_eq!(
            code.iframe,
            "<iframe src=\"https://example.org/tools/foi-lens/index.html#embed=1z.abc&amp;dark=false\" title=\"IT spend, A Trust\" width=\"100%\" height=\"460\" style=\"border:0;width:100%;max-width:760px\" loading=\"lazy\"></iframe>"
        );
    }

    #[test]
    fn a_hostile_organisation_name_cannot_break_out_of_the_embed_code() {
        let code = embed_code(
            "https://example.org/",
            "1z.abc",
            "\"><script>alert(1)</script><a title='",
            Dark::Auto,
        );
        for html in [&code.tag, &code.iframe] {
            assert!(!html.contains("<script>alert"), "{html}");
            assert!(!html.contains("\"><s"), "{html}");
            assert!(!html.contains("<a title"), "{html}");
        }
        assert!(code.iframe.contains(
            "title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a title=&#39;\""
        ));
        assert!(code
            .tag
            .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
}

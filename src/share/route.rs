//! What the page's address asks for: the full app or an embed, a view to open, light or dark.
//!
//! Read from both the query (`?embed&dark=true`, which a CMS may add) and the fragment
//! (`#s=CODE`, `#embed=CODE&dark=auto&id=chart-1`); the fragment wins. Data only ever travels in
//! the fragment, which the browser does not send to the server; the query holds flags at most.
//! Every input is accepted: unknown keys are ignored, bad values fall back to the default.

/// Light or dark, as the embedding page asked (`dark=auto|true|false`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dark {
    /// Follow the reader's system setting.
    #[default]
    Auto,
    On,
    Off,
}

impl Dark {
    pub fn key(self) -> &'static str {
        match self {
            Dark::Auto => "auto",
            Dark::On => "true",
            Dark::Off => "false",
        }
    }

    fn parse(value: &str) -> Dark {
        match value.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" | "dark" => Dark::On,
            "false" | "0" | "no" | "off" | "light" => Dark::Off,
            _ => Dark::Auto,
        }
    }

    /// Whether to draw dark, given the reader's system preference.
    pub fn resolve(self, system_prefers_dark: bool) -> bool {
        match self {
            Dark::Auto => system_prefers_dark,
            Dark::On => true,
            Dark::Off => false,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Route {
    /// Render only the chart and its source note (for an iframe).
    pub embed: bool,
    /// The packed view to open (`s=` or `embed=`), if any.
    pub code: Option<String>,
    pub dark: Dark,
    /// The embedding page's name for this frame (`id=`), echoed in resize messages.
    pub frame: Option<String>,
    /// Pym.js's `childId` (query), so pages that already use Pym resize us too.
    pub pym_child: Option<String>,
}

/// Longest frame id kept; longer ones are dropped (an id is a short name, not data).
const MAX_FRAME_ID: usize = 64;

/// Read `location.search` and `location.hash` (with or without their `?`/`#`).
pub fn route(search: &str, hash: &str) -> Route {
    let mut r = Route::default();
    let query = search.strip_prefix('?').unwrap_or(search);
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    for (from_fragment, part) in [(false, query), (true, fragment)] {
        for pair in part.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = match pair.split_once('=') {
                Some((k, v)) => (k, Some(percent_decode(v))),
                None => (pair, None),
            };
            match key {
                "embed" => {
                    r.embed = true;
                    // A view in the query would be sent to the server: only the fragment's counts.
                    if let (true, Some(v)) = (from_fragment, value) {
                        if !v.is_empty() {
                            r.code = Some(v);
                        }
                    }
                }
                // `embed=CODE` beats `s=CODE` whatever their order.
                "s" if from_fragment && (r.code.is_none() || !r.embed) => r.code = value,
                "dark" => r.dark = value.as_deref().map(Dark::parse).unwrap_or(Dark::On),
                "id" => r.frame = value.filter(|v| is_frame_id(v)),
                "childId" => r.pym_child = value.filter(|v| is_frame_id(v)),
                _ => {}
            }
        }
    }
    r
}

fn is_frame_id(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= MAX_FRAME_ID
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
}

/// `%41` → `A`; malformed escapes are kept as written; invalid UTF-8 becomes U+FFFD.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_address_is_the_full_app_with_no_view() {
        assert_eq!(route("", ""), Route::default());
        assert_eq!(route("?", "#"), Route::default());
    }

    #[test]
    fn a_share_link_opens_its_view_in_the_full_app() {
        let r = route("", "#s=1z.abc");
        assert!(!r.embed);
        assert_eq!(r.code.as_deref(), Some("1z.abc"));
    }

    #[test]
    fn embed_in_the_fragment_carries_the_view_and_options() {
        let r = route("", "#embed=1z.abc&dark=true&id=chart-2");
        assert_eq!(
            r,
            Route {
                embed: true,
                code: Some("1z.abc".into()),
                dark: Dark::On,
                frame: Some("chart-2".into()),
                pym_child: None,
            }
        );
    }

    #[test]
    fn embed_flag_in_the_query_and_view_in_the_fragment() {
        let r = route("?embed&dark=false", "#s=1z.abc");
        assert!(r.embed);
        assert_eq!(r.code.as_deref(), Some("1z.abc"));
        assert_eq!(r.dark, Dark::Off);
    }

    #[test]
    fn a_view_in_the_query_is_ignored_because_queries_reach_the_server() {
        let r = route("?embed=1z.abc&s=1z.def", "");
        assert!(r.embed);
        assert_eq!(r.code, None);
    }

    #[test]
    fn the_fragment_overrides_the_query() {
        assert_eq!(route("?dark=true", "#dark=false").dark, Dark::Off);
        assert_eq!(route("?dark=true", "#dark=auto").dark, Dark::Auto);
    }

    #[test]
    fn dark_values_people_write() {
        for (v, want) in [
            ("true", Dark::On),
            ("1", Dark::On),
            ("DARK", Dark::On),
            ("false", Dark::Off),
            ("light", Dark::Off),
            ("auto", Dark::Auto),
            ("purple", Dark::Auto),
        ] {
            assert_eq!(route("", &format!("#dark={v}")).dark, want, "{v}");
        }
        assert_eq!(route("?dark", "").dark, Dark::On, "bare flag");
    }

    #[test]
    fn frame_ids_are_short_plain_names_or_nothing() {
        assert_eq!(route("", "#id=a%2Db").frame.as_deref(), Some("a-b"));
        assert_eq!(route("", "#id=<script>").frame, None);
        assert_eq!(route("", &format!("#id={}", "a".repeat(65))).frame, None);
        assert_eq!(
            route("?childId=pym-1", "").pym_child.as_deref(),
            Some("pym-1")
        );
    }

    #[test]
    fn percent_escapes_are_decoded_and_broken_ones_kept() {
        assert_eq!(percent_decode("1z.ab%2Dc"), "1z.ab-c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%E2%82%AC"), "€");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in ["&&&", "=", "==&=", "%", "%%", "embed=&s=", "é=ü&%e9"] {
            let _ = route(s, s);
        }
        assert!(route("", "#embed=").embed);
        assert_eq!(route("", "#embed=").code, None);
    }
}

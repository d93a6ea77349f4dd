//! Share links and embeds: the view on screen packed into the URL *fragment* (the part after
//! `#`), which browsers never send to a server. A link reproduces the view with no server.
//!
//! A packed view (a "code") is `1z.` + base64url(raw DEFLATE(JSON of [`View`])): `1` is the
//! format version, `z` says the JSON is deflated. `1j.` + base64url(JSON) is also read, so a
//! publisher's script can write a code without a compressor (`www/embed.js` does).
//! Links go in `#s=CODE`; embeds in `#embed=CODE` (see [`route`]).
//!
//! Decoding is for hostile input: size caps before any work, bounded inflation, and every
//! failure is a [`ShareError`] whose message says what to do next. Nothing here panics.

mod base64url;
pub mod charts;
mod deflate;
pub mod embed;
pub mod open;
pub mod route;
mod view;

pub use view::{contract_from_values, values_for_link, View, MAX_EDITS, MAX_LABEL};

use deflate::InflateError;
use serde_json::{Map, Value as Json};
use std::fmt;

/// The link format this build writes and reads.
pub const FORMAT: u32 = 1;

/// The longest link foi-lens makes: 8 KiB of URL. Browsers accept far longer (Chromium 2 MB),
/// but links travel through e-mail clients, chat apps, CMS fields and social cards, several of
/// which cut or refuse URLs beyond a few thousand characters; 8 KiB is what common web servers
/// and proxies accept in a request line, so a foi-lens link is never the longest thing they see.
pub const MAX_LINK_BYTES: usize = 8 * 1024;

/// A code longer than this is refused before decoding (links are at most [`MAX_LINK_BYTES`];
/// allow some room for links made by hand or by other tools).
pub const MAX_CODE_BYTES: usize = 64 * 1024;

/// The most a code may unpack to. A link of 64 KiB of DEFLATE holds at most a few hundred KiB
/// of real text; anything asking for more is a bomb.
pub const MAX_VIEW_BYTES: usize = 1024 * 1024;

/// Why a link could not be opened. `Display` is the message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// `#s=` with nothing after it.
    Empty,
    /// Made by a different version of foi-lens.
    WrongVersion { found: u64 },
    /// Does not start like a foi-lens code at all.
    NotACode,
    /// Longer than any foi-lens link.
    TooLong { bytes: usize },
    /// A character that never appears in a code (a chat app or editor changed it).
    BadCharacter { index: usize, found: char },
    /// The code ends too soon.
    Truncated,
    /// Unpacks to more than [`MAX_VIEW_BYTES`].
    TooBig,
    /// Unpacks, but not to a view (details for the curious).
    Damaged(String),
}

const COPY_AGAIN: &str = "Copy the whole link again (some apps cut long links), or ask whoever sent it for the JSON export and drop that file on foi-lens instead.";

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => write!(f, "This link has nothing after its '#'. {COPY_AGAIN}"),
            ShareError::WrongVersion { found } => write!(
                f,
                "This link was made by a different version of foi-lens (link format {found}; this page reads format {FORMAT}). Open it with the foi-lens it came from, or ask whoever sent it for the JSON export."
            ),
            ShareError::NotACode => write!(
                f,
                "This link's '#' part is not a foi-lens view (those start with \"{FORMAT}z.\"). It may have been cut or edited. {COPY_AGAIN}"
            ),
            ShareError::TooLong { bytes } => write!(
                f,
                "This link's view is {}, longer than any link foi-lens makes ({} at most), so nothing was loaded. Ask whoever sent it for the JSON export instead.",
                kib(*bytes),
                kib(MAX_LINK_BYTES)
            ),
            ShareError::BadCharacter { index, found } => write!(
                f,
                "This link's view has a character foi-lens never writes ({found:?} at position {}): an app probably changed it on the way. {COPY_AGAIN}",
                index + 1
            ),
            ShareError::Truncated => write!(f, "This link's view is incomplete: it was cut short. {COPY_AGAIN}"),
            ShareError::TooBig => write!(
                f,
                "This link's view unpacks to more than {}, which no foi-lens link does, so nothing was loaded.",
                kib(MAX_VIEW_BYTES)
            ),
            ShareError::Damaged(why) => write!(f, "This link's view is damaged ({why}). {COPY_AGAIN}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// "8 KB", "23.4 KB", "1 MB" (1 KB = 1024 bytes).
fn kib(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 {
        return format!("{} MB", bytes / (1024 * 1024));
    }
    let k = bytes as f64 / 1024.0;
    if (k - k.round()).abs() < 0.05 {
        format!("{} KB", k.round() as u64)
    } else {
        format!("{k:.1} KB")
    }
}

/// Pack a view into a code (`1z.…`).
pub fn encode(view: &View) -> String {
    // Serialising plain strings, maps and vectors cannot fail.
    let json = serde_json::to_vec(view).unwrap_or_default();
    format!("{FORMAT}z.{}", base64url::encode(&deflate::deflate(&json)))
}

/// Unpack a code (`1z.…` or `1j.…`), as found after `#s=` or `#embed=`.
pub fn decode(code: &str) -> Result<View, ShareError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(ShareError::Empty);
    }
    if code.len() > MAX_CODE_BYTES {
        return Err(ShareError::TooLong { bytes: code.len() });
    }
    let (prefix, payload) = code.split_once('.').ok_or(ShareError::NotACode)?;
    let digits = prefix.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return Err(ShareError::NotACode);
    }
    let version: u64 = prefix[..digits].parse().map_err(|_| ShareError::NotACode)?;
    if version != u64::from(FORMAT) {
        return Err(ShareError::WrongVersion { found: version });
    }
    let packed = match &prefix[digits..] {
        "z" => true,
        "j" => false,
        _ => return Err(ShareError::NotACode),
    };
    let bytes = base64url::decode(payload).map_err(|e| match e {
        base64url::Base64Error::BadChar { index, found } => ShareError::BadCharacter {
            // Position in the whole code, as the user sees it.
            index: prefix.chars().count() + 1 + index,
            found,
        },
        base64url::Base64Error::BadLength => ShareError::Truncated,
    })?;
    let json = if packed {
        deflate::inflate(&bytes, MAX_VIEW_BYTES).map_err(|e| match e {
            InflateError::Truncated => ShareError::Truncated,
            InflateError::TooBig { .. } => ShareError::TooBig,
            InflateError::Corrupt => ShareError::Damaged("it does not unpack".into()),
        })?
    } else {
        bytes
    };
    if json.len() > MAX_VIEW_BYTES {
        return Err(ShareError::TooBig);
    }
    let json = String::from_utf8(json)
        .map_err(|_| ShareError::Damaged("it unpacks to something that is not text".into()))?;
    let view: View = serde_json::from_str(&json)
        .map_err(|e| ShareError::Damaged(format!("not a foi-lens view: {}", short(&e))))?;
    view.validate().map_err(ShareError::Damaged)?;
    Ok(view)
}

/// serde_json's message without its line/column noise for a one-line JSON.
fn short(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// What a share link carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carries {
    /// The reply's text and corrections: the recipient sees exactly this, with evidence.
    Text,
    /// Only the figures (the text did not fit): no evidence highlighting for the recipient.
    Values,
}

/// A link that fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub carries: Carries,
}

/// No link fits in [`MAX_LINK_BYTES`]. `Display` says so and offers the JSON export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLong {
    /// Length of the shortest link that could be made.
    pub bytes: usize,
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "A link to this view would be {}, over foi-lens's {} limit (longer links get cut by e-mail and chat apps). Export the JSON instead: whoever you send it to can drop the file on foi-lens and see the same figures.",
            kib(self.bytes),
            kib(MAX_LINK_BYTES)
        )
    }
}

/// The share link for `view` (which carries the text) at `base` (the page's address without
/// its fragment). If it is too long, the same view with `values` (the corrected figures as a
/// contract object, see [`values_for_link`]) is tried; if that is too long too, [`TooLong`].
pub fn share_link(
    base: &str,
    view: &View,
    values: Option<Map<String, Json>>,
) -> Result<Link, TooLong> {
    let carries = if view.text.is_some() {
        Carries::Text
    } else {
        Carries::Values
    };
    let with_text = format!("{base}#s={}", encode(view));
    if with_text.len() <= MAX_LINK_BYTES || carries == Carries::Values {
        return fits(with_text, carries);
    }
    let Some(values) = values else {
        return Err(TooLong {
            bytes: with_text.len(),
        });
    };
    let with_values = format!("{base}#s={}", encode(&view.with_values(values)));
    fits(with_values, Carries::Values)
}

fn fits(url: String, carries: Carries) -> Result<Link, TooLong> {
    if url.len() <= MAX_LINK_BYTES {
        Ok(Link { url, carries })
    } else {
        Err(TooLong { bytes: url.len() })
    }
}

#[cfg(test)]
mod tests;

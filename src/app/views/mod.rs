//! The page's building blocks: small function components that render the state they get from
//! [`super::AppContext`] and dispatch actions. They compute nothing: values come formatted from
//! `crate::report`, charts from `crate::chart`, all via the reducer.

mod card;
mod dma;
mod figure;
mod input;
mod matching;
mod notice;
mod share;
mod source;
mod spend;
mod summary;
mod tables;
mod value;
mod welcome;

pub use card::Results;
pub use figure::Figure;
pub use input::InputPanel;
pub use notice::NoticeBar;
pub use source::SourceView;
pub use welcome::Welcome;

use super::AppContext;
use yew::prelude::*;

/// The app's state and dispatcher (every view is inside the provider).
#[hook]
fn use_app() -> AppContext {
    use_context::<AppContext>().expect("views are rendered inside the App's context provider")
}

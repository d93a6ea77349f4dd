//! The app's one reducer: every change of state is an [`Action`]; views only dispatch.

use crate::model::Response;
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The text in the paste area.
    pub input: Rc<str>,
    /// What the core extracted from it.
    pub response: Rc<Response>,
}

pub enum Action {
    SetInput(String),
}

impl State {
    pub fn with_input(text: String) -> State {
        let response = Rc::new(crate::parse(&text));
        State {
            input: text.into(),
            response,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetInput(text) => Rc::new(State::with_input(text)),
        }
    }
}

//! What the results area says before anything is loaded.

use yew::prelude::*;

#[function_component(Welcome)]
pub fn welcome() -> Html {
    html! {
        <section id="results" class="panel welcome" aria-labelledby="welcome-heading">
            <h2 id="welcome-heading">{ "Nothing loaded yet" }</h2>
            <p>{ "Paste the text of an FOI reply above, drop a file anywhere on this page, or pick one of the examples. foi-lens then shows:" }</p>
            <ul>
                <li>{ "who replied, the reference and the date;" }</li>
                <li>{ "IT spend per financial year, with its breakdown;" }</li>
                <li>{ "Digital Maturity Assessment scores against other trusts, or what was withheld and why;" }</li>
                <li>{ "HIMSS EMRAM and INFRAM stages;" }</li>
                <li>{ "any money tables by year, as tables and charts;" }</li>
                <li>{ "a paragraph you can paste into a story." }</li>
            </ul>
            <p>{ "Each figure is linked to the words it was read from, and you can correct any of them." }</p>
        </section>
    }
}

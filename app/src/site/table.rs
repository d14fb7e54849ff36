//! Tables on a phone: a table keeps its columns and scrolls sideways inside its own box,
//! so the page around it never does.
use leptos::prelude::*;

/// Wraps a table (`children`) in a box that scrolls sideways when the table is wider than
/// the screen. The box is a named region in the tab order, so a keyboard can scroll it
/// and a screen reader says what it holds; `label` names it (usually the heading above).
#[component]
pub fn TableBox(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}

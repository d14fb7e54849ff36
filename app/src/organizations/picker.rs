//! Suggestions while typing an organization's name. The field itself is plain server
//! HTML (it works without JavaScript: the server matches the exact name); once this
//! island hydrates, typing two or more letters lists matching organizations as buttons
//! that fill the field in.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::OrganizationSummary;

/// Translated words the island needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerLabels {
    /// "{count} organisasi cocok"
    pub found: String,
    /// "{name} dipilih"
    pub chosen: String,
}

#[island]
pub fn OrganizationPicker(
    /// The id of the text input inside `children`.
    input_id: String,
    labels: PickerLabels,
    children: Children,
) -> impl IntoView {
    let results = RwSignal::new(Vec::<OrganizationSummary>::new());
    let status = RwSignal::new(String::new());
    // Each keystroke starts a new generation; answers to older ones are dropped.
    let generation = StoredValue::new(0u32);
    let found_label = labels.found.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let query = event_target_value(&ev);
        generation.update_value(|g| *g = g.wrapping_add(1));
        let mine = generation.get_value();
        let found_label = found_label.clone();
        set_timeout(
            move || {
                if generation.get_value() != mine {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let found = if query.trim().chars().count() < 2 {
                        Vec::new()
                    } else {
                        super::api::search_organizations(query)
                            .await
                            .unwrap_or_default()
                    };
                    if generation.get_value() != mine {
                        return;
                    }
                    status.set(found_label.replace("{count}", &found.len().to_string()));
                    results.set(found);
                });
            },
            std::time::Duration::from_millis(200),
        );
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = &input_id;
    let choose = Callback::new(move |name: String| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(input) = document()
                .get_element_by_id(&input_id)
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_value(&name);
                let _ = input.focus();
            }
        }
        status.set(labels.chosen.replace("{name}", &name));
        results.set(Vec::new());
    });
    view! {
        <div class="picker" on:input=on_input>
            {children()}
            <p class="visually-hidden" role="status">{move || status.get()}</p>
            <ul class="suggestions" hidden=move || results.with(Vec::is_empty)>
                <For each=move || results.get() key=|org| org.id let:org>
                    {
                        let name = org.name.clone();
                        view! {
                            <li>
                                <button type="button" class="suggestion" on:click=move |_| choose.run(name.clone())>
                                    {org.name.clone()}
                                    <span class="muted">{org.region.clone()}</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </div>
    }
}

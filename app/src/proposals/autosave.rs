//! Saving as the user types. The proposal form is plain server HTML that saves on
//! submit; once this island hydrates, each text part is saved about a second after the
//! typing stops, its base version and word count kept up to date in the page, and what
//! happened announced in the part's own status line (`#status-{part}`, beside the field
//! being typed, not at the top of a long form). A saved part drops the error the last
//! submission left on it (the next submission checks it again). A stale save is refused
//! by the server and the typed text stays where it is. Only inputs named `text[part]`
//! are saved: the comment boxes beside the parts (named `body`, posted with forms of
//! their own) are typed into without saving anything.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Translated words the island needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutosaveLabels {
    /// "Tersimpan otomatis"
    pub saved: String,
    /// "Menyimpan…"
    pub saving: String,
    /// The stale-save message.
    pub stale: String,
    /// Any other failure.
    pub failed: String,
}

#[island]
pub fn ProposalAutosave(team: i32, labels: AutosaveLabels, children: Children) -> impl IntoView {
    // One generation counter per part: only the newest keystroke's timer saves.
    let generations = StoredValue::new(std::collections::HashMap::<String, u32>::new());
    let on_input = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(target) = ev.target() else { return };
            let name = if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                area.name()
            } else if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
                input.name()
            } else {
                return;
            };
            let Some(part) = name
                .strip_prefix("text[")
                .and_then(|rest| rest.strip_suffix(']'))
                .map(str::to_string)
            else {
                return;
            };
            let mut mine = 0;
            generations.update_value(|g| {
                let entry = g.entry(part.clone()).or_insert(0);
                *entry = entry.wrapping_add(1);
                mine = *entry;
            });
            let labels = labels.clone();
            set_timeout(
                move || {
                    if generations.with_value(|g| g.get(&part).copied()) != Some(mine) {
                        return;
                    }
                    let field = document().get_element_by_id(&format!("field-{part}"));
                    let body = field
                        .as_ref()
                        .and_then(|el| {
                            el.dyn_ref::<web_sys::HtmlTextAreaElement>()
                                .map(|a| a.value())
                                .or_else(|| {
                                    el.dyn_ref::<web_sys::HtmlInputElement>().map(|i| i.value())
                                })
                        })
                        .unwrap_or_default();
                    let base_input = document()
                        .get_element_by_id(&format!("base-{part}"))
                        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok());
                    let base = base_input
                        .as_ref()
                        .and_then(|i| i.value().parse::<i32>().ok())
                        .unwrap_or(0);
                    let status = {
                        let part = part.clone();
                        move |text: &str| {
                            if let Some(line) =
                                document().get_element_by_id(&format!("status-{part}"))
                            {
                                line.set_text_content(Some(text));
                            }
                        }
                    };
                    status(&labels.saving);
                    leptos::task::spawn_local(async move {
                        match super::api::autosave_part(team, part.clone(), base, body).await {
                            Ok(saved) => {
                                if let Some(input) = base_input {
                                    input.set_value(&saved.version.to_string());
                                }
                                if let Some(words) =
                                    document().get_element_by_id(&format!("words-{part}"))
                                {
                                    words.set_text_content(Some(&saved.words.to_string()));
                                }
                                clear_error(&part, field.as_ref());
                                status(&labels.saved);
                            }
                            Err(crate::error::AppError::Validation(_)) => status(&labels.stale),
                            Err(_) => status(&labels.failed),
                        }
                    });
                },
                std::time::Duration::from_millis(900),
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&ev, &generations, &labels, team);
    };
    view! {
        <div class="autosave" on:input=on_input>
            {children()}
        </div>
    }
}

/// Takes the last submission's error off a part that has just been saved.
#[cfg(feature = "hydrate")]
fn clear_error(part: &str, field: Option<&web_sys::Element>) {
    if let Some(error) = document().get_element_by_id(&format!("field-{part}-error")) {
        error.remove();
    }
    if let Some(field) = field {
        let _ = field.remove_attribute("aria-invalid");
        let _ = field.set_attribute("aria-describedby", &format!("field-{part}-count"));
        // The field's own box (its part's comments sit beside it, outside that box).
        if let Ok(Some(field_box)) = field.closest(".field") {
            let _ = field_box.class_list().remove_1("field-invalid");
        }
    }
}

//! Suggestions for an organization's name. The field itself is plain server HTML (it
//! works without JavaScript: the server matches the exact name, and when none matches it
//! names the registered ones closest to what was typed, which `SuggestedNames` offers as
//! radio buttons under the field); once this island hydrates, typing two or more letters
//! lists matching organizations as buttons that fill the field in.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::OrganizationSummary;
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key};

/// How many close names a refused name comes back with.
pub const CLOSE_NAMES: u64 = 5;

/// What the radio buttons of [`SuggestedNames`] post as, beside the field `{field}`: the
/// name picked, or empty for "what is written in the field".
pub fn choice_field(field: &str) -> String {
    format!("{field}_choice")
}

/// The name a form meant: the close name picked under the field, else what was typed.
pub fn chosen_or_typed(typed: &str, choice: &str) -> String {
    if choice.trim().is_empty() {
        typed.to_string()
    } else {
        choice.to_string()
    }
}

/// Registered names close to `typed`, which matched none exactly: the organizations search
/// (every word, abbreviations expanded: "dukcapil salatiga"); when that finds nothing in
/// three words or more, the same with one word left out at a time (a word too many,
/// "Jateng", or one misspelt). Two words are not relaxed: one word left alone ("kota")
/// would list names that only share it.
#[cfg(feature = "ssr")]
pub async fn close_names(
    db: &sea_orm::DatabaseConnection,
    typed: &str,
) -> Result<Vec<String>, crate::error::AppError> {
    use super::service::search;
    // At most five words: a refused name costs at most six searches.
    let words: Vec<&str> = typed.split_whitespace().take(5).collect();
    let mut names: Vec<String> = search(db, &words.join(" "), CLOSE_NAMES)
        .await?
        .into_iter()
        .map(|org| org.name)
        .collect();
    if names.is_empty() && words.len() >= 3 {
        for left_out in 0..words.len() {
            let fewer: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != left_out)
                .map(|(_, w)| *w)
                .collect();
            for org in search(db, &fewer.join(" "), CLOSE_NAMES).await? {
                if !names.contains(&org.name) {
                    names.push(org.name);
                }
            }
            if names.len() >= CLOSE_NAMES as usize {
                break;
            }
        }
        names.truncate(CLOSE_NAMES as usize);
    }
    Ok(names)
}

/// Refuses `typed` at `field` as not registered, with the close names when there are any
/// (one a line in the field's detail, which travels with the error; organization names
/// hold no line breaks) and a message that says whether to pick one.
#[cfg(feature = "ssr")]
pub async fn refuse_unknown(
    db: &sea_orm::DatabaseConnection,
    errors: &mut FieldErrors,
    field: &str,
    typed: &str,
) -> Result<(), crate::error::AppError> {
    let names = close_names(db, typed).await?;
    if names.is_empty() {
        errors.add(field, Key::OrganizationsErrorNotFoundNoMatch);
    } else {
        errors.add(field, Key::OrganizationsErrorNotFound);
        errors.explain(field, &names.join("\n"));
    }
    Ok(())
}

/// The close names the server found for a name it did not know ([`refuse_unknown`]), as
/// radio buttons under the field: picking one needs no JavaScript, and the server uses
/// the one picked (`{field}_choice`) over what is typed. The last one, checked at first,
/// keeps what is written in the field. Nothing when there are none.
#[component]
pub fn SuggestedNames(field: &'static str, errors: FieldErrors) -> impl IntoView {
    let lang = use_lang();
    let names: Vec<String> = if errors
        .messages(field)
        .contains(&Key::OrganizationsErrorNotFound)
    {
        errors
            .detail(field)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        Vec::new()
    };
    let typed = errors.value(field);
    let post_as = choice_field(field);
    (!names.is_empty()).then(move || {
        let legend = lang.format(Key::OrganizationsSuggestedLegend, &[("typed", &typed)]);
        let typed_id = format!("field-{post_as}-typed");
        view! {
            <fieldset class="field" id=format!("field-{post_as}")>
                <legend>{legend}</legend>
                {names
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let id = format!("field-{post_as}-{i}");
                        view! {
                            <div class="checkbox">
                                <input type="radio" id=id.clone() name=post_as.clone() value=name.clone()/>
                                <label for=id>{name}</label>
                            </div>
                        }
                    })
                    .collect_view()}
                <div class="checkbox">
                    <input type="radio" id=typed_id.clone() name=post_as.clone() value="" checked=true/>
                    <label for=typed_id>{lang.text(Key::OrganizationsSuggestedTyped)}</label>
                </div>
            </fieldset>
        }
    })
}

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
    // The radio button that keeps what is written in the field, when the server offered
    // close names under it (`SuggestedNames`): typing or picking a suggestion here means
    // the field, not a name picked there before.
    #[cfg(feature = "hydrate")]
    let keep_typed = {
        let typed_id = format!("{input_id}_choice-typed");
        move || {
            use wasm_bindgen::JsCast;
            if let Some(radio) = document()
                .get_element_by_id(&typed_id)
                .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                radio.set_checked(true);
            }
        }
    };
    #[cfg(feature = "hydrate")]
    let keep_typed_on_choose = keep_typed.clone();
    let on_input = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        keep_typed();
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
            keep_typed_on_choose();
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

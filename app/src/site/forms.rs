//! Form building blocks in the GOV.UK pattern: every problem summarised at the top,
//! linked to its field, and shown again at the field; what the user typed kept.
use leptos::prelude::*;

use crate::error::{AppError, FieldErrors};
use crate::i18n::{t, use_lang, Key};

/// The detail under which an error carries the token of values kept on the server
/// (`site::stash`).
pub const STASH_DETAIL: &str = "__stash";

/// The form errors of a failed submission (empty for other errors or none).
pub fn form_errors(result: Option<Result<(), AppError>>) -> (FieldErrors, Option<AppError>) {
    match result {
        Some(Err(AppError::Validation(errors))) => (errors, None),
        Some(Err(other)) => (FieldErrors::new(), Some(other)),
        _ => (FieldErrors::new(), None),
    }
}

/// What a form shows: what was typed when the submission came back with problems, else
/// the values stored now.
pub fn typed_or_stored(typed: FieldErrors, stored: &[(&str, &str)]) -> FieldErrors {
    if typed.has_errors() {
        return typed;
    }
    let mut values = typed;
    for (field, value) in stored {
        values.keep(field, value);
    }
    values
}

/// The box at the top of a form that lists every problem, each linking to its field.
#[component]
pub fn ErrorSummary(
    errors: FieldErrors,
    other: Option<AppError>,
    fields: Vec<&'static str>,
    /// Fields named at run time (a proposal's sections), after `fields`.
    #[prop(optional)]
    more_fields: Vec<String>,
    /// What to call a field in the list (its label or section), where the message alone
    /// would not say which one: "Ringkasan (English): …", "Pendaftaran, mulai: …".
    #[prop(optional)]
    names: Vec<(String, String)>,
) -> impl IntoView {
    let lang = use_lang();
    let mut items: Vec<(String, String)> = fields
        .iter()
        .map(|f| f.to_string())
        .chain(more_fields)
        .flat_map(|field| {
            let name = names
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, n)| n.clone());
            errors
                .messages(&field)
                .into_iter()
                .map(move |key| {
                    let text = match &name {
                        Some(name) => lang.format(
                            Key::SiteNamedError,
                            &[("name", name), ("message", lang.text(key))],
                        ),
                        None => lang.text(key).to_string(),
                    };
                    (format!("#field-{field}"), text)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    if let Some(other) = &other {
        items.push((
            "#main".to_string(),
            lang.text(other.message_keys().1).to_string(),
        ));
    }
    (!items.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
                <h2 id="error-summary-title">{lang.text(Key::AccountsErrorSummary)}</h2>
                <ul>
                    {items
                        .into_iter()
                        .map(|(href, text)| view! { <li><a href=href>{text}</a></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// A field's label, hint and error messages; the control follows.
#[component]
fn FieldHead(
    id: String,
    label: String,
    hint: Option<Key>,
    messages: Vec<Key>,
    /// What goes with the messages (the teams that chose a removed option, say).
    #[prop(optional)]
    detail: String,
) -> impl IntoView {
    view! {
        <label for=id.clone()>{label}</label>
        {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{t(hint)}</p> })}
        {(!messages.is_empty())
            .then(|| {
                view! {
                    <p class="field-error" id=format!("{id}-error")>
                        {messages.into_iter().map(|key| view! { <span>{t(key)}</span> }).collect_view()}
                        {(!detail.is_empty()).then(|| view! { " " <span>{detail}</span> })}
                    </p>
                }
            })}
    }
}

/// A field's error messages, one `<span>` each, in a paragraph a control's
/// `aria-describedby` can name (`id`); nothing when there are none.
#[component]
pub fn FieldMessages(
    messages: Vec<Key>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    (!messages.is_empty()).then(|| {
        view! {
            <p class="field-error" id=id>
                {messages.into_iter().map(|key| view! { <span>{t(key)}</span> }).collect_view()}
            </p>
        }
    })
}

/// What a field's hint and error paragraphs are called, for `aria-describedby`.
fn described_by(id: &str, has_hint: bool, invalid: bool) -> Option<String> {
    let ids = [
        has_hint.then(|| format!("{id}-hint")),
        invalid.then(|| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    (!ids.is_empty()).then_some(ids)
}

/// A labelled input with its hint and its error messages.
#[component]
pub fn TextField(
    /// The form field name; the input's id is `field-{name}`.
    name: &'static str,
    label: Key,
    #[prop(optional)] hint: Option<Key>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// The browser's own checks, caught before anything is sent (and nothing typed is
    /// lost); set them only as the server's rules are, which the server checks again.
    #[prop(optional)]
    required: bool,
    #[prop(optional)] minlength: Option<usize>,
    #[prop(optional)] maxlength: Option<usize>,
    /// What the input shows instead of the value kept in `errors`. The only way a password
    /// input gets one: the sign-up page answering its own POST puts the typed password
    /// back in that response's HTML (never in a URL, never stored).
    #[prop(optional, into)]
    value: Option<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let id = format!("field-{name}");
    let messages = errors.messages(name);
    let invalid = !messages.is_empty();
    let described = described_by(&id, hint.is_some(), invalid);
    // Passwords are never sent back into the page through `errors` (a URL).
    let value = match value {
        Some(value) => value,
        None if input_type == "password" => String::new(),
        None => errors.value(name),
    };
    view! {
        <div class="field" class:field-invalid=invalid>
            <FieldHead id=id.clone() label=t(label).to_string() hint messages/>
            <input
                id=id
                name=name
                type=input_type
                value=value
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                list=list
                required=required
                minlength=minlength
                maxlength=maxlength
                aria-describedby=described
                aria-invalid=invalid.then_some("true")
            />
        </div>
    }
}

/// A labelled `<textarea>` with its hint and error messages.
#[component]
pub fn TextAreaField(
    name: &'static str,
    label: Key,
    #[prop(optional)] hint: Option<Key>,
    #[prop(default = 4)] rows: u32,
    /// The label's text when it is not a plain key (a key with parameters).
    #[prop(optional)]
    label_text: Option<String>,
    /// The name the form posts when it differs from `name` (`rubric[rubric_x]`).
    #[prop(optional)]
    post_as: Option<String>,
    errors: FieldErrors,
) -> impl IntoView {
    let id = format!("field-{name}");
    let messages = errors.messages(name);
    let invalid = !messages.is_empty();
    let described = described_by(&id, hint.is_some(), invalid);
    let value = errors.value(name);
    let detail = errors.detail(name);
    let label = label_text.unwrap_or_else(|| t(label).to_string());
    let post_as = post_as.unwrap_or_else(|| name.to_string());
    view! {
        <div class="field" class:field-invalid=invalid>
            <FieldHead id=id.clone() label hint messages detail=detail.unwrap_or_default()/>
            <textarea
                id=id
                name=post_as
                rows=rows
                aria-describedby=described
                aria-invalid=invalid.then_some("true")
            >
                {value}
            </textarea>
        </div>
    }
}

/// A labelled `<select>` with its hint and errors; the submitted value stays selected.
#[component]
pub fn SelectField(
    name: &'static str,
    label: Key,
    #[prop(optional)] hint: Option<Key>,
    /// (value, visible text)
    options: Vec<(String, String)>,
    errors: FieldErrors,
) -> impl IntoView {
    let id = format!("field-{name}");
    let messages = errors.messages(name);
    let invalid = !messages.is_empty();
    let selected = errors.value(name);
    let described = described_by(&id, hint.is_some(), invalid);
    view! {
        <div class="field" class:field-invalid=invalid>
            <FieldHead id=id.clone() label=t(label).to_string() hint messages/>
            <select id=id.clone() name=name aria-describedby=described aria-invalid=invalid.then_some("true")>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

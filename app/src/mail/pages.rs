//! The admins' view of the mail outbox.
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::outbox;
use crate::i18n::{use_lang, Key};
use crate::site::error_page::ErrorPage;

/// The translated name of an outbox state.
fn state_label(state: &str) -> Option<Key> {
    match state {
        "pending" => Some(Key::OutboxStatePending),
        "sending" => Some(Key::OutboxStateSending),
        "sent" => Some(Key::OutboxStateSent),
        "failed" => Some(Key::OutboxStateFailed),
        _ => None,
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let mails = Resource::new(|| (), |_| outbox());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let mails = match mails.await {
                    Ok(mails) => mails,
                    Err(error) => return view! { <ErrorPage error/> }.into_any(),
                };
                let lang = use_lang();
                view! {
                    <Title text=lang.text(Key::OutboxTitle)/>
                    <h1>{lang.text(Key::OutboxTitle)}</h1>
                    <p>{lang.text(Key::OutboxLead)}</p>
                    {if mails.is_empty() {
                        view! { <p>{lang.text(Key::OutboxEmpty)}</p> }.into_any()
                    } else {
                        view! {
                            <table class="table">
                                <thead>
                                    <tr>
                                        <th scope="col">{lang.text(Key::OutboxCreated)}</th>
                                        <th scope="col">{lang.text(Key::OutboxRecipient)}</th>
                                        <th scope="col">{lang.text(Key::OutboxSubject)}</th>
                                        <th scope="col">{lang.text(Key::OutboxState)}</th>
                                        <th scope="col">{lang.text(Key::OutboxAttempts)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {mails
                                        .into_iter()
                                        .map(|m| view! {
                                            <tr>
                                                <td>{lang.datetime(m.created_at)}</td>
                                                <td>{m.recipient}</td>
                                                <td>{m.subject}</td>
                                                <td>{state_label(&m.state).map(|key| lang.text(key)).unwrap_or_default()}</td>
                                                <td>{m.attempts}</td>
                                            </tr>
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any()
                    }}
                }
                .into_any()
            })}
        </Suspense>
    }
}

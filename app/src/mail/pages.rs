//! The admins' view of the mail outbox.
use leptos::prelude::*;
use leptos_meta::Title;

use super::api::outbox;
use crate::i18n::{use_lang, Key};
use crate::site::loaded::loaded;
use crate::site::table::TableBox;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let mails = Resource::new(|| (), |_| outbox());
    loaded(mails, move |mails| {
        let lang = use_lang();
        view! {
            <Title text=lang.text(Key::OutboxTitle)/>
            <h1>{lang.text(Key::OutboxTitle)}</h1>
            <p>{lang.text(Key::OutboxLead)}</p>
            {if mails.is_empty() {
                view! { <p>{lang.text(Key::OutboxEmpty)}</p> }.into_any()
            } else {
                view! {
                    <TableBox label=lang.text(Key::OutboxTitle)>
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
                                            <td>{lang.text(m.state.label())}</td>
                                            <td>{m.attempts}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </TableBox>
                }
                .into_any()
            }}
        }
        .into_any()
    })
}

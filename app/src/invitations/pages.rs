//! The page an invitation link opens: accept while signed in, sign in first, or create
//! the account right here. A plain form: it works without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{get_invitation, AcceptInvitation};
use crate::i18n::{use_lang, Key};
use crate::site::forms::{form_errors, ErrorSummary, TextField};
use crate::site::loaded::loaded_or_missing;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let data = Resource::new(
        move || query.read().get("token").unwrap_or_default(),
        get_invitation,
    );
    let accept = ServerAction::<AcceptInvitation>::new();
    let invalid = || {
        let lang = use_lang();
        view! {
            <Title text=lang.text(Key::InvitationsInvalidTitle)/>
            <div class="narrow">
                <h1>{lang.text(Key::InvitationsInvalidTitle)}</h1>
                <p>{lang.text(Key::InvitationsInvalidText)}</p>
            </div>
        }
    };
    loaded_or_missing(data, invalid, move |invitation| {
        let token = token.clone();
        let lang = use_lang();
        let (errors, other) = form_errors(accept.value().get_untracked());
        let summary_errors = errors.clone();
        let title = lang.format(
            Key::InvitationsTitle,
            &[
                ("role", lang.text(invitation.role.label())),
                ("competition", &invitation.competition_title),
            ],
        );
        let next = format!("/undangan?token={token}");
        let body = match (&invitation.signed_in_as, invitation.has_account) {
            (Some(name), _) => view! {
                <p>{lang.format(Key::InvitationsSignedInAs, &[("name", name)])}</p>
                <ActionForm action=accept>
                    <input type="hidden" name="token" value=token.clone()/>
                    <button type="submit" class="button">{lang.text(Key::InvitationsSubmitAccept)}</button>
                </ActionForm>
            }
            .into_any(),
            (None, true) => view! {
                <p>{lang.format(Key::InvitationsSignInFirst, &[("email", &invitation.email)])}</p>
                <p>
                    <a class="button" href=crate::site::paths::with_next("/masuk", &next)>
                        {lang.text(Key::AccountsSignIn)}
                    </a>
                </p>
            }
            .into_any(),
            (None, false) => view! {
                <p>{lang.format(Key::InvitationsCreateAccount, &[("email", &invitation.email)])}</p>
                <ActionForm action=accept>
                    <input type="hidden" name="token" value=token.clone()/>
                    <TextField name="name" label=Key::AccountsName hint=Key::AccountsNameHint autocomplete="name" errors=errors.clone()/>
                    <TextField name="password" label=Key::AccountsPassword hint=Key::AccountsPasswordHint input_type="password" autocomplete="new-password" errors=errors.clone()/>
                    <button type="submit" class="button">{lang.text(Key::InvitationsSubmitCreate)}</button>
                </ActionForm>
            }
            .into_any(),
        };
        view! {
            <Title text=title.clone()/>
            <div class="narrow">
                <ErrorSummary errors=summary_errors other fields=vec!["name", "password"]/>
                <h1>{title}</h1>
                <p class="lead">{lang.text(Key::InvitationsLead)}</p>
                {body}
            </div>
        }
        .into_any()
    })
}

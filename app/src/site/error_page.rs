use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::{t, Key};

/// Answers the request being rendered with `error`'s status (on the server; in the
/// browser there is no response to set).
pub fn set_status(error: &AppError) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status_code());
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}

/// The translated page for an error; on the server it also sets the response status.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    set_status(&error);
    let (title, text) = error.message_keys();
    // Signed out: offer to sign in and come back here.
    let sign_in = matches!(error, AppError::Unauthorized).then(|| {
        let location = leptos_router::hooks::use_location();
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let search = search.trim_start_matches('?');
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        crate::site::paths::with_next("/masuk", &here)
    });
    view! {
        <Title text=t(title)/>
        <section class="error-page" aria-labelledby="error-title">
            <h1 id="error-title">{t(title)}</h1>
            <p>{t(text)}</p>
            {sign_in.map(|href| view! { <p><a class="button" href=href>{t(Key::AccountsSignIn)}</a></p> })}
            <p><a href="/">{t(Key::ErrorBackHome)}</a></p>
        </section>
    }
}

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;
use crate::i18n::{t, Key};

/// The translated page for an error; on the server it also sets the response status.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status_code());
    }
    let (title, text) = error.message_keys();
    view! {
        <Title text=t(title)/>
        <section class="error-page" aria-labelledby="error-title">
            <h1 id="error-title">{t(title)}</h1>
            <p>{t(text)}</p>
            <p><a href="/">{t(Key::ErrorBackHome)}</a></p>
        </section>
    }
}

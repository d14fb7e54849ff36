use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::accounts::pages::AccountMenu;
use crate::i18n::{t, use_lang, Key, Lang};
use crate::site::paths::encode_query_value;

/// Links to every language; following one sets the language cookie and comes back here.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let current = use_lang();
    let location = use_location();
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    let next = encode_query_value(&here);
    view! {
        <nav class="language-switch" aria-label=t(Key::SiteLanguageSwitch)>
            <ul>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        let href = format!("/bahasa/{}?next={}", lang.code(), next);
                        view! {
                            <li>
                                <a
                                    href=href
                                    hreflang=lang.code()
                                    lang=lang.code()
                                    aria-current=(lang == current).then_some("true")
                                >
                                    {lang.autonym()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let current = move |prefix: &str| {
        let active = if prefix == "/" {
            path == "/"
        } else {
            path.starts_with(prefix)
        };
        active.then_some("page")
    };
    view! {
        <a class="skip-link" href="#main">{t(Key::SiteSkipToContent)}</a>
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href="/">
                    <span class="brand-name">{t(Key::SiteName)}</span>
                    <span class="brand-tagline">{t(Key::SiteTagline)}</span>
                </a>
                <div class="header-tools">
                    <LanguageSwitch/>
                    <AccountMenu/>
                </div>
            </div>
            <nav class="main-nav" aria-label=t(Key::SiteMainNav)>
                <div class="container">
                    <ul>
                        <li><a href="/" aria-current=current("/")>{t(Key::NavHome)}</a></li>
                        <li>
                            <a href="/kompetisi" aria-current=current("/kompetisi")>
                                {t(Key::NavCompetitions)}
                            </a>
                        </li>
                        <li><a href="/#tentang">{t(Key::NavAbout)}</a></li>
                    </ul>
                </div>
            </nav>
        </header>
        <main id="main" class="container" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="container">
                <p>{t(Key::SiteFooterAbout)}</p>
                <p>{t(Key::SiteFooterRegions)}</p>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::encode_query_value;

    #[test]
    fn next_path_keeps_slashes_and_escapes_the_rest() {
        assert_eq!(
            encode_query_value("/kompetisi?q=a b&x=1"),
            "/kompetisi%3Fq%3Da%20b%26x%3D1"
        );
    }
}

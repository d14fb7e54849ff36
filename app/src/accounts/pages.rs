//! Sign-up, email verification, sign-in, password reset and profile pages. Plain forms: they work without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::{
    get_current_user, get_profile, oauth_provider, verify_email, ChangePassword,
    RequestPasswordReset, ResendVerification, ResetPassword, SignIn, SignOut, SignUp,
    UpdateProfile, UpdateReminders,
};
use super::domain::Password;
use crate::error::AppError;
use crate::i18n::{t, use_lang, Key};
use crate::organizations::pages::AffiliationsSection;
use crate::organizations::picker::{OrganizationPicker, PickerLabels, SuggestedNames};
use crate::site::forms::{form_errors, typed_or_stored, ErrorSummary, TextField};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::paths::with_next;

fn picker_labels() -> PickerLabels {
    PickerLabels {
        found: t(Key::OrganizationsFound).to_string(),
        chosen: t(Key::OrganizationsChosen).to_string(),
    }
}

/// `?lanjut=/path`: where the person was going (an invitation, a team), carried through
/// sign-up, verification and sign-in; `/` when it is absent or not a path on this site
/// (the server checks it again before redirecting).
fn next_in_query() -> String {
    use_query_map()
        .read_untracked()
        .get("lanjut")
        .map(|n| crate::site::paths::local_path(Some(&n)))
        .unwrap_or_else(|| "/".to_string())
}

/// A refused sign-up shown again in the answer to its own POST (the server's
/// `routes::sign_up` renders this page with it in context): the error with what was
/// typed, where the form was going, and the password, which goes back into its field in
/// that one response and nowhere else (never a URL, never storage).
#[derive(Clone)]
pub struct SignUpRetry {
    pub error: AppError,
    pub password: String,
    pub next: String,
}

impl std::fmt::Debug for SignUpRetry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignUpRetry")
            .field("error", &self.error)
            .field("password", &"***")
            .field("next", &self.next)
            .finish()
    }
}

/// Where the sign-up form posts (a plain route that answers with this page on a refusal).
pub const SIGN_UP_PATH: &str = "/daftar";

#[component]
pub fn SignUpPage() -> impl IntoView {
    // A refusal arrives in context (the answer to the form's POST) or, from a page an
    // earlier release rendered, in the query (`__err`, read by the action).
    let action = ServerAction::<SignUp>::new();
    let retry = use_context::<SignUpRetry>();
    let next = match &retry {
        Some(retry) => crate::site::paths::local_path(Some(&retry.next)),
        None => next_in_query(),
    };
    let sign_in = with_next("/masuk", &next);
    let action_path = with_next(SIGN_UP_PATH, &next);
    let result = match &retry {
        Some(retry) => Some(Err(retry.error.clone())),
        None => action.value().get_untracked(),
    };
    let (errors, other) = form_errors(result);
    // The password goes back unless it was the problem (it must be changed anyway).
    let password = retry
        .filter(|_| errors.messages("password").is_empty())
        .map(|retry| retry.password)
        .unwrap_or_default();
    // The picker's children are a closure that owns what it shows.
    let organization_errors = errors.clone();
    view! {
        <Title text=t(Key::AccountsSignUpTitle)/>
        <div class="narrow">
            <ErrorSummary errors=errors.clone() other=other fields=vec!["name", "email", "password", "organization"]/>
            <h1>{t(Key::AccountsSignUpTitle)}</h1>
            <p class="lead">{t(Key::AccountsSignUpLead)}</p>
            <form method="post" action=action_path>
                <input type="hidden" name="next" value=next/>
                <TextField name="name" label=Key::AccountsName hint=Key::AccountsNameHint autocomplete="name" required=true errors=errors.clone()/>
                <TextField name="email" label=Key::AccountsEmail hint=Key::AccountsEmailHint input_type="email" autocomplete="email" required=true errors=errors.clone()/>
                <TextField
                    name="password"
                    label=Key::AccountsPassword
                    hint=Key::AccountsPasswordHint
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    minlength=Password::MIN_CHARS
                    value=password
                    errors=errors.clone()
                />
                <OrganizationPicker input_id="field-organization".to_string() labels=picker_labels()>
                    <TextField name="organization" label=Key::AccountsOrganization hint=Key::AccountsOrganizationHint autocomplete="organization" errors=organization_errors/>
                </OrganizationPicker>
                <SuggestedNames field="organization" errors/>
                <button type="submit" class="button">{t(Key::AccountsSubmitSignUp)}</button>
            </form>
            <p><a href=sign_in>{t(Key::AccountsHaveAccount)}</a></p>
        </div>
    }
}

#[component]
pub fn CheckEmailPage() -> impl IntoView {
    message_page(Key::AccountsCheckEmailTitle, Key::AccountsCheckEmailText)
}

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let result = Resource::new(
        move || query.read().get("token").unwrap_or_default(),
        verify_email,
    );
    let next = next_in_query();
    let user = Resource::new(|| (), |_| get_current_user());
    view! {
        <Suspense>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    let (title, text) = match result.await {
                        Ok(()) => (Key::AccountsVerifiedTitle, Key::AccountsVerifiedText),
                        Err(_) => (Key::AccountsVerifyFailedTitle, Key::AccountsVerifyFailedText),
                    };
                    // Signed in already: straight on; else sign in and come back here.
                    let signed_in = matches!(user.await, Ok(Some(_)));
                    let (href, label) = match (signed_in, next.as_str()) {
                        (true, "/") => ("/".to_string(), Key::AccountsContinueHome),
                        (true, _) => (next.clone(), Key::AccountsContinue),
                        (false, "/") => ("/masuk".to_string(), Key::AccountsSignIn),
                        (false, _) => (with_next("/masuk", &next), Key::AccountsSignInContinue),
                    };
                    view! {
                        <Title text=t(title)/>
                        <div class="narrow">
                            <h1>{t(title)}</h1>
                            <p>{t(text)}</p>
                            <p><a class="button" href=href>{t(label)}</a></p>
                        </div>
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let next = next_in_query();
    let sign_up = with_next("/daftar", &next);
    let (errors, other) = form_errors(action.value().get_untracked());
    view! {
        <Title text=t(Key::AccountsSignInTitle)/>
        <div class="narrow">
            <ErrorSummary errors=errors.clone() other=other fields=vec!["email", "password"]/>
            <h1>{t(Key::AccountsSignInTitle)}</h1>
            <OAuthSignIn next=next.clone()/>
            <ActionForm action>
                <input type="hidden" name="next" value=next/>
                <TextField name="email" label=Key::AccountsEmail input_type="email" autocomplete="email" errors=errors.clone()/>
                <TextField name="password" label=Key::AccountsPassword input_type="password" autocomplete="current-password" errors=errors/>
                <button type="submit" class="button">{t(Key::AccountsSubmitSignIn)}</button>
            </ActionForm>
            <p><a href="/lupa-sandi">{t(Key::AccountsForgotLink)}</a></p>
            <p><a href=sign_up>{t(Key::AccountsNoAccount)}</a></p>
        </div>
    }
}

/// The "sign in with …" link when a provider is configured, and its failure message.
#[component]
fn OAuthSignIn(next: String) -> impl IntoView {
    let provider = Resource::new(|| (), |_| oauth_provider());
    let failed = use_query_map().read_untracked().get("oauth").is_some();
    let href = with_next("/masuk/oauth", &next);
    view! {
        <Suspense>
            {move || {
              let href = href.clone();
              Suspend::new(async move {
                let lang = use_lang();
                provider.await.ok().flatten().map(|name| {
                    view! {
                        {failed.then(|| view! { <p class="error-summary" role="alert">{lang.text(Key::AccountsOauthFailed)}</p> })}
                        <p><a class="button" href=href>{lang.format(Key::AccountsOauthSignIn, &[("provider", &name)])}</a></p>
                        <p>{lang.text(Key::AccountsOauthOr)}</p>
                    }
                })
              })
            }}
        </Suspense>
    }
}

/// A page with a heading and one paragraph (confirmations).
fn message_page(title: Key, text: Key) -> impl IntoView {
    view! {
        <Title text=t(title)/>
        <div class="narrow">
            <h1>{t(title)}</h1>
            <p>{t(text)}</p>
        </div>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let (errors, other) = form_errors(action.value().get_untracked());
    view! {
        <Title text=t(Key::AccountsForgotTitle)/>
        <div class="narrow">
            <ErrorSummary errors=errors.clone() other=other fields=vec!["email"]/>
            <h1>{t(Key::AccountsForgotTitle)}</h1>
            <p>{t(Key::AccountsForgotLead)}</p>
            <ActionForm action>
                <TextField name="email" label=Key::AccountsEmail input_type="email" autocomplete="email" errors/>
                <button type="submit" class="button">{t(Key::AccountsSubmitForgot)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn ResetSentPage() -> impl IntoView {
    message_page(Key::AccountsResetSentTitle, Key::AccountsResetSentText)
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = query.read_untracked().get("token").unwrap_or_default();
    let action = ServerAction::<ResetPassword>::new();
    let (errors, other) = form_errors(action.value().get_untracked());
    view! {
        <Title text=t(Key::AccountsResetTitle)/>
        <div class="narrow">
            <ErrorSummary errors=errors.clone() other=other fields=vec!["password"]/>
            <h1>{t(Key::AccountsResetTitle)}</h1>
            <ActionForm action>
                <input type="hidden" name="token" value=token/>
                <TextField name="password" label=Key::AccountsNewPassword hint=Key::AccountsPasswordHint input_type="password" autocomplete="new-password" errors/>
                <button type="submit" class="button">{t(Key::AccountsSubmitReset)}</button>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn ResetDonePage() -> impl IntoView {
    view! {
        {message_page(Key::AccountsResetDoneTitle, Key::AccountsResetDoneText)}
        <p><a href="/masuk">{t(Key::AccountsSignIn)}</a></p>
    }
}

/// The signed-in person's details and password. Signed out, it is a 401 page.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_profile());
    let save = ServerAction::<UpdateProfile>::new();
    let change = ServerAction::<ChangePassword>::new();
    let resend = ServerAction::<ResendVerification>::new();
    let reminders = ServerAction::<UpdateReminders>::new();
    loaded(profile, move |profile| {
        let lang = use_lang();
        let (details, details_other) = form_errors(save.value().get_untracked());
        let details = typed_or_stored(
            details,
            &[
                ("name", &profile.name),
                ("phone", profile.phone.as_deref().unwrap_or_default()),
                ("nip", profile.nip.as_deref().unwrap_or_default()),
            ],
        );
        let (password, password_other) = form_errors(change.value().get_untracked());
        view! {
            <Title text=lang.text(Key::AccountsProfileTitle)/>
            <div class="narrow">
                <NoticeBanner among=Notice::PROFILE/>
                <ErrorSummary errors=details.clone() other=details_other fields=vec!["name", "phone", "nip"]/>
                <ErrorSummary errors=password.clone() other=password_other fields=vec!["current_password", "new_password"]/>
                <h1>{lang.text(Key::AccountsProfileTitle)}</h1>
                {(!profile.verified).then(|| {
                    let (errors, other) = form_errors(resend.value().get_untracked());
                    view! {
                        <ErrorSummary errors other fields=vec!["resend"]/>
                        <div class="notice notice-warning" id="field-resend">
                            <p>{lang.text(Key::AccountsUnverified)}</p>
                            <ActionForm action=resend>
                                <button type="submit" class="button">{lang.text(Key::AccountsSubmitResend)}</button>
                            </ActionForm>
                        </div>
                    }
                })}
                <p>{lang.text(Key::AccountsProfileLead)}</p>
                <p>{lang.format(Key::AccountsEmailReadonly, &[("email", &profile.email)])}</p>
                <ActionForm action=save>
                    <TextField name="name" label=Key::AccountsName autocomplete="name" errors=details.clone()/>
                    <TextField name="phone" label=Key::AccountsPhone input_type="tel" autocomplete="tel" errors=details.clone()/>
                    <TextField name="nip" label=Key::AccountsNip hint=Key::AccountsNipHint errors=details/>
                    <button type="submit" class="button">{lang.text(Key::AccountsSubmitProfile)}</button>
                </ActionForm>
                <h2 id="pengingat">{lang.text(Key::AccountsRemindersHeading)}</h2>
                {
                    let (errors, other) = form_errors(reminders.value().get_untracked());
                    view! { <ErrorSummary errors other fields=vec!["reminders"]/> }
                }
                <ActionForm action=reminders>
                    <div class="checkbox">
                        <input type="checkbox" id="field-reminders" name="reminders" value="1" checked=profile.reminders aria-describedby="field-reminders-hint"/>
                        <label for="field-reminders">{lang.text(Key::AccountsRemindersLabel)}</label>
                    </div>
                    <p class="hint" id="field-reminders-hint">{lang.text(Key::AccountsRemindersHint)}</p>
                    <button type="submit" class="button">{lang.text(Key::AccountsSubmitReminders)}</button>
                </ActionForm>
                <AffiliationsSection affiliations=profile.affiliations.clone()/>
                <h2>{lang.text(Key::AccountsPasswordHeading)}</h2>
                <ActionForm action=change>
                    <TextField name="current_password" label=Key::AccountsCurrentPassword input_type="password" autocomplete="current-password" errors=password.clone()/>
                    <TextField name="new_password" label=Key::AccountsNewPassword hint=Key::AccountsPasswordHint input_type="password" autocomplete="new-password" errors=password/>
                    <button type="submit" class="button">{lang.text(Key::AccountsSubmitPassword)}</button>
                </ActionForm>
            </div>
        }
        .into_any()
    })
}

/// The header's account area: sign-in links, or the user's name and a sign-out button.
#[component]
pub fn AccountMenu() -> impl IntoView {
    let user = Resource::new(|| (), |_| get_current_user());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let lang = use_lang();
                match user.await {
                    Ok(Some(user)) => view! {
                        <div class="account-menu">
                            <span class="signed-in-as">{lang.format(Key::AccountsSignedInAs, &[("name", &user.name)])}</span>
                            <a href="/profil">{lang.text(Key::AccountsProfile)}</a>
                            <a href="/tim">{lang.text(Key::TeamsNav)}</a>
                            {user.is_admin.then(|| view! {
                                <a href="/kelola">{lang.text(Key::SetupNav)}</a>
                                <a href="/admin/organisasi">{lang.text(Key::OrganizationsAdminNav)}</a>
                                <a href="/admin/surat">{lang.text(Key::OutboxNav)}</a>
                            })}
                            <ActionForm action=sign_out>
                                <button type="submit" class="link-button">{lang.text(Key::AccountsSignOut)}</button>
                            </ActionForm>
                        </div>
                    }
                    .into_any(),
                    _ => view! {
                        <ul class="account-menu">
                            <li><a href="/masuk">{lang.text(Key::AccountsSignIn)}</a></li>
                            <li><a href="/daftar">{lang.text(Key::AccountsSignUp)}</a></li>
                        </ul>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

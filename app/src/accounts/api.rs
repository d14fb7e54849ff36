//! Server functions for accounts: thin wrappers over the service.
use leptos::prelude::*;

use super::{CurrentUser, Profile};
use crate::error::AppError;

#[server(endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    crate::context::RequestContext::get()?.current_user().await
}

pub use super::SignUpFields;

/// Where a sign-up leads: the page that says to open the mailed link.
pub const CHECK_EMAIL_PATH: &str = "/daftar/periksa-email";

/// Signs up with the request's context (database, language, client): the one path both
/// the `/daftar` route and the `sign_up` server function take.
#[cfg(feature = "ssr")]
pub async fn register(fields: SignUpFields) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    super::service::sign_up(
        &ctx.db,
        SignUpFields {
            next: crate::site::paths::local_path(Some(&fields.next)),
            ..fields
        },
        ctx.lang,
        &ctx.config.public_url,
        &ctx.client,
    )
    .await
}

/// The sign-up of pages rendered before the form posted to `/daftar`: a refusal goes back
/// in the query (`__err`), without the password.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    name: String,
    email: String,
    password: String,
    #[server(default)] organization: String,
    #[server(default)] organization_choice: String,
    /// Where to go once verified and signed in (a path on this site).
    #[server(default)]
    next: String,
) -> Result<(), AppError> {
    register(SignUpFields {
        name,
        email,
        password,
        organization,
        organization_choice,
        next,
    })
    .await?;
    crate::site::paths::redirect(CHECK_EMAIL_PATH);
    Ok(())
}

#[server(endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    super::service::verify_email(&ctx.db, &token).await?;
    // An address on the admin list becomes an admin once it is proven.
    crate::authz::roles::promote_admins(&ctx.db, &ctx.config.admin_emails).await?;
    Ok(())
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    /// Where to go once signed in (a path on this site).
    #[server(default)]
    next: String,
) -> Result<(), AppError> {
    use super::{service, session};
    let ctx = crate::context::RequestContext::get()?;
    let device = ctx.device.as_ref().map(|d| d.0.as_str());
    let signed_in = service::sign_in(&ctx.db, &email, &password, &ctx.client, device).await?;
    // Rotate: whatever session the browser had before is ended.
    if let Some(old) = &ctx.session {
        service::sign_out(&ctx.db, &old.0).await?;
    }
    let secure = ctx.config.secure_cookies();
    ctx.set_cookie(session::set_cookie(&signed_in.session, secure))?;
    if let Some(device) = &signed_in.new_device {
        ctx.set_cookie(session::device_cookie(device, secure))?;
    }
    crate::site::paths::redirect(&next);
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use super::{service, session};
    let ctx = crate::context::RequestContext::get()?;
    if let Some(token) = &ctx.session {
        service::sign_out(&ctx.db, &token.0).await?;
    }
    ctx.set_cookie(session::clear_cookie(ctx.config.secure_cookies()))?;
    crate::site::paths::redirect("/");
    Ok(())
}

#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    super::service::request_password_reset(&ctx.db, &email, &ctx.client, &ctx.config.public_url)
        .await?;
    crate::site::paths::redirect("/lupa-sandi/terkirim");
    Ok(())
}

#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    super::service::reset_password(&ctx.db, &token, &password, &ctx.client).await?;
    crate::site::paths::redirect("/atur-ulang-sandi/selesai");
    Ok(())
}

#[server(endpoint = "get_profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    super::service::profile(&ctx.db, user.id).await
}

#[server(endpoint = "update_profile")]
pub async fn update_profile(name: String, phone: String, nip: String) -> Result<(), AppError> {
    use super::service::{self, ProfileForm};
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    service::update_profile(&ctx.db, user.id, ProfileForm { name, phone, nip }).await?;
    crate::site::paths::redirect(&crate::site::notice::Notice::ProfileSaved.at("/profil"));
    Ok(())
}

/// `reminders` is `1` when the box is ticked; a form leaves an unticked box out.
#[server(endpoint = "update_reminders")]
pub async fn update_reminders(#[server(default)] reminders: String) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    super::preferences::set_reminders(&ctx.db, user.id, reminders == "1").await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProfileRemindersSaved.at("/profil#pengingat"),
    );
    Ok(())
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    let session = ctx
        .session
        .as_ref()
        .map(|s| s.0.clone())
        .unwrap_or_default();
    super::service::change_password(&ctx.db, user.id, &current_password, &new_password, &session)
        .await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProfilePasswordChanged.at("/profil"),
    );
    Ok(())
}

/// The configured OAuth2 provider's name, if sign-in through one is offered.
#[server(endpoint = "oauth_provider")]
pub async fn oauth_provider() -> Result<Option<String>, AppError> {
    Ok(crate::context::RequestContext::get()?.config.oauth_name)
}

/// Mails the signed-in person a new link to verify their address.
#[server(endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let ctx = crate::context::RequestContext::get()?;
    let user = ctx.require_user().await?;
    super::service::resend_verification(&ctx.db, user.id, &ctx.config.public_url).await?;
    crate::site::paths::redirect(
        &crate::site::notice::Notice::ProfileVerificationResent.at("/profil"),
    );
    Ok(())
}

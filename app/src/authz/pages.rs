//! A competition's roles page: who holds which role, grant and revoke.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{get_competition_roles, GrantRole, RevokeRole};
use super::Role;
use crate::i18n::{use_lang, Key};
use crate::invitations::api::{Invite, WithdrawInvitation};
use crate::invitations::INVITABLE;
use crate::site::forms::{form_errors, ErrorSummary, SelectField, TextField};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::table::TableBox;

#[component]
pub fn CompetitionRolesPage() -> impl IntoView {
    let params = use_params_map();
    let slug = params.read_untracked().get("slug").unwrap_or_default();
    let data = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_competition_roles,
    );
    let grant = ServerAction::<GrantRole>::new();
    let revoke = ServerAction::<RevokeRole>::new();
    let invite = ServerAction::<Invite>::new();
    let withdraw = ServerAction::<WithdrawInvitation>::new();
    loaded(data, move |data| {
        let slug = slug.clone();
        let lang = use_lang();
        let (errors, other) = form_errors(grant.value().get_untracked());
        let (invite_errors, invite_other) = form_errors(invite.value().get_untracked());
        let invite_roles = INVITABLE
            .into_iter()
            .map(|role| (role.code().to_string(), lang.text(role.label()).to_string()))
            .collect::<Vec<_>>();
        let slug_for_rows = slug.clone();
        let invite_slug = slug.clone();
        let pending = data
            .invitations
            .into_iter()
            .map(|i| {
                let slug = slug_for_rows.clone();
                let label = lang.format(Key::InvitationsWithdrawLabel, &[("email", &i.email)]);
                view! {
                    <tr>
                        <td>{i.email}</td>
                        <td>{lang.text(i.role.label())}</td>
                        <td>{lang.datetime(i.expires_at)}</td>
                        <td>
                            <ActionForm action=withdraw>
                                <input type="hidden" name="slug" value=slug/>
                                <input type="hidden" name="invitation" value=i.id/>
                                <button type="submit" class="link-button" aria-label=label>
                                    {lang.text(Key::InvitationsWithdraw)}
                                </button>
                            </ActionForm>
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        let title = lang.format(Key::RolesPageTitle, &[("competition", &data.title)]);
        let rows = data
            .assignments
            .into_iter()
            .map(|a| {
                let slug = slug.clone();
                let label = lang.format(
                    Key::RolesRevokeLabel,
                    &[("name", &a.name), ("role", lang.text(a.role.label()))],
                );
                view! {
                    <tr>
                        <td>{a.name.clone()}</td>
                        <td>{a.email}</td>
                        <td>{lang.text(a.role.label())}</td>
                        <td>
                            <ActionForm action=revoke>
                                <input type="hidden" name="slug" value=slug/>
                                <input type="hidden" name="assignment" value=a.id/>
                                <button type="submit" class="link-button" aria-label=label>
                                    {lang.text(Key::RolesRevoke)}
                                </button>
                            </ActionForm>
                        </td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::ROLES/>
            <ErrorSummary errors=errors.clone() other=other fields=vec!["email"]/>
            <ErrorSummary errors=invite_errors.clone() other=invite_other fields=vec!["invite_email", "invite_role"]/>
            <h1>{title}</h1>
            <p>{lang.text(Key::RolesLead)}</p>
            {if rows.is_empty() {
                view! { <p>{lang.text(Key::RolesNone)}</p> }.into_any()
            } else {
                view! {
                    <TableBox label=lang.text(Key::RolesLead)>
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.text(Key::RolesPerson)}</th>
                                    <th scope="col">{lang.text(Key::RolesEmail)}</th>
                                    <th scope="col">{lang.text(Key::RolesRole)}</th>
                                    <th scope="col">{lang.text(Key::RolesActions)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </TableBox>
                }
                .into_any()
            }}
            <h2>{lang.text(Key::RolesGrantHeading)}</h2>
            <div class="narrow">
                <ActionForm action=grant>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <TextField name="email" label=Key::RolesGrantEmail hint=Key::RolesGrantEmailHint input_type="email" errors/>
                    <div class="field">
                        <label for="field-role">{lang.text(Key::RolesGrantRole)}</label>
                        <select id="field-role" name="role">
                            {Role::ALL
                                .into_iter()
                                .map(|role| view! { <option value=role.code()>{lang.text(role.label())}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button">{lang.text(Key::RolesSubmitGrant)}</button>
                </ActionForm>
            </div>
            <h2 id="undangan">{lang.text(Key::InvitationsHeading)}</h2>
            <p>{lang.text(Key::InvitationsHeadingLead)}</p>
            {if pending.is_empty() {
                view! { <p>{lang.text(Key::InvitationsNone)}</p> }.into_any()
            } else {
                view! {
                    <TableBox label=lang.text(Key::InvitationsHeading)>
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.text(Key::RolesEmail)}</th>
                                    <th scope="col">{lang.text(Key::RolesRole)}</th>
                                    <th scope="col">{lang.text(Key::InvitationsExpires)}</th>
                                    <th scope="col">{lang.text(Key::RolesActions)}</th>
                                </tr>
                            </thead>
                            <tbody>{pending}</tbody>
                        </table>
                    </TableBox>
                }
                .into_any()
            }}
            <div class="narrow">
                <ActionForm action=invite>
                    <input type="hidden" name="slug" value=invite_slug/>
                    <TextField name="invite_email" label=Key::InvitationsEmail input_type="email" errors=invite_errors.clone()/>
                    <SelectField name="invite_role" label=Key::InvitationsRole options=invite_roles errors=invite_errors/>
                    <button type="submit" class="button">{lang.text(Key::InvitationsSubmit)}</button>
                </ActionForm>
            </div>
        }
        .into_any()
    })
}

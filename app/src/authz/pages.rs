//! A competition's roles page: who holds which role, grant and revoke.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{get_competition_roles, GrantRole, RevokeRole};
use super::Role;
use crate::i18n::{use_lang, Key};
use crate::site::error_page::ErrorPage;
use crate::site::forms::{form_errors, ErrorSummary, TextField};

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
    view! {
        <Suspense>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    let data = match data.await {
                        Ok(data) => data,
                        Err(error) => return view! { <ErrorPage error/> }.into_any(),
                    };
                    let lang = use_lang();
                    let (errors, other) = form_errors(grant.value().get_untracked());
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
                        <ErrorSummary errors=errors.clone() other=other fields=vec!["email"]/>
                        <h1>{title}</h1>
                        <p>{lang.text(Key::RolesLead)}</p>
                        {if rows.is_empty() {
                            view! { <p>{lang.text(Key::RolesNone)}</p> }.into_any()
                        } else {
                            view! {
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
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}

//! The admins' organization pages (list, search, add, edit, remove) and the profile's
//! "your organizations" section. Plain forms: they work without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::api::{
    get_my_organization_invites, get_organization, get_organizations_admin, search_organizations,
    AnswerOrganizationInvite, CreateOrganization, DeleteOrganization, JoinOrganization,
    LeaveOrganization, UpdateOrganization,
};
use super::{AffiliationStatus, MyAffiliation, OrganizationKind, OrganizationSummary};
use crate::error::FieldErrors;
use crate::i18n::{use_lang, Key, Lang};
use crate::site::forms::{form_errors, typed_or_stored, ErrorSummary, SelectField, TextField};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::table::TableBox;

const FIELDS: [&str; 3] = ["name", "kind", "region"];

/// Name, kind and region: the fields of both the add and the edit form.
#[component]
fn OrganizationFields(errors: FieldErrors, regions: Vec<String>) -> impl IntoView {
    let lang = use_lang();
    let mut kinds = vec![(
        String::new(),
        lang.text(Key::OrganizationsKindChoose).to_string(),
    )];
    kinds.extend(
        OrganizationKind::ALL
            .into_iter()
            .map(|k| (k.code().to_string(), lang.text(k.label()).to_string())),
    );
    view! {
        <TextField name="name" label=Key::OrganizationsName errors=errors.clone()/>
        <SelectField name="kind" label=Key::OrganizationsKind options=kinds errors=errors.clone()/>
        <TextField name="region" label=Key::OrganizationsRegion hint=Key::OrganizationsRegionHint list="region-choices" errors/>
        <datalist id="region-choices">
            {regions.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
        </datalist>
    }
}

fn kind_and_region(lang: Lang, org: &OrganizationSummary) -> String {
    if org.region.is_empty() {
        lang.text(org.kind.label()).to_string()
    } else {
        format!("{} · {}", lang.text(org.kind.label()), org.region)
    }
}

#[component]
pub fn OrganizationsAdminPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("q").unwrap_or_default(),
        get_organizations_admin,
    );
    let create = ServerAction::<CreateOrganization>::new();
    loaded(data, move |data| {
        let lang = use_lang();
        let params = query.read_untracked();
        let q = params.get("q").unwrap_or_default();
        let (errors, other) = form_errors(create.value().get_untracked());
        let rows = data
            .rows
            .into_iter()
            .map(|(org, members)| {
                let kind = lang.text(org.kind.label());
                view! {
                    <tr>
                        <td><a href=format!("/admin/organisasi/{}", org.id)>{org.name}</a></td>
                        <td>{kind}</td>
                        <td>{org.region}</td>
                        <td class="number">{members}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <Title text=lang.text(Key::OrganizationsAdminTitle)/>
            <NoticeBanner among=Notice::ORGANIZATIONS/>
            <ErrorSummary errors=errors.clone() other=other fields=FIELDS.to_vec()/>
            <h1>{lang.text(Key::OrganizationsAdminTitle)}</h1>
            <p>{lang.format(Key::OrganizationsAdminLead, &[("total", &data.total.to_string())])}</p>
            <form method="get" action="/admin/organisasi" class="search-form" role="search">
                <label for="organization-query">{lang.text(Key::OrganizationsSearchLabel)}</label>
                <input id="organization-query" type="search" name="q" value=q/>
                <button type="submit" class="button">{lang.text(Key::OrganizationsSearch)}</button>
            </form>
            {if rows.is_empty() {
                view! { <p>{lang.text(Key::OrganizationsNoneFound)}</p> }.into_any()
            } else {
                view! {
                    <TableBox label=lang.text(Key::OrganizationsAdminTitle)>
                        <table class="table">
                            <thead>
                                <tr>
                                    <th scope="col">{lang.text(Key::OrganizationsName)}</th>
                                    <th scope="col">{lang.text(Key::OrganizationsKind)}</th>
                                    <th scope="col">{lang.text(Key::OrganizationsRegion)}</th>
                                    <th scope="col">{lang.text(Key::OrganizationsMembers)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </TableBox>
                }
                .into_any()
            }}
            <h2 id="tambah">{lang.text(Key::OrganizationsAddHeading)}</h2>
            <div class="narrow">
                <ActionForm action=create>
                    <OrganizationFields errors regions=data.regions/>
                    <button type="submit" class="button">{lang.text(Key::OrganizationsSubmitAdd)}</button>
                </ActionForm>
            </div>
        }
        .into_any()
    })
}

#[component]
pub fn OrganizationEditPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i32>().ok())
                .unwrap_or_default()
        },
        get_organization,
    );
    let update = ServerAction::<UpdateOrganization>::new();
    let delete = ServerAction::<DeleteOrganization>::new();
    loaded(data, move |(org, regions)| {
        let lang = use_lang();
        let (errors, other) = form_errors(update.value().get_untracked());
        let errors = typed_or_stored(
            errors,
            &[
                ("name", &org.name),
                ("kind", org.kind.code()),
                ("region", &org.region),
            ],
        );
        let (delete_errors, delete_other) = form_errors(delete.value().get_untracked());
        let title = lang.format(Key::OrganizationsEditTitle, &[("name", &org.name)]);
        view! {
            <Title text=title.clone()/>
            <div class="narrow">
                <ErrorSummary errors=errors.clone() other=other fields=FIELDS.to_vec()/>
                <ErrorSummary errors=delete_errors other=delete_other fields=vec!["organization"]/>
                <p><a href="/admin/organisasi">{lang.text(Key::OrganizationsBack)}</a></p>
                <h1>{title}</h1>
                <p><a href=format!("/organisasi/{}/anggota", org.id)>{lang.format(Key::OrganizationsManageMembers, &[("name", &org.name)])}</a></p>
                <ActionForm action=update>
                    <input type="hidden" name="id" value=org.id/>
                    <OrganizationFields errors regions/>
                    <button type="submit" class="button">{lang.text(Key::OrganizationsSubmitSave)}</button>
                </ActionForm>
                <h2 id="field-organization">{lang.text(Key::OrganizationsDeleteHeading)}</h2>
                <p>{lang.text(Key::OrganizationsDeleteText)}</p>
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=org.id/>
                    <button type="submit" class="button button-danger">{lang.text(Key::OrganizationsSubmitDelete)}</button>
                </ActionForm>
            </div>
        }
        .into_any()
    })
}

/// The profile's list of the person's organizations (each with where it stands, and a
/// link to manage members where the person is an admin), the invitations waiting for an
/// answer, and a search to ask to join more (`/profil?organisasi=…`).
#[component]
pub fn AffiliationsSection(affiliations: Vec<MyAffiliation>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map()
        .read_untracked()
        .get("organisasi")
        .unwrap_or_default();
    let join = ServerAction::<JoinOrganization>::new();
    let leave = ServerAction::<LeaveOrganization>::new();
    let answer = ServerAction::<AnswerOrganizationInvite>::new();
    let (join_errors, join_other) = form_errors(join.value().get_untracked());
    let (answer_errors, answer_other) = form_errors(answer.value().get_untracked());
    let invites = Resource::new(|| (), |_| get_my_organization_invites());
    let found = Resource::new(
        move || query.clone(),
        |q| async move {
            if q.trim().is_empty() {
                Ok(None)
            } else {
                search_organizations(q).await.map(Some)
            }
        },
    );
    let q = use_query_map()
        .read_untracked()
        .get("organisasi")
        .unwrap_or_default();
    let mine: Vec<(i32, AffiliationStatus)> = affiliations
        .iter()
        .map(|a| (a.organization.id, a.status))
        .collect();
    view! {
        <section aria-labelledby="organisasi">
            <h2 id="organisasi">{lang.text(Key::OrganizationsMineHeading)}</h2>
            <ErrorSummary errors=join_errors other=join_other fields=vec!["organization"]/>
            <ErrorSummary errors=answer_errors other=answer_other fields=vec![]/>
            <Suspense>
                {move || Suspend::new(async move {
                    let invites = invites.await.unwrap_or_default();
                    (!invites.is_empty()).then(|| view! {
                        <div id="undangan-organisasi" class="notice">
                            <h3>{lang.text(Key::OrganizationsInvitesHeading)}</h3>
                            <ul class="plain-list">
                                {invites
                                    .into_iter()
                                    .map(|invite| {
                                        let args = [("organization", invite.organization.name.as_str()), ("inviter", invite.invited_by.as_str())];
                                        let text = lang.format(Key::OrganizationsInviteFrom, &args);
                                        let accept_label = lang.format(Key::OrganizationsAcceptInviteLabel, &args);
                                        let decline_label = lang.format(Key::OrganizationsDeclineInviteLabel, &args);
                                        view! {
                                            <li>
                                                {text}
                                                <ActionForm action=answer attr:class="inline-form">
                                                    <input type="hidden" name="invite" value=invite.id/>
                                                    <input type="hidden" name="answer" value="accept"/>
                                                    <button type="submit" class="link-button" aria-label=accept_label>{lang.text(Key::OrganizationsAcceptInvite)}</button>
                                                </ActionForm>
                                                <ActionForm action=answer attr:class="inline-form">
                                                    <input type="hidden" name="invite" value=invite.id/>
                                                    <input type="hidden" name="answer" value="decline"/>
                                                    <button type="submit" class="link-button" aria-label=decline_label>{lang.text(Key::OrganizationsDeclineInvite)}</button>
                                                </ActionForm>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    })
                })}
            </Suspense>
            {if affiliations.is_empty() {
                view! { <p>{lang.text(Key::OrganizationsMineNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {affiliations
                            .into_iter()
                            .map(|mine| {
                                let org = mine.organization;
                                let label = lang.format(Key::OrganizationsLeaveLabel, &[("name", &org.name)]);
                                let manage = lang.format(Key::OrganizationsManageMembers, &[("name", &org.name)]);
                                let detail = kind_and_region(lang, &org);
                                let tag = if mine.status == AffiliationStatus::Approved { "tag" } else { "tag tag-warning" };
                                view! {
                                    <li>
                                        <strong>{org.name}</strong>" "<span class="muted">{detail}</span>" "
                                        <span class=tag>{lang.text(mine.status.label())}</span>
                                        {mine.is_admin.then(|| view! {
                                            " "<span class="tag">{lang.text(Key::OrganizationsAdminBadge)}</span>" "
                                            <a href=format!("/organisasi/{}/anggota", org.id)>{manage}</a>
                                        })}
                                        <ActionForm action=leave attr:class="inline-form">
                                            <input type="hidden" name="organization" value=org.id/>
                                            <button type="submit" class="link-button" aria-label=label>{lang.text(Key::OrganizationsLeave)}</button>
                                        </ActionForm>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <form method="get" action="/profil#organisasi-cari" class="search-form" role="search">
                <label for="field-organization">{lang.text(Key::OrganizationsFindLabel)}</label>
                <p class="hint" id="field-organization-hint">{lang.text(Key::OrganizationsFindHint)}</p>
                <input id="field-organization" type="search" name="organisasi" value=q aria-describedby="field-organization-hint"/>
                <button type="submit" class="button">{lang.text(Key::OrganizationsSearch)}</button>
            </form>
            <Suspense>
                {move || {
                    let mine = mine.clone();
                    Suspend::new(async move {
                        let found = match found.await {
                            Ok(Some(found)) => found,
                            _ => return None,
                        };
                        Some(view! {
                            <div id="organisasi-cari">
                                <p role="status">{lang.format(Key::OrganizationsFound, &[("count", &found.len().to_string())])}</p>
                                <ul class="plain-list">
                                    {found
                                        .into_iter()
                                        .map(|org| {
                                            let label = lang.format(Key::OrganizationsJoinLabel, &[("name", &org.name)]);
                                            let detail = kind_and_region(lang, &org);
                                            let standing = mine
                                                .iter()
                                                .find(|(id, status)| *id == org.id && *status != AffiliationStatus::Refused)
                                                .map(|(_, status)| *status);
                                            view! {
                                                <li>
                                                    <strong>{org.name}</strong>" "<span class="muted">{detail}</span>
                                                    {match standing {
                                                        Some(status) => view! { " "<span class="tag">{lang.text(status.label())}</span> }.into_any(),
                                                        None => view! {
                                                            <ActionForm action=join attr:class="inline-form">
                                                                <input type="hidden" name="organization" value=org.id/>
                                                                <button type="submit" class="link-button" aria-label=label>{lang.text(Key::OrganizationsJoin)}</button>
                                                            </ActionForm>
                                                        }
                                                        .into_any(),
                                                    }}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        })
                    })
                }}
            </Suspense>
        </section>
    }
}

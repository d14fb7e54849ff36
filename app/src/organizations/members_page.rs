//! `/organisasi/{id}/anggota`: an organization's admins approve or refuse requests
//! (confirming the NIP shown), remove members, name admins, invite by email and read the
//! record of every change. Plain forms: they work without JavaScript.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::api::{
    get_organization_members, DecideOrganizationMember, InviteToOrganization,
    NameOrganizationAdmin, RemoveOrganizationMember, SetOrganizationAdmin,
};
use super::{AffiliationStatus, MemberView, MembershipEvent};
use crate::i18n::{use_lang, Key, Lang};
use crate::site::forms::{form_errors, ErrorSummary, FieldMessages, TextField};
use crate::site::loaded::loaded;
use crate::site::notice::{Notice, NoticeBanner};
use crate::site::table::TableBox;

fn action_label(action: &str) -> Key {
    match action {
        "requested" => Key::OrganizationsActionRequested,
        "approved" => Key::OrganizationsActionApproved,
        "refused" => Key::OrganizationsActionRefused,
        "removed" => Key::OrganizationsActionRemoved,
        "left" => Key::OrganizationsActionLeft,
        "admin_named" => Key::OrganizationsActionAdminNamed,
        "admin_ended" => Key::OrganizationsActionAdminEnded,
        _ => Key::OrganizationsActionInvitationAccepted,
    }
}

/// The person's NIP as the admin should read it before vouching for it.
fn nip_text(lang: Lang, member: &MemberView) -> String {
    match member.nip.as_deref().filter(|n| !n.is_empty()) {
        None => lang.text(Key::OrganizationsNipNone).to_string(),
        Some(nip) if member.confirmed_nip.as_deref() == Some(nip) => {
            lang.format(Key::OrganizationsNipConfirmed, &[("nip", nip)])
        }
        Some(nip) => lang.format(Key::OrganizationsNipUnconfirmed, &[("nip", nip)]),
    }
}

fn status_text(lang: Lang, status: Option<AffiliationStatus>) -> String {
    status
        .map(|s| lang.text(s.label()).to_string())
        .unwrap_or_else(|| "—".to_string())
}

#[component]
fn History(events: Vec<MembershipEvent>) -> impl IntoView {
    let lang = use_lang();
    if events.is_empty() {
        return view! { <p>{lang.text(Key::OrganizationsHistoryNone)}</p> }.into_any();
    }
    view! {
        <TableBox label=lang.text(Key::OrganizationsHistoryHeading)>
            <table class="table">
                <caption>{lang.text(Key::OrganizationsHistoryHeading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.text(Key::OrganizationsColWhen)}</th>
                        <th scope="col">{lang.text(Key::OrganizationsColPerson)}</th>
                        <th scope="col">{lang.text(Key::OrganizationsColChange)}</th>
                        <th scope="col">{lang.text(Key::OrganizationsColBy)}</th>
                    </tr>
                </thead>
                <tbody>
                    {events
                        .into_iter()
                        .map(|e| {
                            let change = format!(
                                "{}: {} → {}{}",
                                lang.text(action_label(&e.action)),
                                status_text(lang, e.before),
                                status_text(lang, e.after),
                                e.detail.map(|d| format!(" ({d})")).unwrap_or_default(),
                            );
                            view! {
                                <tr>
                                    <td>{lang.datetime(e.at)}</td>
                                    <td>{e.person}</td>
                                    <td>{change}</td>
                                    <td>{e.by.unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
    .into_any()
}

#[component]
pub fn OrganizationMembersPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let data = Resource::new(id, get_organization_members);
    let decide = ServerAction::<DecideOrganizationMember>::new();
    let remove = ServerAction::<RemoveOrganizationMember>::new();
    let set_admin = ServerAction::<SetOrganizationAdmin>::new();
    let name_admin = ServerAction::<NameOrganizationAdmin>::new();
    let invite = ServerAction::<InviteToOrganization>::new();
    loaded(data, move |page| {
        let lang = use_lang();
        let org = page.organization.id;
        let (decide_errors, decide_other) = form_errors(decide.value().get_untracked());
        let (remove_errors, remove_other) = form_errors(remove.value().get_untracked());
        let (admin_errors, admin_other) = form_errors(set_admin.value().get_untracked());
        let (name_errors, name_other) = form_errors(name_admin.value().get_untracked());
        let (invite_errors, invite_other) = form_errors(invite.value().get_untracked());
        let member_fields: Vec<String> = page
            .requests
            .iter()
            .map(|m| format!("member-{}", m.id))
            .collect();
        let title = lang.format(
            Key::OrganizationsMembersTitle,
            &[("name", &page.organization.name)],
        );
        view! {
            <Title text=title.clone()/>
            <NoticeBanner among=Notice::MEMBERS/>
            <ErrorSummary errors=decide_errors.clone() other=decide_other fields=vec![] more_fields=member_fields/>
            <ErrorSummary errors=remove_errors other=remove_other fields=vec![]/>
            <ErrorSummary errors=admin_errors other=admin_other fields=vec![]/>
            <ErrorSummary errors=name_errors.clone() other=name_other fields=vec!["admin_email"]/>
            <ErrorSummary errors=invite_errors.clone() other=invite_other fields=vec!["invite_email"]/>
            <h1>{title}</h1>
            <p>{lang.text(Key::OrganizationsMembersLead)}</p>

            <h2 id="permintaan">{lang.text(Key::OrganizationsRequestsHeading)}</h2>
            {if page.requests.is_empty() {
                view! { <p>{lang.text(Key::OrganizationsRequestsNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="member-list">
                        {page.requests.into_iter().map(|m| {
                            let nip = nip_text(lang, &m);
                            let args = [("name", m.name.as_str())];
                            let approve_label = lang.format(Key::OrganizationsApproveLabel, &args);
                            let refuse_label = lang.format(Key::OrganizationsRefuseLabel, &args);
                            let field = format!("member-{}", m.id);
                            let messages = decide_errors.messages(&field);
                            view! {
                                <li id=format!("field-{field}")>
                                    <p><strong>{m.name.clone()}</strong>" "<span class="muted">{m.email.clone()}</span>
                                        {(!m.verified).then(|| view! { " "<span class="tag tag-warning">{lang.text(Key::OrganizationsUnverifiedTag)}</span> })}
                                    </p>
                                    <p>{lang.text(Key::OrganizationsColNip)}": "{nip}</p>
                                    <FieldMessages messages=messages/>
                                    <ActionForm action=decide attr:class="inline-form">
                                        <input type="hidden" name="organization" value=org/>
                                        <input type="hidden" name="member" value=m.id/>
                                        <input type="hidden" name="answer" value="approve"/>
                                        <input type="hidden" name="nip" value=m.nip.clone().unwrap_or_default()/>
                                        <button type="submit" class="button" aria-label=approve_label>{lang.text(Key::OrganizationsApprove)}</button>
                                    </ActionForm>
                                    " "
                                    <ActionForm action=decide attr:class="inline-form">
                                        <input type="hidden" name="organization" value=org/>
                                        <input type="hidden" name="member" value=m.id/>
                                        <input type="hidden" name="answer" value="refuse"/>
                                        <button type="submit" class="button button-danger" aria-label=refuse_label>{lang.text(Key::OrganizationsRefuse)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}

            <h2 id="anggota">{lang.text(Key::OrganizationsMembersHeading)}</h2>
            {if page.members.is_empty() {
                view! { <p>{lang.text(Key::OrganizationsMembersNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="member-list">
                        {page.members.into_iter().map(|m| {
                            let nip = nip_text(lang, &m);
                            let args = [("name", m.name.as_str())];
                            let (admin_value, admin_text, admin_label) = if m.is_admin {
                                ("no", Key::OrganizationsEndAdmin, Key::OrganizationsEndAdminLabel)
                            } else {
                                ("yes", Key::OrganizationsMakeAdmin, Key::OrganizationsMakeAdminLabel)
                            };
                            let admin_label = lang.format(admin_label, &args);
                            let remove_label = lang.format(Key::OrganizationsRemoveLabel, &args);
                            view! {
                                <li>
                                    <p><strong>{m.name.clone()}</strong>" "<span class="muted">{m.email.clone()}</span>
                                        {m.is_admin.then(|| view! { " "<span class="tag">{lang.text(Key::OrganizationsAdminBadge)}</span> })}
                                    </p>
                                    <p>{lang.text(Key::OrganizationsColNip)}": "{nip}" · "{lang.text(Key::OrganizationsColSince)}": "{lang.datetime(m.since)}</p>
                                    <ActionForm action=set_admin attr:class="inline-form">
                                        <input type="hidden" name="organization" value=org/>
                                        <input type="hidden" name="member" value=m.id/>
                                        <input type="hidden" name="admin" value=admin_value/>
                                        <button type="submit" class="link-button" aria-label=admin_label>{lang.text(admin_text)}</button>
                                    </ActionForm>
                                    " "
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="organization" value=org/>
                                        <input type="hidden" name="member" value=m.id/>
                                        <button type="submit" class="link-button" aria-label=remove_label>{lang.text(Key::OrganizationsRemove)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}

            <h2 id="undang">{lang.text(Key::OrganizationsInviteHeading)}</h2>
            <ActionForm action=invite>
                <input type="hidden" name="organization" value=org/>
                <TextField name="invite_email" label=Key::OrganizationsInviteEmail hint=Key::OrganizationsInviteHint input_type="email" errors=invite_errors/>
                <button type="submit" class="button">{lang.text(Key::OrganizationsSubmitInvite)}</button>
            </ActionForm>
            {(!page.invited.is_empty()).then(|| view! {
                <h3>{lang.text(Key::OrganizationsInvitedHeading)}</h3>
                <ul>{page.invited.into_iter().map(|email| view! { <li>{email}</li> }).collect_view()}</ul>
            })}

            <h2 id="admin">{lang.text(Key::OrganizationsNameAdminHeading)}</h2>
            <ActionForm action=name_admin>
                <input type="hidden" name="organization" value=org/>
                <TextField name="admin_email" label=Key::OrganizationsInviteEmail hint=Key::OrganizationsNameAdminHint input_type="email" errors=name_errors/>
                <button type="submit" class="button">{lang.text(Key::OrganizationsSubmitNameAdmin)}</button>
            </ActionForm>

            <h2 id="riwayat">{lang.text(Key::OrganizationsHistoryHeading)}</h2>
            <History events=page.history/>
        }
        .into_any()
    })
}

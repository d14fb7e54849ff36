//! The permission table: every page, axum route and server function, tried by every kind
//! of actor against objects that exist and that the actor could otherwise reach (a team
//! with a lead, a member and an accepted mentor; a submitted-to-be proposal with a
//! revision, a comment and an attachment; an organization with its admin and a pending
//! request; open invitations). Allowed means the request passed the permission check (it
//! succeeded, or a rule about the input answered); refused means exactly 401 for a
//! stranger who is signed out and 403 for everyone else. A test enumerates the server's
//! functions and routes and fails on one without a row.
use app::authz::Role;
use app::entities::{
    affiliation, attachment, competition_role, join_request, organization_invite, proposal_comment,
    proposal_revision, team_supporter,
};
use app::organizations::AffiliationStatus;
use sayembara_tests::{both_databases, demo, Backend, TestApp};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Actor {
    Anonymous,
    /// Signed up and signed in, the address never verified.
    Unverified,
    /// Verified, no role anywhere.
    User,
    Lead,
    Member,
    /// Accepted mentor of the team.
    Mentor,
    /// Partner of the competition, asked by the team, not yet answered.
    Partner,
    Juror,
    Organizer,
    /// Admin of the organization Pemerintah Kota Salatiga.
    OrgAdmin,
    Admin,
}
use Actor::*;

const ALL: [Actor; 11] = [
    Anonymous, Unverified, User, Lead, Member, Mentor, Partner, Juror, Organizer, OrgAdmin, Admin,
];
const SIGNED_IN: [Actor; 10] = [
    Unverified, User, Lead, Member, Mentor, Partner, Juror, Organizer, OrgAdmin, Admin,
];
const VERIFIED: [Actor; 9] = [
    User, Lead, Member, Mentor, Partner, Juror, Organizer, OrgAdmin, Admin,
];
const SLUG: &str = "kipp-daerah-2027";

fn email(who: Actor) -> String {
    format!("{who:?}@uji.go.id").to_lowercase()
}

/// Everything the rows point at, in one fresh world per actor (so what one actor is
/// allowed to change never decides what the next one meets).
struct World {
    /// Keeps the server's database alive while the rows run.
    _app: TestApp,
    team: i32,
    member_id: i32,
    user_id: i32,
    code: String,
    salatiga: i32,
    spare_organization: i32,
    user_request: i32,
    org_invite: i32,
    role_token: String,
    role_invitation: i32,
    partner_assignment: i32,
    partner_request: i32,
    /// Another mentor of the competition offered to support the team; the lead answers.
    support_offer: i32,
    join_request: i32,
    comment: i32,
    revision: i32,
    attachment: i32,
}

fn pick(browsers: &[(Actor, TestApp)], who: Actor) -> &TestApp {
    &browsers
        .iter()
        .find(|(a, _)| *a == who)
        .expect("every actor has a browser")
        .1
}

async fn signed_in(app: &TestApp, who: Actor) -> TestApp {
    app.person(&format!("{who:?}"), &email(who)).await
}

async fn world(backend: Backend) -> (World, Vec<(Actor, TestApp)>) {
    let app = TestApp::spawn_with_demo(backend).await;
    let mut browsers = vec![(Anonymous, app.new_browser())];
    let unverified = app
        .unverified_person("Unverified", &email(Unverified))
        .await;
    browsers.push((Unverified, unverified));
    for who in VERIFIED {
        browsers.push((who, signed_in(&app, who).await));
    }
    let browser = |who: Actor| pick(&browsers, who);
    app.make_admin(&email(Admin)).await;
    for (who, role) in [
        (Organizer, Role::Organizer),
        (Juror, Role::Juror),
        (Mentor, Role::Mentor),
        (Partner, Role::Partner),
    ] {
        app.give_role(&email(who), SLUG, role).await;
    }
    let salatiga = demo::organization_id(&app, "Pemerintah Kota Salatiga").await;
    affiliation::ActiveModel {
        user_id: Set(demo::user_id(&app, &email(OrgAdmin)).await),
        organization_id: Set(salatiga),
        created_at: Set(chrono::Utc::now()),
        status: Set(AffiliationStatus::Approved),
        is_admin: Set(true),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let spare = demo::organization_id(&app, "Universitas Tanjungpura").await;

    // The team: the lead registers it, the member joins with its code, the mentor accepts,
    // the partner is asked.
    let lead = browser(Lead);
    lead.register_team("Tim Sasaran", "Pemerintah Kota Salatiga", "")
        .await;
    let team_row = demo::team_named(&app, "Tim Sasaran").await;
    let team = team_row.id;
    let code = team_row.join_code.clone().unwrap();
    let (joined, _) = browser(Member).join_team(&code).await;
    sayembara_tests::assert_no_error(&joined);
    for who in [Mentor, Partner] {
        let id = demo::user_id(&app, &email(who)).await;
        lead.expect_done(&lead.ask_team_supporter(team, id).await);
    }
    let mentor_user = demo::user_id(&app, &email(Mentor)).await;
    let mentor_request = team_supporter::Entity::find()
        .filter(team_supporter::Column::UserId.eq(mentor_user))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mentor = browser(Mentor);
    mentor.expect_done(&mentor.answer_team_supporter(mentor_request, "accept").await);
    let partner_user = demo::user_id(&app, &email(Partner)).await;
    let partner_request = team_supporter::Entity::find()
        .filter(team_supporter::Column::UserId.eq(partner_user))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let partner_assignment = competition_role::Entity::find()
        .filter(competition_role::Column::UserId.eq(partner_user))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let offering = app
        .person_with_role("Offering", "offering@uji.go.id", SLUG, Role::Mentor)
        .await;
    offering.expect_done(&offering.offer_team_support(team).await);
    let offering_user = demo::user_id(&app, "offering@uji.go.id").await;
    let support_offer = team_supporter::Entity::find()
        .filter(team_supporter::Column::UserId.eq(offering_user))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;

    // The proposal: a saved title (a revision), a comment by the mentor, an attachment.
    let (saved, _) = lead
        .save_proposal(
            team,
            &[("text[title]", "Judul sasaran"), ("base[title]", "0")],
        )
        .await;
    sayembara_tests::assert_no_error(&saved);
    let revision = proposal_revision::Entity::find()
        .order_by_desc(proposal_revision::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (commented, _) = mentor
        .add_comment(team, "title", None, "Judulnya bagus.")
        .await;
    sayembara_tests::assert_no_error(&commented);
    let comment = proposal_comment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0u8; 64]);
    lead.upload_attachment(team, "foto.png", png).await;
    let attachment = attachment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;

    // The user: listed as looking for a team, asks to join this one, asks to join Salatiga.
    let user = browser(User);
    let forming = format!("/kompetisi/{SLUG}/cari-tim");
    user.done(
        &forming,
        "/api/save_seeker_listing",
        &[("slug", SLUG), ("skills", "analisis data")],
    )
    .await;
    user.done(
        &forming,
        "/api/ask_to_join",
        &[("slug", SLUG), ("team", &team.to_string())],
    )
    .await;
    let join_request = join_request::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    user.expect_done(&user.join_organization(salatiga).await);
    let user_id = demo::user_id(&app, &email(User)).await;
    let user_request = affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(user_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;

    // Invitations: Salatiga invites the user; the competition invites a new juror.
    let admin = browser(Admin);
    admin
        .done(
            &format!("/organisasi/{salatiga}/anggota"),
            "/api/invite_to_organization",
            &[
                ("organization", &salatiga.to_string()),
                ("invite_email", &email(User)),
            ],
        )
        .await;
    let org_invite = organization_invite::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    admin.expect_done(
        &admin
            .invite_to_role(SLUG, "juri.baru@ugm.ac.id", "juror")
            .await,
    );
    let link = app.link_in(&app.last_mail_to("juri.baru@ugm.ac.id").await.body);
    let role_token = link.trim_start_matches("/undangan?token=").to_string();
    let role_invitation = app::entities::invitation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let member_id = demo::user_id(&app, &email(Member)).await;
    (
        World {
            _app: app,
            team,
            member_id,
            user_id,
            code,
            salatiga,
            spare_organization: spare,
            user_request,
            org_invite,
            role_token,
            role_invitation,
            partner_assignment,
            partner_request,
            support_offer,
            join_request,
            comment,
            revision,
            attachment,
        },
        browsers,
    )
}

enum Request {
    /// A page or a plain route.
    Get(String),
    /// A server function called directly (as a script would): the status says it all.
    Call(&'static str, Vec<(String, String)>),
    /// A multipart upload to the attachments route.
    Upload(String),
    /// A plain POST (no body) to an axum route.
    Post(String),
}

enum Expect {
    /// Passes the permission check for these actors; 401/403 for the rest.
    Only(Vec<Actor>),
    /// No permission involved (public, or a token decides): never 401/403.
    Anyone,
}

fn only(actors: &[Actor]) -> Expect {
    Expect::Only(actors.to_vec())
}

fn call(endpoint: &'static str, fields: &[(&str, String)]) -> Request {
    Request::Call(
        endpoint,
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

fn s(value: &str) -> String {
    value.to_string()
}

fn table(w: &World) -> Vec<(Request, Expect)> {
    let team = w.team.to_string();
    let t = |p: &str| format!("/tim/{}{p}", w.team);
    let readers = [Lead, Member, Mentor, Organizer, Admin];
    let org_managers = [Organizer, Admin];
    let salatiga = w.salatiga.to_string();
    let org_admins = [OrgAdmin, Admin];
    let slug = || ("slug", s(SLUG));
    // A competition's organizers, jurors, mentors and partners are in none of its teams.
    let may_enter = [Unverified, User, Lead, Member, OrgAdmin, Admin];
    let may_register = [User, Lead, Member, OrgAdmin, Admin];
    vec![
        // Pages.
        (Request::Get(s("/")), only(&ALL)),
        (Request::Get(s("/kompetisi")), only(&ALL)),
        (Request::Get(format!("/kompetisi/{SLUG}")), only(&ALL)),
        (Request::Get(s("/daftar")), only(&ALL)),
        (Request::Get(s("/daftar/periksa-email")), only(&ALL)),
        (
            Request::Get(s("/verifikasi?token=bukan-token")),
            Expect::Anyone,
        ),
        (Request::Get(s("/masuk")), only(&ALL)),
        (Request::Get(s("/lupa-sandi")), only(&ALL)),
        (Request::Get(s("/lupa-sandi/terkirim")), only(&ALL)),
        (
            Request::Get(s("/atur-ulang-sandi?token=bukan-token")),
            Expect::Anyone,
        ),
        (Request::Get(s("/atur-ulang-sandi/selesai")), only(&ALL)),
        (
            Request::Get(format!("/undangan?token={}", w.role_token)),
            Expect::Anyone,
        ),
        (Request::Get(s("/profil")), only(&SIGNED_IN)),
        (Request::Get(s("/admin/surat")), only(&[Admin])),
        (Request::Get(s("/admin/organisasi")), only(&[Admin])),
        (
            Request::Get(format!("/admin/organisasi/{}", w.salatiga)),
            only(&[Admin]),
        ),
        (
            Request::Get(format!("/organisasi/{}/anggota", w.salatiga)),
            only(&org_admins),
        ),
        (Request::Get(s("/kelola")), only(&SIGNED_IN)),
        (Request::Get(format!("/kelola/{SLUG}")), only(&org_managers)),
        (
            Request::Get(format!("/kelola/{SLUG}/peserta")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/peserta/{}", w.team)),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/penilaian")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/penilaian/desk_evaluation")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/konflik")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/penilaian/desk_evaluation/hasil")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/catatan-penilaian")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/catatan-penilaian.csv")),
            only(&org_managers),
        ),
        (
            Request::Get(format!(
                "/kelola/{SLUG}/penilaian/desk_evaluation/hasil.csv"
            )),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/catatan-penilaian.xlsx")),
            only(&org_managers),
        ),
        (
            Request::Get(format!(
                "/kelola/{SLUG}/penilaian/desk_evaluation/hasil.xlsx"
            )),
            only(&org_managers),
        ),
        (
            Request::Get(format!(
                "/kelola/{SLUG}/penilaian/desk_evaluation/nilai.csv"
            )),
            only(&org_managers),
        ),
        (
            Request::Get(format!(
                "/kelola/{SLUG}/penilaian/desk_evaluation/nilai.xlsx"
            )),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/hasil-akhir.csv")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/hasil-akhir.xlsx")),
            only(&org_managers),
        ),
        (
            Request::Get(format!(
                "/kelola/{SLUG}/penilaian/desk_evaluation/daftar-pendek"
            )),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/penilaian/desk_evaluation/jadwal")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/hasil-akhir")),
            only(&org_managers),
        ),
        (Request::Get(format!("/kompetisi/{SLUG}/hasil")), only(&ALL)),
        (Request::Get(s("/penilaian")), only(&SIGNED_IN)),
        // No assignment 1 in this world: not found for anyone signed in (the scoring
        // tests refuse another juror and the organizer on a real one).
        (
            Request::Get(format!("/penilaian/{SLUG}/nilai/1")),
            only(&SIGNED_IN),
        ),
        // An admin is not a juror by being an admin.
        (Request::Get(format!("/penilaian/{SLUG}")), only(&[Juror])),
        (
            Request::Get(format!("/kompetisi/{SLUG}/peran")),
            only(&org_managers),
        ),
        (
            Request::Get(format!("/kompetisi/{SLUG}/daftar-tim")),
            only(&SIGNED_IN),
        ),
        (
            Request::Get(format!("/kompetisi/{SLUG}/tantangan")),
            only(&ALL),
        ),
        (
            Request::Get(format!("/kompetisi/{SLUG}/cari-tim")),
            only(&SIGNED_IN),
        ),
        (Request::Get(s("/tim")), only(&SIGNED_IN)),
        (Request::Get(t("")), only(&readers)),
        (Request::Get(t("/proposal")), only(&readers)),
        (Request::Get(t("/hasil")), only(&readers)),
        (
            Request::Get(t("/proposal/riwayat?bagian=title")),
            only(&readers),
        ),
        (Request::Get(format!("/gabung?kode={}", w.code)), only(&ALL)),
        // Plain routes.
        (Request::Get(s("/healthz")), only(&ALL)),
        (Request::Get(s("/bahasa/en?next=/")), only(&ALL)),
        (Request::Get(s("/masuk/oauth")), Expect::Anyone),
        (
            Request::Get(s("/masuk/oauth/kembali?code=x&state=y")),
            Expect::Anyone,
        ),
        (
            Request::Get(format!("/kelola/{SLUG}/peserta.csv")),
            only(&org_managers),
        ),
        (
            Request::Get(t(&format!("/proposal/lampiran/{}", w.attachment))),
            only(&readers),
        ),
        (
            Request::Upload(t("/proposal/lampiran")),
            only(&[Lead, Member]),
        ),
        (
            Request::Post(t(&format!("/proposal/lampiran/{}/hapus", w.attachment))),
            only(&[Lead, Member]),
        ),
        // Accounts.
        (call("get_current_user", &[]), only(&ALL)),
        (
            call(
                "sign_up",
                &[
                    ("name", s("Orang Baru")),
                    ("email", s("baru@uji.go.id")),
                    ("password", s("kopi tubruk pagi hari")),
                ],
            ),
            only(&ALL),
        ),
        (
            call("verify_email", &[("token", s("bukan-token"))]),
            Expect::Anyone,
        ),
        (
            call(
                "sign_in",
                &[
                    ("email", s("siapa@uji.go.id")),
                    ("password", s("salah sekali")),
                ],
            ),
            only(&ALL),
        ),
        (
            call("request_password_reset", &[("email", s("siapa@uji.go.id"))]),
            only(&ALL),
        ),
        (
            call(
                "reset_password",
                &[
                    ("token", s("bukan-token")),
                    ("password", s("kopi tubruk pagi hari")),
                ],
            ),
            Expect::Anyone,
        ),
        (call("get_profile", &[]), only(&SIGNED_IN)),
        (
            call(
                "update_profile",
                &[("name", s("Nama Baru")), ("phone", s("")), ("nip", s(""))],
            ),
            only(&SIGNED_IN),
        ),
        (
            call(
                "change_password",
                &[
                    ("current_password", s("bukan sandinya")),
                    ("new_password", s("sandi baru yang panjang")),
                ],
            ),
            only(&SIGNED_IN),
        ),
        (call("oauth_provider", &[]), only(&ALL)),
        (call("resend_verification", &[]), only(&SIGNED_IN)),
        (
            call("update_reminders", &[("reminders", s("1"))]),
            only(&SIGNED_IN),
        ),
        // Roles and invitations.
        (
            call("get_competition_roles", &[slug()]),
            only(&org_managers),
        ),
        (
            call(
                "grant_role",
                &[slug(), ("email", email(User)), ("role", s("mentor"))],
            ),
            only(&org_managers),
        ),
        (
            call(
                "grant_role",
                &[slug(), ("email", email(User)), ("role", s("organizer"))],
            ),
            only(&[Admin]),
        ),
        (
            call(
                "revoke_role",
                &[slug(), ("assignment", w.partner_assignment.to_string())],
            ),
            only(&org_managers),
        ),
        (
            call(
                "invite",
                &[
                    slug(),
                    ("invite_email", s("undangan@uksw.ac.id")),
                    ("invite_role", s("juror")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call(
                "withdraw_invitation",
                &[slug(), ("invitation", w.role_invitation.to_string())],
            ),
            only(&org_managers),
        ),
        (
            call("get_invitation", &[("token", w.role_token.clone())]),
            only(&ALL),
        ),
        (call("outbox", &[]), only(&[Admin])),
        // Challenges (mentors and partners may post, for organizations that approved them).
        (call("get_challenges", &[slug()]), only(&ALL)),
        (
            call(
                "save_challenge",
                &[
                    slug(),
                    ("organization", s("Pemerintah Kota Salatiga")),
                    ("title", s("Tantangan uji izin")),
                    ("problem", s("Antrean layanan terlalu panjang.")),
                    ("contact", s("uji@salatiga.go.id")),
                ],
            ),
            only(&[Mentor, Partner, Organizer, Admin]),
        ),
        (
            call("remove_challenge", &[slug(), ("challenge", s("1"))]),
            only(&org_managers),
        ),
        (
            call(
                "choose_team_challenge",
                &[("team", team.clone()), ("challenge", s(""))],
            ),
            only(&[Lead]),
        ),
        // Competitions and set-up.
        (call("list_competitions", &[]), only(&ALL)),
        (call("get_competition", &[slug()]), only(&ALL)),
        (call("get_managed_competitions", &[]), only(&SIGNED_IN)),
        (
            call(
                "create_competition",
                &[
                    ("new_title_id", s("Uji Izin")),
                    ("new_title_en", s("Permission Test")),
                    ("new_slug", s("uji-izin")),
                    ("new_kind", s("innovation")),
                ],
            ),
            only(&[Admin]),
        ),
        (
            call("get_competition_setup", &[slug()]),
            only(&org_managers),
        ),
        (
            call(
                "save_competition_details",
                &[
                    slug(),
                    ("title_id", s("")),
                    ("title_en", s("")),
                    ("summary_id", s("")),
                    ("summary_en", s("")),
                    ("description_id", s("")),
                    ("description_en", s("")),
                    ("rules_id", s("")),
                    ("rules_en", s("")),
                    ("kind", s("innovation")),
                    ("team_min", s("1")),
                    ("team_max", s("5")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call("save_competition_timeline", &[slug()]),
            only(&org_managers),
        ),
        (call("publish_competition", &[slug()]), only(&org_managers)),
        (
            call(
                "change_stage",
                &[slug(), ("stage", s("registration")), ("action", s("end"))],
            ),
            only(&org_managers),
        ),
        (
            call(
                "save_competition_eligibility",
                &[
                    slug(),
                    ("min_months_running", s("12")),
                    ("max_earlier_wins", s("")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call("save_competition_rubric", &[slug()]),
            only(&org_managers),
        ),
        (
            call("save_competition_prizes", &[slug(), ("partners", s(""))]),
            only(&org_managers),
        ),
        (
            call(
                "save_proposal_template",
                &[
                    slug(),
                    ("template[template_rows]", s("1")),
                    ("template[template_0_title_id]", s("Masalah")),
                    ("template[template_0_word_limit]", s("300")),
                ],
            ),
            only(&org_managers),
        ),
        // The organizer's dashboard.
        (
            call(
                "get_dashboard",
                &[
                    slug(),
                    ("filters[state]", s("")),
                    ("filters[category]", s("")),
                    ("filters[province]", s("")),
                    ("filters[search]", s("")),
                    ("filters[flagged]", s("")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call("get_eligibility", &[slug(), ("team", team.clone())]),
            only(&org_managers),
        ),
        (
            call(
                "decide_eligibility",
                &[slug(), ("team", team.clone()), ("decision", s("eligible"))],
            ),
            only(&org_managers),
        ),
        // Judging.
        (call("get_judging", &[slug()]), only(&org_managers)),
        (call("close_selection", &[slug()]), only(&org_managers)),
        (
            call(
                "get_judging_stage",
                &[slug(), ("stage", s("desk_evaluation"))],
            ),
            only(&org_managers),
        ),
        (
            call(
                "run_assignment",
                &[
                    slug(),
                    ("stage", s("desk_evaluation")),
                    ("k", s("2")),
                    ("max_load", s("5")),
                    ("seed", s("7")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call(
                "add_assignment",
                &[
                    slug(),
                    ("stage", s("desk_evaluation")),
                    ("proposal", s("1")),
                    ("juror", s("1")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call(
                "remove_assignment",
                &[
                    slug(),
                    ("stage", s("desk_evaluation")),
                    ("proposal", s("1")),
                    ("juror", s("1")),
                ],
            ),
            only(&org_managers),
        ),
        (call("get_conflicts", &[slug()]), only(&org_managers)),
        (
            call(
                "decide_conflict",
                &[
                    slug(),
                    ("juror", s("1")),
                    ("proposal", s("1")),
                    ("kind", s("added")),
                    ("reason", s("uji")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call("remind_jurors", &[slug(), ("stage", s("desk_evaluation"))]),
            only(&org_managers),
        ),
        (
            call("get_judging_record", &[slug(), ("kind", s(""))]),
            only(&org_managers),
        ),
        (call("get_my_judging", &[]), only(&SIGNED_IN)),
        (
            call("get_score_sheet", &[slug(), ("assignment", s("1"))]),
            only(&SIGNED_IN),
        ),
        (
            call(
                "save_score_sheet",
                &[slug(), ("assignment", s("1")), ("intent", s("draft"))],
            ),
            only(&SIGNED_IN),
        ),
        (
            call(
                "reopen_score_sheet",
                &[slug(), ("sheet", s("1")), ("reason", s("uji"))],
            ),
            only(&org_managers),
        ),
        (
            call(
                "get_judging_results",
                &[slug(), ("stage", s("desk_evaluation"))],
            ),
            only(&org_managers),
        ),
        (
            call(
                "save_judging_settings",
                &[
                    slug(),
                    ("stage", s("desk_evaluation")),
                    ("peer_visibility", s("after_own")),
                    ("min_sample", s("3")),
                    ("divergence", s("15")),
                    ("rank_by", s("raw")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call("get_shortlist", &[slug(), ("stage", s("desk_evaluation"))]),
            only(&org_managers),
        ),
        (
            call(
                "fix_shortlist",
                &[
                    slug(),
                    ("stage", s("desk_evaluation")),
                    ("ask[ke]", s("presentation")),
                    ("ask[jumlah]", s("2")),
                ],
            ),
            only(&org_managers),
        ),
        (
            call("get_schedule", &[slug(), ("stage", s("desk_evaluation"))]),
            only(&org_managers),
        ),
        (
            call("save_schedule", &[slug(), ("stage", s("desk_evaluation"))]),
            only(&org_managers),
        ),
        (call("get_final", &[slug()]), only(&org_managers)),
        (
            call(
                "save_final_weights",
                &[slug(), ("weight[desk_evaluation]", s("100"))],
            ),
            only(&org_managers),
        ),
        (call("freeze_results", &[slug()]), only(&org_managers)),
        (
            call(
                "publish_results",
                &[slug(), ("runners_up", s("2")), ("honourable", s("3"))],
            ),
            only(&org_managers),
        ),
        (call("get_public_results", &[slug()]), only(&ALL)),
        (
            call("get_team_results", &[("team", team.clone())]),
            only(&readers),
        ),
        (call("get_juror_desk", &[slug()]), only(&[Juror])),
        (
            call(
                "declare_conflict",
                &[slug(), ("proposal", s("1")), ("reason", s("uji"))],
            ),
            only(&[Juror]),
        ),
        (
            call("save_expertise", &[slug(), ("expertise[1]", s("on"))]),
            only(&[Juror]),
        ),
        // Organizations.
        (
            call("search_organizations", &[("query", s("salatiga"))]),
            only(&ALL),
        ),
        (
            call("get_organizations_admin", &[("query", s(""))]),
            only(&[Admin]),
        ),
        (
            call("get_organization", &[("id", salatiga.clone())]),
            only(&[Admin]),
        ),
        (
            call(
                "create_organization",
                &[
                    ("name", s("Organisasi Uji Izin")),
                    ("kind", s("company")),
                    ("region", s("")),
                ],
            ),
            only(&[Admin]),
        ),
        (
            call(
                "update_organization",
                &[
                    ("id", salatiga.clone()),
                    ("name", s("Pemerintah Kota Salatiga")),
                    ("kind", s("regency")),
                    ("region", s("Kota Salatiga, Jawa Tengah")),
                ],
            ),
            only(&[Admin]),
        ),
        (
            call(
                "delete_organization",
                &[("id", w.spare_organization.to_string())],
            ),
            only(&[Admin]),
        ),
        (
            call("join_organization", &[("organization", salatiga.clone())]),
            only(&SIGNED_IN),
        ),
        (
            call(
                "leave_organization",
                &[("organization", w.spare_organization.to_string())],
            ),
            only(&SIGNED_IN),
        ),
        (
            call("get_organization_members", &[("id", salatiga.clone())]),
            only(&org_admins),
        ),
        (
            call(
                "decide_organization_member",
                &[
                    ("organization", salatiga.clone()),
                    ("member", w.user_request.to_string()),
                    ("answer", s("refuse")),
                ],
            ),
            only(&org_admins),
        ),
        (
            call(
                "remove_organization_member",
                &[
                    ("organization", salatiga.clone()),
                    ("member", w.user_request.to_string()),
                ],
            ),
            only(&org_admins),
        ),
        (
            call(
                "set_organization_admin",
                &[
                    ("organization", salatiga.clone()),
                    ("member", w.user_request.to_string()),
                    ("admin", s("yes")),
                ],
            ),
            only(&org_admins),
        ),
        (
            call(
                "name_organization_admin",
                &[
                    ("organization", salatiga.clone()),
                    ("admin_email", email(User)),
                ],
            ),
            only(&org_admins),
        ),
        (
            call(
                "invite_to_organization",
                &[
                    ("organization", salatiga.clone()),
                    ("invite_email", s("rekan@salatiga.go.id")),
                ],
            ),
            only(&org_admins),
        ),
        (call("get_my_organization_invites", &[]), only(&SIGNED_IN)),
        (
            call(
                "answer_organization_invite",
                &[
                    ("invite", w.org_invite.to_string()),
                    ("answer", s("accept")),
                ],
            ),
            only(&[User]),
        ),
        // Teams.
        (call("get_my_teams", &[]), only(&SIGNED_IN)),
        (call("get_team_registration", &[slug()]), only(&SIGNED_IN)),
        (
            call(
                "register_team",
                &[
                    slug(),
                    ("name", s("Tim Uji Izin")),
                    ("agency", s("Pemerintah Kota Salatiga")),
                ],
            ),
            only(&may_register),
        ),
        (call("get_team", &[("id", team.clone())]), only(&readers)),
        (
            call(
                "invite_team_member",
                &[
                    ("team", team.clone()),
                    ("invite_email", s("rekan@salatiga.go.id")),
                ],
            ),
            only(&[Lead]),
        ),
        (call("get_join", &[("code", w.code.clone())]), only(&ALL)),
        (
            call("new_team_code", &[("team", team.clone())]),
            only(&[Lead]),
        ),
        (
            call(
                "ask_team_supporter",
                &[("team", team.clone()), ("supporter", w.user_id.to_string())],
            ),
            only(&[Lead]),
        ),
        (
            call(
                "answer_team_supporter",
                &[
                    ("request", w.partner_request.to_string()),
                    ("answer", s("decline")),
                ],
            ),
            only(&[Partner]),
        ),
        // Mentors and partners of the competition offer; the lead answers an offer.
        (
            call("offer_team_support", &[("team", team.clone())]),
            only(&[Mentor, Partner]),
        ),
        (
            call(
                "answer_team_supporter",
                &[
                    ("request", w.support_offer.to_string()),
                    ("answer", s("accept")),
                ],
            ),
            only(&[Lead]),
        ),
        (call("get_proposals_to_comment", &[]), only(&SIGNED_IN)),
        // Team forming.
        (call("get_team_forming", &[slug()]), only(&SIGNED_IN)),
        (
            call(
                "save_seeker_listing",
                &[slug(), ("skills", s("desain layanan"))],
            ),
            only(&may_enter),
        ),
        (call("remove_seeker_listing", &[slug()]), only(&SIGNED_IN)),
        (
            call(
                "save_team_wanted",
                &[
                    slug(),
                    ("team", team.clone()),
                    ("wanted_skills", s("desain")),
                ],
            ),
            only(&[Lead]),
        ),
        (
            call("ask_to_join", &[slug(), ("team", team.clone())]),
            only(&may_enter),
        ),
        (
            call(
                "invite_seeker",
                &[
                    slug(),
                    ("team", team.clone()),
                    ("person", w.user_id.to_string()),
                ],
            ),
            only(&[Lead]),
        ),
        (
            call(
                "answer_join_request",
                &[
                    ("request", w.join_request.to_string()),
                    ("answer", s("decline")),
                ],
            ),
            only(&[Lead]),
        ),
        // Proposals and mentoring.
        (
            call("get_proposal_editor", &[("team", team.clone())]),
            only(&readers),
        ),
        (
            call("get_stashed_values", &[("token", s("bukan-token"))]),
            only(&SIGNED_IN),
        ),
        (
            call(
                "save_proposal",
                &[
                    ("team", team.clone()),
                    ("text[summary]", s("Ringkasan")),
                    ("base[summary]", s("0")),
                ],
            ),
            only(&[Lead, Member]),
        ),
        (
            call(
                "autosave_part",
                &[
                    ("team", team.clone()),
                    ("part", s("links")),
                    ("base", s("0")),
                    ("body", s("https://contoh.go.id")),
                ],
            ),
            only(&[Lead, Member]),
        ),
        (
            call(
                "get_part_history",
                &[("team", team.clone()), ("part", s("title"))],
            ),
            only(&readers),
        ),
        (
            call(
                "restore_revision",
                &[
                    ("team", team.clone()),
                    ("revision", w.revision.to_string()),
                    ("base", s("1")),
                ],
            ),
            only(&[Lead, Member]),
        ),
        (
            call("submit_proposal", &[("team", team.clone())]),
            only(&[Lead]),
        ),
        (
            call("withdraw_proposal", &[("team", team.clone())]),
            only(&[Lead]),
        ),
        (
            call(
                "add_comment",
                &[
                    ("team", team.clone()),
                    ("part", s("title")),
                    ("body", s("Catatan")),
                ],
            ),
            only(&[Lead, Member, Mentor]),
        ),
        (
            call(
                "resolve_comment",
                &[
                    ("team", team.clone()),
                    ("comment", w.comment.to_string()),
                    ("resolved", s("true")),
                ],
            ),
            only(&[Lead, Member, Mentor]),
        ),
        // Late: they change who belongs to the team the rows above read.
        (
            call("join_team", &[("code", w.code.clone())]),
            only(&may_enter),
        ),
        // The member may leave; only the lead removes others.
        (
            call(
                "remove_team_member",
                &[("team", team.clone()), ("member", w.member_id.to_string())],
            ),
            only(&[Lead, Member]),
        ),
        // Late: accepting makes the actor a juror of the competition, which keeps them out
        // of its teams (the rows above). Signed out it asks for the new account's details;
        // signed in under an address nobody proved, it waits.
        (
            call("accept_invitation", &[("token", w.role_token.clone())]),
            only(&[
                Anonymous, User, Lead, Member, Mentor, Partner, Juror, Organizer, OrgAdmin, Admin,
            ]),
        ),
        // Last: it ends the session the rows above ran in.
        (call("sign_out", &[]), only(&ALL)),
    ]
}

/// What an actor met: `Ok(true)` allowed, `Ok(false)` refused as a refusal should be,
/// `Err` anything else (a 5xx, a refusal with the wrong status).
async fn attempt(
    who: Actor,
    browser: &TestApp,
    request: &Request,
) -> (String, Result<bool, String>) {
    let (what, response) = match request {
        Request::Get(path) => (format!("GET {path}"), browser.get(path).await),
        Request::Call(endpoint, fields) => {
            let response = browser
                .client
                .post(browser.url(&format!("/api/{endpoint}")))
                .header("accept", "application/json")
                .form(fields)
                .send()
                .await
                .expect("request sent");
            (format!("POST /api/{endpoint} {fields:?}"), response)
        }
        Request::Upload(path) => {
            let form = reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(b"%PDF-1.7\nx".to_vec()).file_name("uji.pdf"),
            );
            let response = browser
                .client
                .post(browser.url(path))
                .header("origin", &browser.address)
                .multipart(form)
                .send()
                .await
                .expect("request sent");
            (format!("POST {path} (upload)"), response)
        }
        Request::Post(path) => {
            let response = browser
                .client
                .post(browser.url(path))
                .header("origin", &browser.address)
                .send()
                .await
                .expect("request sent");
            (format!("POST {path}"), response)
        }
    };
    let status = response.status().as_u16();
    // Plain routes answer a browser's refusal with a redirect carrying the error.
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let redirected_refusal = match sayembara_tests::error_in(&location) {
        Some(Ok(app::error::AppError::Unauthorized)) => Some(401),
        Some(Ok(app::error::AppError::Forbidden | app::error::AppError::Unverified)) => Some(403),
        _ => None,
    };
    let refusal = redirected_refusal.or(match status {
        401 | 403 => Some(status),
        _ => None,
    });
    let expected_refusal = if who == Anonymous { 401 } else { 403 };
    let outcome = match refusal {
        _ if status >= 500 => Err(format!("status {status}")),
        // A row whose arguments the server cannot read tests nothing.
        _ if status == 400 => Err("400: the row's arguments are malformed".to_string()),
        Some(code) if code == expected_refusal => Ok(false),
        Some(code) => Err(format!("refused with {code}, expected {expected_refusal}")),
        None => Ok(true),
    };
    (what, outcome)
}

async fn every_endpoint_is_allowed_or_refused_as_the_table_says(backend: Backend) {
    // One fresh world per actor, a few at a time.
    let mut results = Vec::new();
    for chunk in ALL.chunks(4) {
        let runs = chunk.iter().map(|who| run_actor(backend, *who));
        results.extend(futures::future::join_all(runs).await);
    }
    let rows = results.first().map(|r| r.0).unwrap_or(0);
    let probes: usize = results.iter().map(|r| r.0).sum();
    let failures: Vec<String> = results.into_iter().flat_map(|r| r.1).collect();
    println!(
        "permission table: {rows} rows, {} actors, {probes} probes",
        ALL.len()
    );
    assert!(
        failures.is_empty(),
        "permission table mismatches:\n{}",
        failures.join("\n")
    );
}
both_databases!(
    permission_table,
    every_endpoint_is_allowed_or_refused_as_the_table_says
);

/// Runs every row as `who` in a world of their own: (rows, failures).
async fn run_actor(backend: Backend, who: Actor) -> (usize, Vec<String>) {
    let (world, browsers) = world(backend).await;
    let browser = pick(&browsers, who);
    let table = table(&world);
    let mut failures = Vec::new();
    {
        for (request, expect) in &table {
            let (what, outcome) = attempt(who, browser, request).await;
            let verdict = match (expect, outcome) {
                (_, Err(problem)) => Some(problem),
                (Expect::Anyone, Ok(false)) => {
                    Some("refused a request anyone may make".to_string())
                }
                (Expect::Anyone, Ok(true)) => None,
                (Expect::Only(allowed), Ok(got)) if allowed.contains(&who) != got => Some(format!(
                    "expected {}, got {}",
                    if allowed.contains(&who) {
                        "allowed"
                    } else {
                        "refused"
                    },
                    if got { "allowed" } else { "refused" }
                )),
                _ => None,
            };
            if let Some(problem) = verdict {
                failures.push(format!("{who:?} {what}: {problem}"));
            }
        }
    }
    (table.len(), failures)
}

/// Whether `path` (a row's concrete path, query dropped) fits a route pattern with
/// `{param}` or `:param` segments.
fn fits(pattern: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let a: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let b: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(p, s)| p.starts_with('{') || p.starts_with(':') || p == s)
}

#[tokio::test]
async fn every_server_function_and_route_has_a_row() {
    let database = sayembara_tests::TestDatabase::new(Backend::Sqlite).await;
    let (world, _) = world_for_coverage(database).await;
    let table = table(&world);
    let mut missing = Vec::new();
    for path in app::server_function_paths() {
        let endpoint = path.trim_start_matches("/api/");
        let covered = table
            .iter()
            .any(|(r, _)| matches!(r, Request::Call(e, _) if *e == endpoint));
        if !covered {
            missing.push(path);
        }
    }
    let paths: Vec<String> = table
        .iter()
        .filter_map(|(r, _)| match r {
            Request::Get(p) | Request::Upload(p) | Request::Post(p) => Some(p.clone()),
            Request::Call(..) => None,
        })
        .collect();
    for pattern in server::startup::page_paths()
        .into_iter()
        .chain(server::startup::PLAIN_ROUTES.iter().map(|r| r.to_string()))
    {
        if !paths.iter().any(|p| fits(&pattern, p)) {
            missing.push(pattern);
        }
    }
    assert!(
        missing.is_empty(),
        "no row in the permission table for: {missing:?}"
    );
}

/// A world is only needed for its ids here: the demo on an empty database is enough.
async fn world_for_coverage(database: sayembara_tests::TestDatabase) -> (World, ()) {
    let app = TestApp::spawn_on(database).await;
    (
        World {
            _app: app,
            team: 1,
            member_id: 1,
            user_id: 1,
            code: String::new(),
            salatiga: 1,
            spare_organization: 1,
            user_request: 1,
            org_invite: 1,
            role_token: String::new(),
            role_invitation: 1,
            partner_assignment: 1,
            partner_request: 1,
            support_offer: 1,
            join_request: 1,
            comment: 1,
            revision: 1,
            attachment: 1,
        },
        (),
    )
}

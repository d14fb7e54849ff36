//! Invitations by email to be a juror or mentor: sending, accepting (new account, existing
//! account, signed in), withdrawing, expiry. Black-box on both databases.
use app::authz::Role;
use app::entities::{competition_role, invitation, role_audit, user_account};
use chrono::{Duration, Utc};
use sayembara_tests::{both_databases, Backend, TestApp, PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "kipp-daerah-2027";
const ROLES: &str = "/kompetisi/kipp-daerah-2027/peran";

async fn organizer(app: &TestApp) -> TestApp {
    let browser = app
        .person_with_role("Panitia", "panitia@menpan.go.id", SLUG, Role::Organizer)
        .await;
    browser
}

async fn roles_of(app: &TestApp, email: &str) -> Vec<Role> {
    let Some(user) = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
    else {
        return Vec::new();
    };
    competition_role::Entity::find()
        .filter(competition_role::Column::UserId.eq(user.id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.role)
        .collect()
}

async fn a_new_juror_accepts_by_creating_an_account(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = organizer(&app).await;
    // Organizers find the roles page from the competition's page; others do not see it.
    let (_, page) = organizer.page("/kompetisi/kipp-daerah-2027").await;
    assert!(page.contains("href=\"/kompetisi/kipp-daerah-2027/peran\""));
    let (_, page) = app.new_browser().page("/kompetisi/kipp-daerah-2027").await;
    assert!(!page.contains("/kompetisi/kipp-daerah-2027/peran"));
    let response = organizer
        .invite_to_role(SLUG, "Juri.Baru@UGM.ac.id", "juror")
        .await;
    let (location, page) = organizer.follow(&response).await;
    assert_eq!(location, format!("{ROLES}?tersimpan=diundang"));
    assert!(page.contains("Undangan terkirim."));
    assert!(page.contains("juri.baru@ugm.ac.id"));

    let mail = app.last_mail_to("juri.baru@ugm.ac.id").await;
    assert!(mail.subject.contains("Juri"), "{}", mail.subject);
    assert!(mail.body.contains("Panitia"));
    let link = app.link_in(&mail.body);
    assert!(link.starts_with("/undangan?token="));

    // The invitee has no account: the page offers to create one.
    let invitee = app.new_browser();
    let (status, page) = invitee.page(&link).await;
    assert_eq!(status, 200);
    assert!(page.contains("Buat akun untuk juri.baru@ugm.ac.id"));

    // Problems are shown at their fields; nothing is created yet.
    let token = link.trim_start_matches("/undangan?token=").to_string();
    let response = invitee
        .submit(
            &link,
            "/api/accept_invitation",
            &[
                ("token", &token),
                ("name", "Dr. Sekar"),
                ("password", "pendek"),
            ],
        )
        .await;
    let (_, page) = invitee.follow(&response).await;
    assert!(page.contains("Kata sandi minimal 10 karakter"));
    assert!(page.contains("value=\"Dr. Sekar\""));
    assert!(roles_of(&app, "juri.baru@ugm.ac.id").await.is_empty());

    let response = invitee
        .submit(
            &link,
            "/api/accept_invitation",
            &[
                ("token", &token),
                ("name", "Dr. Sekar"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        invitee.location(&response),
        format!("/kompetisi/{SLUG}?peran=diterima")
    );
    let (_, page) = invitee.follow(&response).await;
    assert!(page.contains("Undangan diterima."));
    // Signed in, verified, and a juror, on the record.
    let (_, page) = invitee.page("/profil").await;
    assert!(page.contains("Dr. Sekar"));
    assert_eq!(
        roles_of(&app, "juri.baru@ugm.ac.id").await,
        vec![Role::Juror]
    );
    let account = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("juri.baru@ugm.ac.id"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(account.email_verified_at.is_some());
    let audited = role_audit::Entity::find()
        .filter(role_audit::Column::UserId.eq(account.id))
        .filter(role_audit::Column::Action.eq("invitation"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);

    // The link works once.
    let (status, page) = app.new_browser().page(&link).await;
    assert_eq!(status, 404);
    assert!(page.contains("Undangan tidak berlaku"));
    let (_, page) = organizer.page(ROLES).await;
    assert!(page.contains("Tidak ada undangan yang menunggu."));
}
both_databases!(new_account, a_new_juror_accepts_by_creating_an_account);

async fn someone_with_an_account_signs_in_then_accepts(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = organizer(&app).await;
    let dosen = app.person("Dosen", "dosen@uksw.ac.id").await;
    dosen.sign_out().await;

    organizer
        .invite_to_role(SLUG, "dosen@uksw.ac.id", "mentor")
        .await;
    let link = app.link_in(&app.last_mail_to("dosen@uksw.ac.id").await.body);
    let (_, page) = dosen.page(&link).await;
    assert!(page.contains("Sudah ada akun untuk dosen@uksw.ac.id"));
    assert!(page.contains("/masuk?lanjut=/undangan%3Ftoken%3D"));

    // Signing in from there comes back to the invitation.
    let response = dosen
        .submit(
            "/masuk",
            "/api/sign_in",
            &[
                ("email", "dosen@uksw.ac.id"),
                ("password", PASSWORD),
                ("next", &link),
            ],
        )
        .await;
    assert_eq!(dosen.location(&response), link);
    let (_, page) = dosen.page(&link).await;
    assert!(page.contains("Anda masuk sebagai Dosen"));

    // Accepting without an account's details is refused while signed out.
    let token = link.trim_start_matches("/undangan?token=").to_string();
    let stranger = app.new_browser();
    let response = stranger
        .submit(&link, "/api/accept_invitation", &[("token", &token)])
        .await;
    sayembara_tests::refusal(&stranger.location(&response));

    dosen
        .submit(&link, "/api/accept_invitation", &[("token", &token)])
        .await;
    assert_eq!(roles_of(&app, "dosen@uksw.ac.id").await, vec![Role::Mentor]);
}
both_databases!(
    existing_account,
    someone_with_an_account_signs_in_then_accepts
);

async fn invitations_can_be_withdrawn_expire_and_are_limited(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = organizer(&app).await;

    // Organizers invite jurors and mentors only; a bad address is refused at its field.
    let response = organizer.invite_to_role(SLUG, "a@b.id", "partner").await;
    let (_, page) = organizer.follow(&response).await;
    assert!(page.contains("Undangan hanya untuk juri atau pendamping"));
    let response = organizer.invite_to_role(SLUG, "bukan-email", "juror").await;
    let (_, page) = organizer.follow(&response).await;
    assert!(page.contains("format yang benar"));
    assert!(page.contains("value=\"bukan-email\""));
    let response = organizer.invite_to_role(SLUG, "a@b.id", "organizer").await;
    sayembara_tests::refusal(&organizer.location(&response));

    // Someone without the role cannot invite.
    let user = app.person("Biasa", "biasa@salatiga.go.id").await;
    let response = user.invite_to_role(SLUG, "x@y.id", "juror").await;
    sayembara_tests::refusal(&user.location(&response));
    assert_eq!(invitation::Entity::find().count(&app.db).await.unwrap(), 0);

    // Inviting again replaces the open invitation; the old link stops working.
    organizer
        .invite_to_role(SLUG, "juri@unair.ac.id", "juror")
        .await;
    let first = app.link_in(&app.last_mail_to("juri@unair.ac.id").await.body);
    organizer
        .invite_to_role(SLUG, "juri@unair.ac.id", "juror")
        .await;
    let second = app.link_in(&app.last_mail_to("juri@unair.ac.id").await.body);
    assert_ne!(first, second);
    assert_eq!(invitation::Entity::find().count(&app.db).await.unwrap(), 1);
    let (_, page) = app.new_browser().page(&first).await;
    assert!(page.contains("Undangan tidak berlaku"));

    // Withdrawn: the link no longer works.
    let row = invitation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let id = row.id.to_string();
    organizer
        .submit(
            ROLES,
            "/api/withdraw_invitation",
            &[("slug", SLUG), ("invitation", &id)],
        )
        .await;
    let (_, page) = app.new_browser().page(&second).await;
    assert!(page.contains("Undangan tidak berlaku"));

    // Expired: the link no longer works.
    organizer
        .invite_to_role(SLUG, "mentor@untan.ac.id", "mentor")
        .await;
    let link = app.link_in(&app.last_mail_to("mentor@untan.ac.id").await.body);
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(&app.db)
        .await
        .unwrap();
    let (_, page) = app.new_browser().page(&link).await;
    assert!(page.contains("Undangan tidak berlaku"));
}
both_databases!(limits, invitations_can_be_withdrawn_expire_and_are_limited);

//! Organizations vouch for their people: a platform admin names an organization's admin;
//! people ask to join and the organization's admin approves (confirming the NIP shown)
//! or refuses, removes, names other admins and invites by email; every change is on
//! the record; strangers and admins of other organizations are refused. Black-box on
//! both databases.
use app::entities::{affiliation, affiliation_audit};
use app::error::AppError;
use app::organizations::AffiliationStatus;
use sayembara_tests::{both_databases, demo, refusal, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const NIP: &str = "198503122010011004";
const OTHER_NIP: &str = "199001012015032002";

async fn standing(app: &TestApp, email: &str, organization: i32) -> affiliation::Model {
    let user = demo::user_id(app, email).await;
    affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(user))
        .filter(affiliation::Column::OrganizationId.eq(organization))
        .one(&app.db)
        .await
        .unwrap()
        .expect("an affiliation")
}

async fn with_nip(app: &TestApp, name: &str, email: &str, nip: &str) -> TestApp {
    let person = app.person(name, email).await;
    person.expect_done(&person.update_profile(name, "", nip).await);
    person
}

async fn an_organization_admin_vouches_for_its_people_on_the_record(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let salatiga = demo::organization_id(&app, "Pemerintah Kota Salatiga").await;
    let org = salatiga.to_string();
    let members = format!("/organisasi/{salatiga}/anggota");

    // The platform admin names the city's admin (a verified account).
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    let kepala = app
        .person("Kepala Bagian Organisasi", "ortala@salatiga.go.id")
        .await;
    admin
        .done(
            &members,
            "/api/name_organization_admin",
            &[
                ("organization", &org),
                ("admin_email", "ortala@salatiga.go.id"),
            ],
        )
        .await;
    let row = standing(&app, "ortala@salatiga.go.id", salatiga).await;
    assert_eq!(
        (row.status, row.is_admin),
        (AffiliationStatus::Approved, true)
    );
    // An address nobody verified cannot be named.
    let response = admin
        .submit(
            &members,
            "/api/name_organization_admin",
            &[
                ("organization", &org),
                ("admin_email", "siapa@salatiga.go.id"),
            ],
        )
        .await;
    let (_, page) = admin.follow(&response).await;
    assert!(page.contains("Tidak ada akun dengan alamat email itu yang sudah terverifikasi"));

    // Rina asks to join from her profile; it shows as not yet confirmed.
    let rina = with_nip(&app, "Rina Wulandari", "rina@salatiga.go.id", NIP).await;
    rina.expect_done(&rina.join_organization(salatiga).await);
    let (_, page) = rina.page("/profil").await;
    assert!(page.contains("Menunggu konfirmasi organisasi"), "{page}");
    assert_eq!(
        standing(&app, "rina@salatiga.go.id", salatiga).await.status,
        AffiliationStatus::Requested
    );

    // The city's admin sees the request with the NIP and approves it.
    let (status, page) = kepala.page(&members).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Rina Wulandari") && page.contains(&format!("{NIP} (belum dikonfirmasi)")),
        "{page}"
    );
    let request = standing(&app, "rina@salatiga.go.id", salatiga)
        .await
        .id
        .to_string();
    let location = kepala
        .done(
            &members,
            "/api/decide_organization_member",
            &[
                ("organization", &org),
                ("member", &request),
                ("answer", "approve"),
                ("nip", NIP),
            ],
        )
        .await;
    assert_eq!(location, format!("{members}?tersimpan=disetujui"));
    let row = standing(&app, "rina@salatiga.go.id", salatiga).await;
    assert_eq!(row.status, AffiliationStatus::Approved);
    assert_eq!(row.confirmed_nip.as_deref(), Some(NIP));
    let (_, page) = rina.page("/profil").await;
    assert!(page.contains("Dikonfirmasi organisasi"));

    // Andi asks, then changes his NIP after the admin opened the page: nothing is approved.
    let andi = with_nip(&app, "Andi Pratama", "andi@salatiga.go.id", NIP).await;
    andi.expect_done(&andi.join_organization(salatiga).await);
    let andi_request = standing(&app, "andi@salatiga.go.id", salatiga)
        .await
        .id
        .to_string();
    andi.expect_done(&andi.update_profile("Andi Pratama", "", OTHER_NIP).await);
    let response = kepala
        .submit(
            &members,
            "/api/decide_organization_member",
            &[
                ("organization", &org),
                ("member", &andi_request),
                ("answer", "approve"),
                ("nip", NIP),
            ],
        )
        .await;
    let (_, page) = kepala.follow(&response).await;
    assert!(page.contains("NIP orang ini berubah"), "{page}");
    assert_eq!(
        standing(&app, "andi@salatiga.go.id", salatiga).await.status,
        AffiliationStatus::Requested
    );
    // Refused instead; he sees it.
    kepala
        .done(
            &members,
            "/api/decide_organization_member",
            &[
                ("organization", &org),
                ("member", &andi_request),
                ("answer", "refuse"),
            ],
        )
        .await;
    let (_, page) = andi.page("/profil").await;
    assert!(page.contains("Ditolak organisasi"));
    // Deciding the same request twice: the second finds nothing to decide.
    let response = kepala
        .submit(
            &members,
            "/api/decide_organization_member",
            &[
                ("organization", &org),
                ("member", &andi_request),
                ("answer", "approve"),
                ("nip", OTHER_NIP),
            ],
        )
        .await;
    assert_eq!(refusal(&kepala.location(&response)), AppError::Conflict);

    // An organization's admin promotes members only; anyone else is invited first.
    let response = kepala
        .submit(
            &members,
            "/api/name_organization_admin",
            &[
                ("organization", &org),
                ("admin_email", "andi@salatiga.go.id"),
            ],
        )
        .await;
    let (_, page) = kepala.follow(&response).await;
    assert!(page.contains("belum anggota yang dikonfirmasi"), "{page}");
    assert_eq!(
        standing(&app, "andi@salatiga.go.id", salatiga).await.status,
        AffiliationStatus::Refused
    );

    // Rina becomes an admin too, then the first admin removes her from the organization.
    let rina_row = standing(&app, "rina@salatiga.go.id", salatiga)
        .await
        .id
        .to_string();
    kepala
        .done(
            &members,
            "/api/set_organization_admin",
            &[
                ("organization", &org),
                ("member", &rina_row),
                ("admin", "yes"),
            ],
        )
        .await;
    assert_eq!(rina.page(&members).await.0, 200);
    kepala
        .done(
            &members,
            "/api/remove_organization_member",
            &[("organization", &org), ("member", &rina_row)],
        )
        .await;
    let row = standing(&app, "rina@salatiga.go.id", salatiga).await;
    assert_eq!(
        (row.status, row.is_admin),
        (AffiliationStatus::Removed, false)
    );
    assert_eq!(
        rina.page(&members).await.0,
        403,
        "removed, she manages nothing"
    );

    // Every change is on the record: who, when, before, after.
    type Change = (String, Option<String>, Option<String>, Option<i32>);
    let record: Vec<Change> = affiliation_audit::Entity::find()
        .filter(affiliation_audit::Column::OrganizationId.eq(salatiga))
        .order_by_asc(affiliation_audit::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.action, a.before_status, a.after_status, a.by_user_id))
        .collect();
    let actions: Vec<&str> = record.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        actions,
        [
            "admin_named",
            "requested",
            "approved",
            "requested",
            "refused",
            "admin_named",
            "removed"
        ]
    );
    let kepala_id = demo::user_id(&app, "ortala@salatiga.go.id").await;
    assert_eq!(
        record[2],
        (
            "approved".into(),
            Some("requested".into()),
            Some("approved".into()),
            Some(kepala_id)
        )
    );
    assert!(record.iter().all(|r| r.3.is_some()));
    let (_, page) = kepala.page(&members).await;
    assert!(page.contains("Riwayat perubahan") && page.contains("NIP 198503122010011004"));
}
both_databases!(
    vouching,
    an_organization_admin_vouches_for_its_people_on_the_record
);

async fn strangers_and_other_organizations_admins_are_refused(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let salatiga = demo::organization_id(&app, "Pemerintah Kota Salatiga").await;
    let untan = demo::organization_id(&app, "Universitas Tanjungpura").await;
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    let untan_admin = app.person("Admin Untan", "admin@untan.ac.id").await;
    admin
        .done(
            &format!("/organisasi/{untan}/anggota"),
            "/api/name_organization_admin",
            &[
                ("organization", &untan.to_string()),
                ("admin_email", "admin@untan.ac.id"),
            ],
        )
        .await;
    let rina = with_nip(&app, "Rina Wulandari", "rina@salatiga.go.id", NIP).await;
    let org = salatiga.to_string();
    rina.expect_done(&rina.join_organization(salatiga).await);
    let request = standing(&app, "rina@salatiga.go.id", salatiga)
        .await
        .id
        .to_string();
    let members = format!("/organisasi/{salatiga}/anggota");

    // Signed out: 401; a member of nothing, or Untan's admin: 403, on Salatiga's page
    // and on each of its forms, for a request that exists.
    assert_eq!(app.new_browser().page(&members).await.0, 401);
    let stranger = app.person("Orang Lain", "lain@contoh.go.id").await;
    for who in [&stranger, &untan_admin, &rina] {
        assert_eq!(who.page(&members).await.0, 403);
        for (action, fields) in [
            (
                "/api/decide_organization_member",
                vec![
                    ("organization", org.as_str()),
                    ("member", request.as_str()),
                    ("answer", "approve"),
                    ("nip", NIP),
                ],
            ),
            (
                "/api/remove_organization_member",
                vec![("organization", org.as_str()), ("member", request.as_str())],
            ),
            (
                "/api/set_organization_admin",
                vec![
                    ("organization", org.as_str()),
                    ("member", request.as_str()),
                    ("admin", "yes"),
                ],
            ),
            (
                "/api/name_organization_admin",
                vec![
                    ("organization", org.as_str()),
                    ("admin_email", "lain@contoh.go.id"),
                ],
            ),
            (
                "/api/invite_to_organization",
                vec![
                    ("organization", org.as_str()),
                    ("invite_email", "x@contoh.go.id"),
                ],
            ),
        ] {
            let response = who.submit(&members, action, &fields).await;
            assert_eq!(
                refusal(&who.location(&response)),
                AppError::Forbidden,
                "{action}"
            );
        }
    }
    // Untan's admin cannot reach Salatiga's request through Untan's id either.
    let response = untan_admin
        .submit(
            &members,
            "/api/decide_organization_member",
            &[
                ("organization", &untan.to_string()),
                ("member", &request),
                ("answer", "approve"),
                ("nip", NIP),
            ],
        )
        .await;
    assert_eq!(
        refusal(&untan_admin.location(&response)),
        AppError::NotFound
    );
    assert_eq!(
        standing(&app, "rina@salatiga.go.id", salatiga).await.status,
        AffiliationStatus::Requested
    );

    // An unverified person's request waits until the address is proven.
    let unproven = app
        .unverified_person("Belum Terbukti", "belum@salatiga.go.id")
        .await;
    unproven.expect_done(&unproven.join_organization(salatiga).await);
    let waiting = standing(&app, "belum@salatiga.go.id", salatiga)
        .await
        .id
        .to_string();
    let response = admin
        .submit(
            &members,
            "/api/decide_organization_member",
            &[
                ("organization", &org),
                ("member", &waiting),
                ("answer", "approve"),
                ("nip", ""),
            ],
        )
        .await;
    let (_, page) = admin.follow(&response).await;
    assert!(
        page.contains("belum memverifikasi alamat emailnya"),
        "{page}"
    );
}
both_databases!(
    membership_refusals,
    strangers_and_other_organizations_admins_are_refused
);

async fn an_invited_person_joins_once_their_address_is_proven(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let salatiga = demo::organization_id(&app, "Pemerintah Kota Salatiga").await;
    let org = salatiga.to_string();
    let members = format!("/organisasi/{salatiga}/anggota");
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    admin
        .done(
            &members,
            "/api/invite_to_organization",
            &[
                ("organization", &org),
                ("invite_email", "baru@salatiga.go.id"),
            ],
        )
        .await;
    let mail = app.last_mail_to("baru@salatiga.go.id").await;
    assert!(
        mail.body.contains("/profil#undangan-organisasi"),
        "{}",
        mail.body
    );
    let (_, page) = admin.page(&members).await;
    assert!(page.contains("baru@salatiga.go.id"), "listed as invited");

    // Signed up but not verified: the invitation is not shown yet.
    let newcomer = app
        .unverified_person("Pegawai Baru", "baru@salatiga.go.id")
        .await;
    let (_, page) = newcomer.page("/profil").await;
    assert!(!page.contains("mengundang Anda"));
    newcomer.verify_email("baru@salatiga.go.id").await;
    let (_, page) = newcomer.page("/profil").await;
    assert!(
        page.contains("Pemerintah Kota Salatiga mengundang Anda"),
        "{page}"
    );

    // Someone else cannot answer it.
    let invite = app::entities::organization_invite::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let stranger = app.person("Orang Lain", "lain@contoh.go.id").await;
    let response = stranger
        .submit(
            "/profil",
            "/api/answer_organization_invite",
            &[("invite", &invite.id.to_string()), ("answer", "accept")],
        )
        .await;
    assert_eq!(refusal(&stranger.location(&response)), AppError::Forbidden);

    // Asked to join at the same time, and refused: the earlier invitation no longer stands.
    newcomer.expect_done(&newcomer.join_organization(salatiga).await);
    let request = standing(&app, "baru@salatiga.go.id", salatiga)
        .await
        .id
        .to_string();
    admin
        .done(
            &members,
            "/api/decide_organization_member",
            &[
                ("organization", &org),
                ("member", &request),
                ("answer", "refuse"),
            ],
        )
        .await;
    let response = newcomer
        .submit(
            "/profil",
            "/api/answer_organization_invite",
            &[("invite", &invite.id.to_string()), ("answer", "accept")],
        )
        .await;
    assert!(sayembara_tests::error_in(&newcomer.location(&response)).is_some());
    assert_eq!(
        standing(&app, "baru@salatiga.go.id", salatiga).await.status,
        AffiliationStatus::Refused
    );

    // Invited again, now it stands.
    admin
        .done(
            &members,
            "/api/invite_to_organization",
            &[
                ("organization", &org),
                ("invite_email", "baru@salatiga.go.id"),
            ],
        )
        .await;
    newcomer
        .done(
            "/profil",
            "/api/answer_organization_invite",
            &[("invite", &invite.id.to_string()), ("answer", "accept")],
        )
        .await;
    let row = standing(&app, "baru@salatiga.go.id", salatiga).await;
    assert_eq!(row.status, AffiliationStatus::Approved);
    assert_eq!(
        row.decided_by,
        Some(demo::user_id(&app, "admin@kemenpan.go.id").await)
    );
}
both_databases!(
    organization_invites,
    an_invited_person_joins_once_their_address_is_proven
);

async fn asking_twice_at_once_is_one_request(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let salatiga = demo::organization_id(&app, "Pemerintah Kota Salatiga").await;
    let rina = app.person("Rina Wulandari", "rina@salatiga.go.id").await;
    let asks = (0..6).map(|_| rina.join_organization(salatiga));
    for response in futures::future::join_all(asks).await {
        let location = rina.location(&response);
        assert!(
            !matches!(
                sayembara_tests::error_in(&location),
                Some(Ok(AppError::Internal))
            ),
            "a racing duplicate is a conflict, never a failure: {location}"
        );
    }
    let rows = affiliation::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
}
both_databases!(parallel_asks, asking_twice_at_once_is_one_request);

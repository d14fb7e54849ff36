//! Roles on the record: granting and revoking a role writes who, when and what; a grant to
//! an address nobody proved becomes an invitation. (Who may call what is the permission
//! table in `permission_table.rs`.)
use app::authz::Role;
use app::entities::{competition_role, role_audit};
use sayembara_tests::{both_databases, Backend, TestApp, PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const SLUG: &str = "kipp-daerah-2027";

/// A browser signed in as a verified organizer of the demo competition.
async fn organizer(app: &TestApp) -> TestApp {
    app.person_with_role("Organizer", "organizer@pemkot.go.id", SLUG, Role::Organizer)
        .await
}

async fn granting_and_revoking_roles_is_on_the_record(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = organizer(&app).await;
    app.person("Dosen Pendamping", "dosen@uksw.ac.id").await;

    let grant = [
        ("slug", SLUG),
        ("email", "dosen@uksw.ac.id"),
        ("role", "mentor"),
    ];
    let response = organizer
        .submit(
            "/kompetisi/kipp-daerah-2027/peran",
            "/api/grant_role",
            &grant,
        )
        .await;
    assert_eq!(
        organizer.location(&response),
        "/kompetisi/kipp-daerah-2027/peran?tersimpan=diberikan"
    );
    let (_, page) = organizer.follow(&response).await;
    assert!(page.contains("dosen@uksw.ac.id") && page.contains("Pendamping"));
    assert!(page.contains("Peran diberikan."), "granting says so");

    // An address without an account, and one whose account never proved it, get an
    // invitation instead: the role follows only the mailed link.
    app.sign_up("Belum Terverifikasi", "belum@contoh.go.id", PASSWORD)
        .await;
    for address in ["siapa@contoh.go.id", "belum@contoh.go.id"] {
        let fields = [("slug", SLUG), ("email", address), ("role", "juror")];
        let location = organizer
            .done(
                "/kompetisi/kipp-daerah-2027/peran",
                "/api/grant_role",
                &fields,
            )
            .await;
        assert_eq!(
            location,
            "/kompetisi/kipp-daerah-2027/peran?tersimpan=diundang"
        );
        let mail = app.last_mail_to(address).await;
        assert!(mail.body.contains("/undangan?token="), "{}", mail.body);
    }
    let jurors = competition_role::Entity::find()
        .filter(competition_role::Column::Role.eq(Role::Juror))
        .all(&app.db)
        .await
        .unwrap();
    let unverified = sayembara_tests::demo::user_id(&app, "belum@contoh.go.id").await;
    assert!(
        jurors.iter().all(|r| r.user_id != unverified),
        "no role on an unproven address"
    );

    let mentor = competition_role::Entity::find()
        .filter(competition_role::Column::Role.eq(Role::Mentor))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the mentor role is stored");
    let id = mentor.id.to_string();
    let revoke = [("slug", SLUG), ("assignment", id.as_str())];
    organizer
        .submit(
            "/kompetisi/kipp-daerah-2027/peran",
            "/api/revoke_role",
            &revoke,
        )
        .await;
    let left = competition_role::Entity::find()
        .filter(competition_role::Column::Role.eq(Role::Mentor))
        .count(&app.db)
        .await;
    assert_eq!(left.unwrap(), 0);

    // The mentor's rows (the organizer's own role, given by the test set-up, is on the
    // record too).
    let audit = role_audit::Entity::find()
        .filter(role_audit::Column::Role.eq(Role::Mentor))
        .all(&app.db)
        .await
        .unwrap();
    let actions: Vec<_> = audit.iter().map(|a| (a.action.as_str(), a.role)).collect();
    assert_eq!(
        actions,
        vec![("grant", Role::Mentor), ("revoke", Role::Mentor)]
    );
    assert!(audit.iter().all(|a| a.by_user_id.is_some()));
}
both_databases!(role_grants, granting_and_revoking_roles_is_on_the_record);

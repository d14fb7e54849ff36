//! A mentor or partner reads a team only while their support is accepted and their role
//! stands: asked or declined, they see nothing of the team; once their role is revoked,
//! their links end (kept on the record) and every door closes. Revoking twice leaves
//! one record.
use app::authz::Role;
use app::entities::{competition_role, role_audit, team_supporter};
use sayembara_tests::{both_databases, demo, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn a_revoked_mentor_loses_the_team_and_only_an_accepted_one_has_it(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Didampingi", "Pemerintah Kota Salatiga", "")
        .await;
    let team = demo::team_named(&app, "Tim Didampingi").await.id;
    let mentor = app
        .person_with_role("Dr. Wulan", "wulan@uksw.ac.id", demo::SLUG, Role::Mentor)
        .await;
    let wulan = demo::user_id(&app, "wulan@uksw.ac.id").await;
    let team_page = format!("/tim/{team}");
    let proposal = format!("/tim/{team}/proposal");

    // Asked, not yet answered: the mentor sees nothing of the team.
    lead.expect_done(&lead.ask_team_supporter(team, wulan).await);
    assert_eq!(mentor.page(&team_page).await.0, 403);
    assert_eq!(mentor.page(&proposal).await.0, 403);

    let request = team_supporter::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    mentor.expect_done(&mentor.answer_team_supporter(request.id, "accept").await);
    assert_eq!(mentor.page(&team_page).await.0, 200);
    assert_eq!(mentor.page(&proposal).await.0, 200);

    // The organizer revokes the role (twice, as two tabs would).
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    let assignment = competition_role::Entity::find()
        .filter(competition_role::Column::Role.eq(Role::Mentor))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let roles = format!("/kompetisi/{}/peran", demo::SLUG);
    let fields = [("slug", demo::SLUG), ("assignment", assignment.as_str())];
    admin.done(&roles, "/api/revoke_role", &fields).await;
    let again = admin.submit(&roles, "/api/revoke_role", &fields).await;
    assert_eq!(
        sayembara_tests::refusal(&admin.location(&again)),
        app::error::AppError::NotFound
    );
    let revocations = role_audit::Entity::find()
        .filter(role_audit::Column::Action.eq("revoke"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(revocations, 1);

    // The link ended, on the record; the mentor is shut out of page, proposal and comments.
    let link = team_supporter::Entity::find_by_id(request.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(link.status, app::teams::RequestStatus::Ended);
    assert_eq!(mentor.page(&team_page).await.0, 403);
    assert_eq!(mentor.page(&proposal).await.0, 403);
    let (location, _) = mentor.add_comment(team, "title", None, "Masih bisa?").await;
    assert_eq!(
        sayembara_tests::refusal(&location),
        app::error::AppError::Forbidden
    );
    // The lead sees the support as ended.
    let (_, page) = lead.page(&team_page).await;
    assert!(page.contains("Berakhir (peran dicabut)"), "{page}");
}
both_databases!(
    revoked_supporter,
    a_revoked_mentor_loses_the_team_and_only_an_accepted_one_has_it
);

/// An offer made just before the mentor's role was revoked (the two racing) cannot be
/// accepted afterwards: accepting checks the role inside its write.
async fn an_offer_from_a_revoked_mentor_cannot_be_accepted(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Ditawari", "Pemerintah Kota Salatiga", "")
        .await;
    let team = demo::team_named(&app, "Tim Ditawari").await.id;
    let mentor = app
        .person_with_role("Dr. Wulan", "wulan@uksw.ac.id", demo::SLUG, Role::Mentor)
        .await;
    mentor.expect_done(&mentor.offer_team_support(team).await);
    // The role goes without passing through revocation (as if the revocation committed
    // between the offer's check and its insert): the offer is still open.
    competition_role::Entity::delete_many()
        .filter(competition_role::Column::Role.eq(Role::Mentor))
        .exec(&app.db)
        .await
        .unwrap();
    let offer = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(offer.status, app::teams::RequestStatus::Requested);
    let response = lead.answer_team_supporter(offer.id, "accept").await;
    match sayembara_tests::refusal(&lead.location(&response)) {
        app::error::AppError::Validation(errors) => assert_eq!(
            errors.errors["support"],
            vec![app::i18n::Key::SupportErrorRoleGone.name().to_string()]
        ),
        other => panic!("{other:?}"),
    }
    let offer = team_supporter::Entity::find_by_id(offer.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(offer.status, app::teams::RequestStatus::Requested);
    assert_eq!(mentor.page(&format!("/tim/{team}")).await.0, 403);
}
both_databases!(
    offer_after_revocation,
    an_offer_from_a_revoked_mentor_cannot_be_accepted
);

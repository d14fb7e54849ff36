//! Teams: registering, joining by code or emailed link, size limits, one team per person,
//! the registration deadline by the server clock, and asking mentors for support.
//! Black-box on both databases.
use app::authz::Role;
use app::entities::{competition, team, team_invite, team_member, team_supporter};
use sayembara_tests::demo::{team_named, user_id, REGISTER, SLUG};
use sayembara_tests::{both_databases, Backend, TestApp, PASSWORD};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn members(app: &TestApp, team_id: i32) -> u64 {
    team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .count(&app.db)
        .await
        .unwrap()
}

async fn a_participant_registers_a_team_and_others_join_it(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;

    // Signed out: the form asks to sign in first and comes back.
    let (status, page) = app.new_browser().page(REGISTER).await;
    assert_eq!(status, 401);
    assert!(page.contains("/masuk?lanjut=/kompetisi/kipp-daerah-2027/daftar-tim"));

    // Every problem at once, what was typed kept.
    let response = lead
        .submit(
            REGISTER,
            "/api/register_team",
            &[
                ("slug", SLUG),
                ("name", "AB"),
                ("agency", "Dinas Yang Tidak Ada"),
                ("region", "Kota Atlantis"),
                ("category", ""),
                ("group", ""),
            ],
        )
        .await;
    let (_, page) = lead.follow(&response).await;
    for message in [
        "Nama tim 3 sampai 80 karakter",
        "Instansi ini belum terdaftar",
        "Pilih kategori",
        "Pilih kelompok",
    ] {
        assert!(page.contains(message), "{message}");
    }
    assert!(page.contains("Dinas Yang Tidak Ada"));

    // A name already used in this competition, in any case, is refused.
    let (_, page) = lead
        .register_team("tim adminduk sekali klik", "Pemerintah Kota Salatiga", "")
        .await;
    assert!(page.contains("Nama tim ini sudah dipakai tim lain di kompetisi ini"));

    // Registered: the lead is the first member; the region is the agency's.
    let (location, page) = lead
        .register_team(
            "  Tim   Salatiga  Melayani ",
            "pemerintah kota salatiga",
            "",
        )
        .await;
    let team = team_named(&app, "Tim Salatiga Melayani").await;
    assert_eq!(location, format!("/tim/{}?tersimpan=terdaftar", team.id));
    assert!(page.contains("Tim terdaftar."));
    assert!(page.contains("Kota Salatiga, Jawa Tengah"));
    assert_eq!(team.regency_code.as_deref(), Some("33.73"));
    assert_eq!(members(&app, team.id).await, 1);
    let code = team.join_code.clone().expect("a join code");
    assert!(page.contains(&code), "the lead sees the code");

    // One team per person per competition.
    let (_, page) = lead
        .register_team("Tim Kedua Rina", "Pemerintah Kota Salatiga", "")
        .await;
    assert!(page.contains("Anda sudah tergabung dalam tim"));
    let (_, page) = lead.page(REGISTER).await;
    assert!(page.contains("Anda sudah tergabung dalam tim pada kompetisi ini"));

    // A colleague joins with the code typed in lower case with a hyphen.
    let budi = app.person("Budi Anggota", "budi@salatiga.go.id").await;
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let (_, page) = budi.page(&format!("/gabung?kode={typed}")).await;
    assert!(page.contains("Bergabung dengan Tim Salatiga Melayani"));
    let (location, page) = budi.join_team(&typed).await;
    assert_eq!(location, format!("/tim/{}?tersimpan=bergabung", team.id));
    assert!(page.contains("Rina Ketua") && page.contains("Budi Anggota"));
    assert!(!page.contains(&code), "only the lead sees the code");
    let (_, page) = budi.page(&format!("/gabung?kode={code}")).await;
    assert!(page.contains("Anda sudah menjadi anggota tim ini"));

    // Someone already in another team of the competition cannot join.
    let other_lead = app.person("Sari", "sari@pontianak.go.id").await;
    other_lead
        .register_team(
            "Tim Khatulistiwa Sehat",
            "Dinas Kesehatan Kota Pontianak",
            "",
        )
        .await;
    let (location, _) = other_lead.join_team(&code).await;
    sayembara_tests::refusal(&location);
    assert_eq!(members(&app, team.id).await, 2);

    // Size limit: with a maximum of 3, the fourth person is refused.
    competition::Entity::update_many()
        .col_expr(competition::Column::TeamMax, Expr::value(3))
        .filter(competition::Column::Slug.eq(SLUG))
        .exec(&app.db)
        .await
        .unwrap();
    let citra = app.person("Citra", "citra@salatiga.go.id").await;
    citra.join_team(&code).await;
    let dodi = app.person("Dodi", "dodi@salatiga.go.id").await;
    let (_, page) = dodi.page(&format!("/gabung?kode={code}")).await;
    assert!(page.contains("Tim sudah mencapai jumlah anggota paling banyak"));
    let (location, _) = dodi.join_team(&code).await;
    sayembara_tests::refusal(&location);
    assert_eq!(members(&app, team.id).await, 3);

    // A member leaves; the lead removes another; the lead cannot be removed.
    let budi_id = user_id(&app, "budi@salatiga.go.id").await;
    let budi_id_text = budi_id.to_string();
    let team_id = team.id.to_string();
    let response = budi
        .submit(
            &format!("/tim/{team_id}"),
            "/api/remove_team_member",
            &[("team", &team_id), ("member", &budi_id_text)],
        )
        .await;
    assert_eq!(budi.location(&response), "/tim?tersimpan=keluar");
    let citra_id = user_id(&app, "citra@salatiga.go.id").await.to_string();
    lead.submit(
        &format!("/tim/{team_id}"),
        "/api/remove_team_member",
        &[("team", &team_id), ("member", &citra_id)],
    )
    .await;
    assert_eq!(members(&app, team.id).await, 1);
    let rina_id = user_id(&app, "rina@salatiga.go.id").await.to_string();
    let response = lead
        .submit(
            &format!("/tim/{team_id}"),
            "/api/remove_team_member",
            &[("team", &team_id), ("member", &rina_id)],
        )
        .await;
    let (_, page) = lead.follow(&response).await;
    assert!(page.contains("Ketua tim tidak dapat dikeluarkan"));

    // Strangers cannot see the team page; an unknown code is a 404.
    let (status, _) = dodi.page(&format!("/tim/{team_id}")).await;
    assert_eq!(status, 403);
    let (status, page) = dodi.page("/gabung?kode=ZZZZZZZZ").await;
    assert_eq!(status, 404);
    assert!(page.contains("Kode tim ini tidak dikenal"));

    // A new code: the old one stops working.
    lead.submit(
        &format!("/tim/{team_id}"),
        "/api/new_team_code",
        &[("team", &team_id)],
    )
    .await;
    let (status, _) = dodi.page(&format!("/gabung?kode={code}")).await;
    assert_eq!(status, 404);
}
both_databases!(
    register_and_join,
    a_participant_registers_a_team_and_others_join_it
);

async fn the_lead_invites_by_email_and_the_invitee_joins_from_the_link(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Undangan", "Pemerintah Kota Salatiga", "Jawa Tengah")
        .await;
    let team = team_named(&app, "Tim Undangan").await;
    assert_eq!(team.province_code.as_deref(), Some("33"));
    assert_eq!(team.regency_code, None, "the region typed wins");
    let team_id = team.id.to_string();

    let invite = |email: &'static str| {
        let (lead, id) = (&lead, team.id);
        async move { lead.follow(&lead.invite_to_team(id, email).await).await }
    };
    let (_, page) = invite("bukan-alamat").await;
    assert!(page.contains("bukan-alamat"));
    assert!(page.contains("field-invite_email-error"));
    let (location, page) = invite("eko@salatiga.go.id").await;
    assert_eq!(
        location,
        format!("/tim/{team_id}?tersimpan=diundang#anggota")
    );
    assert!(page.contains("eko@salatiga.go.id"));
    assert!(page.contains("belum bergabung"));

    let mail = app.last_mail_to("eko@salatiga.go.id").await;
    assert!(mail.subject.contains("Tim Undangan"));
    let link = app.link_in(&mail.body);
    assert!(link.starts_with("/gabung?kode="));

    // The invitee opens the link signed out and signs up; the way back to the team is
    // carried through sign-up, the verification mail and sign-in.
    let eko = app.new_browser();
    let (_, page) = eko.page(&link).await;
    assert!(page.contains("Masuk atau buat akun terlebih dahulu"));
    let code = link.split("kode=").nth(1).unwrap();
    let back = format!("lanjut=/gabung%3Fkode%3D{code}");
    let sign_up = format!("/daftar?{back}");
    assert!(
        page.contains(&format!(r#"href="{sign_up}""#)),
        "the sign-up link carries the way back"
    );
    let (_, form) = eko.page(&sign_up).await;
    let next = format!(r#"name="next" value="{link}""#);
    assert!(form.contains(&next), "the sign-up form keeps it");
    let response = eko
        .submit(
            &sign_up,
            "/api/sign_up",
            &[
                ("name", "Eko"),
                ("email", "eko@salatiga.go.id"),
                ("password", PASSWORD),
                ("next", &link),
            ],
        )
        .await;
    eko.expect_done(&response);
    let verify = app.link_in(&app.last_mail_to("eko@salatiga.go.id").await.body);
    assert!(
        verify.ends_with(&format!("&{back}")),
        "the verification link carries it: {verify}"
    );
    let (_, verified) = eko.page(&verify).await;
    let sign_in = format!("/masuk?{back}");
    assert!(
        verified.contains(&format!(r#"href="{sign_in}""#))
            && verified.contains("Masuk dan lanjutkan")
    );
    let response = eko
        .submit(
            &sign_in,
            "/api/sign_in",
            &[
                ("email", "eko@salatiga.go.id"),
                ("password", PASSWORD),
                ("next", &link),
            ],
        )
        .await;
    assert_eq!(
        eko.expect_done(&response),
        link,
        "signed in, the invitee is back at the team's door"
    );
    eko.join_team(code).await;
    assert_eq!(members(&app, team.id).await, 2);
    let accepted = team_invite::Entity::find()
        .filter(team_invite::Column::TeamId.eq(team.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(accepted.accepted_at.is_some());
    let (_, page) = lead.page(&format!("/tim/{team_id}")).await;
    assert!(page.contains("sudah bergabung"));

    // A member who is not the lead cannot invite.
    let response = eko.invite_to_team(team.id, "lain@salatiga.go.id").await;
    sayembara_tests::refusal(&eko.location(&response));
}
both_databases!(
    invite_by_email,
    the_lead_invites_by_email_and_the_invitee_joins_from_the_link
);

async fn registration_closes_by_the_server_clock(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Tepat Waktu", "Pemerintah Kota Salatiga", "")
        .await;
    let code = team_named(&app, "Tim Tepat Waktu").await.join_code.unwrap();

    // The organizer ends registration now (on the record).
    let organizer = app
        .person_with_role("Panitia", "panitia@sayembara.go.id", SLUG, Role::Organizer)
        .await;
    organizer
        .submit(
            "/kelola/kipp-daerah-2027",
            "/api/change_stage",
            &[("slug", SLUG), ("stage", "registration"), ("action", "end")],
        )
        .await;

    let late = app.person("Terlambat", "telat@salatiga.go.id").await;
    let (_, page) = late.page(REGISTER).await;
    assert!(page.contains("Pendaftaran tim sudah ditutup atau belum dibuka"));
    let (_, page) = late
        .register_team("Tim Terlambat", "Pemerintah Kota Salatiga", "")
        .await;
    assert!(page.contains("Pendaftaran tim sudah ditutup"));
    assert_eq!(
        team::Entity::find()
            .filter(team::Column::Name.eq("Tim Terlambat"))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let (location, _) = late.join_team(&code).await;
    sayembara_tests::refusal(&location);

    // A deadline in the past by the clock (no explicit action) closes it too.
    let app = TestApp::spawn_with_demo(backend).await;
    competition::Entity::update_many()
        .col_expr(
            competition::Column::RegistrationClosesAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .filter(competition::Column::Slug.eq(SLUG))
        .exec(&app.db)
        .await
        .unwrap();
    let late = app.person("Terlambat", "telat@salatiga.go.id").await;
    let (_, page) = late
        .register_team("Tim Terlambat", "Pemerintah Kota Salatiga", "")
        .await;
    assert!(page.contains("Pendaftaran tim sudah ditutup"));
}
both_databases!(
    registration_deadline,
    registration_closes_by_the_server_clock
);

async fn two_people_racing_for_the_last_place_do_not_overfill_a_team(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    competition::Entity::update_many()
        .col_expr(competition::Column::TeamMax, Expr::value(2))
        .filter(competition::Column::Slug.eq(SLUG))
        .exec(&app.db)
        .await
        .unwrap();
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Satu Kursi", "Pemerintah Kota Salatiga", "")
        .await;
    let team = team_named(&app, "Tim Satu Kursi").await;
    let code = team.join_code.clone().unwrap();
    let mut racers = Vec::new();
    for i in 0..6 {
        racers.push(
            app.person(&format!("Pelari {i}"), &format!("pelari{i}@salatiga.go.id"))
                .await,
        );
    }
    let joins = racers.iter().map(|r| r.join_team(&code));
    futures::future::join_all(joins).await;
    assert_eq!(
        members(&app, team.id).await,
        2,
        "exactly one got the last place"
    );
}
both_databases!(
    join_race,
    two_people_racing_for_the_last_place_do_not_overfill_a_team
);

async fn mentors_are_attached_by_request_and_acceptance(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Didampingi", "Pemerintah Kota Salatiga", "")
        .await;
    let team = team_named(&app, "Tim Didampingi").await;
    let team_id = team.id.to_string();
    let mentor = app
        .person_with_role("Dr. Wulan", "wulan@uksw.ac.id", SLUG, Role::Mentor)
        .await;
    let mentor_id = user_id(&app, "wulan@uksw.ac.id").await;

    // The lead sees the competition's mentors and asks one.
    let (_, page) = lead.page(&format!("/tim/{team_id}")).await;
    assert!(page.contains("Dr. Wulan (Pendamping)"));
    let response = lead.ask_team_supporter(team.id, mentor_id).await;
    let (_, page) = lead.follow(&response).await;
    assert!(page.contains("Permintaan pendampingan terkirim."));
    assert!(page.contains("Menunggu jawaban"));
    let mail = app.last_mail_to("wulan@uksw.ac.id").await;
    assert!(mail.subject.contains("Tim Didampingi"));

    // Asking the same person again, or someone who is not a mentor, is refused.
    let response = lead.ask_team_supporter(team.id, mentor_id).await;
    sayembara_tests::refusal(&lead.location(&response));
    let rina_id = user_id(&app, "rina@salatiga.go.id").await;
    let response = lead.ask_team_supporter(team.id, rina_id).await;
    let (_, page) = lead.follow(&response).await;
    assert!(page.contains("Pilih salah satu pendamping atau mitra kompetisi ini"));

    // The mentor sees the request on their teams page and accepts; until then the team
    // itself stays closed to them.
    let (_, page) = mentor.page("/tim").await;
    assert!(page.contains("Permintaan pendampingan") && page.contains("Tim Didampingi"));
    let (status, _) = mentor.page(&format!("/tim/{team_id}")).await;
    assert_eq!(status, 403);
    let request = team_supporter::Entity::find()
        .filter(team_supporter::Column::TeamId.eq(team.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // Nobody else may answer it.
    let response = lead.answer_team_supporter(request.id, "accept").await;
    sayembara_tests::refusal(&lead.location(&response));
    let response = mentor.answer_team_supporter(request.id, "accept").await;
    assert_eq!(mentor.location(&response), "/tim?tersimpan=dijawab");
    let mail = app.last_mail_to("rina@salatiga.go.id").await;
    assert!(mail.body.contains("Dr. Wulan menerima"));
    let (_, page) = lead.page(&format!("/tim/{team_id}")).await;
    assert!(page.contains("Diterima"));
    // Answered once.
    let response = mentor.answer_team_supporter(request.id, "decline").await;
    sayembara_tests::refusal(&mentor.location(&response));
    let stored = team_supporter::Entity::find_by_id(request.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, app::teams::RequestStatus::Accepted);
    assert_eq!(stored.role, Role::Mentor);
}
both_databases!(supporters, mentors_are_attached_by_request_and_acceptance);

async fn the_team_form_starts_from_the_approved_agency_and_the_only_group(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let salatiga = sayembara_tests::demo::organization_id(&app, "Pemerintah Kota Salatiga").await;
    let members = format!("/organisasi/{salatiga}/anggota");
    // The platform admin names the city's admin: an approved affiliation.
    let admin = app.admin_browser("admin@kemenpan.go.id").await;
    let kepala = app.person("Kepala Bagian", "ortala@salatiga.go.id").await;
    admin
        .done(
            &members,
            "/api/name_organization_admin",
            &[
                ("organization", &salatiga.to_string()),
                ("admin_email", "ortala@salatiga.go.id"),
            ],
        )
        .await;
    let (_, form) = kepala.page(REGISTER).await;
    assert!(
        form.contains(r#"value="Pemerintah Kota Salatiga""#),
        "the agency is filled in"
    );
    assert!(
        form.contains(r#"value="Kota Salatiga, Jawa Tengah""#),
        "and its region"
    );
    // Two groups: none is chosen for the person.
    assert_eq!(chosen_group(&form), "", "{}", group_select(&form));

    // An affiliation only asked for speaks for nobody: the field stays empty.
    let asking = app.person("Rina", "rina@salatiga.go.id").await;
    asking.expect_done(&asking.join_organization(salatiga).await);
    let (_, form) = asking.page(REGISTER).await;
    assert!(!form.contains(r#"value="Pemerintah Kota Salatiga""#));

    // With one group left, it is chosen already.
    let competition = sayembara_tests::demo::competition(&app).await;
    app::entities::competition_option::Entity::delete_many()
        .filter(app::entities::competition_option::Column::CompetitionId.eq(competition.id))
        .filter(
            app::entities::competition_option::Column::Kind
                .eq(app::competitions::OptionKind::Group),
        )
        .filter(app::entities::competition_option::Column::NameId.eq("Khusus"))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, form) = kepala.page(REGISTER).await;
    assert_eq!(chosen_group(&form), "Umum", "{}", group_select(&form));
}

/// The text of the chosen option of the group field (empty: the "choose" placeholder).
fn chosen_group(form: &str) -> String {
    group_select(form)
        .split("<option")
        .skip(1)
        .find(|option| option.split('>').next().unwrap_or("").contains("selected"))
        .filter(|option| !option.starts_with(r#" value="""#))
        .map(|option| {
            let text = &option[option.find('>').unwrap() + 1..];
            text[..text.find("</option>").unwrap()].to_string()
        })
        .unwrap_or_default()
}

/// The registration form's group `<select>`, as HTML.
fn group_select(form: &str) -> &str {
    let group = &form[form.find(r#"name="group""#).expect("a group field")..];
    &group[..group.find("</select>").unwrap()]
}
both_databases!(
    registration_prefill,
    the_team_form_starts_from_the_approved_agency_and_the_only_group
);

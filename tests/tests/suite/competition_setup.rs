//! Setting up a competition: an admin creates a draft, its organizer fills in the details
//! and the timeline, and publishes it once complete. Black-box on both databases.
use app::authz::Role;
use app::competitions::{CompetitionStatus, Stage};
use app::entities::{competition, competition_option, competition_role, competition_stage};
use sayembara_tests::{both_databases, rows, Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const SLUG: &str = "hackathon-data-2028";
const SETUP: &str = "/kelola/hackathon-data-2028";

async fn create(by: &TestApp, slug: &str, title_id: &str) -> (String, String) {
    let response = by
        .submit(
            "/kelola",
            "/api/create_competition",
            &[
                ("new_title_id", title_id),
                ("new_title_en", "Public Data Hackathon 2028"),
                ("new_slug", slug),
                ("new_kind", "hackathon"),
            ],
        )
        .await;
    by.follow(&response).await
}

/// The details form as posted, with `overrides`; "categories" gives the categories' rows
/// as lines.
fn details(overrides: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = vec![
        ("slug", SLUG),
        ("title_id", "Hackathon Data Publik 2028"),
        ("title_en", "Public Data Hackathon 2028"),
        (
            "summary_id",
            "Dua hari membangun layanan dari data terbuka pemerintah.",
        ),
        (
            "summary_en",
            "Two days building services on open government data.",
        ),
        (
            "description_id",
            "Tim ASN bersama mahasiswa membangun purwarupa.",
        ),
        (
            "description_en",
            "Civil-servant teams with students build prototypes.",
        ),
        ("rules_id", "Tim terdiri atas 3 sampai 5 orang."),
        ("rules_en", "Teams have 3 to 5 people."),
        ("kind", "hackathon"),
        ("team_min", "3"),
        ("team_max", "5"),
    ];
    for (key, value) in overrides {
        if let Some(field) = fields.iter_mut().find(|(k, _)| k == key) {
            field.1 = value;
        }
    }
    let categories = overrides
        .iter()
        .find(|(k, _)| *k == "categories")
        .map(|(_, v)| *v)
        .unwrap_or("Kesehatan | Health\nPerizinan | Licensing");
    let mut out: Vec<(String, String)> = fields
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    out.extend(rows::options("categories", categories));
    out.extend(rows::options("groups", "Umum | General"));
    out
}

async fn save_details(by: &TestApp, fields: &[(String, String)]) -> (String, String) {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = by
        .submit(SETUP, "/api/save_competition_details", &fields)
        .await;
    by.follow(&response).await
}

async fn save_timeline(by: &TestApp, dates: &[(&str, &str)]) -> (String, String) {
    let mut fields: Vec<(String, String)> = vec![("slug".into(), SLUG.into())];
    for (key, value) in dates {
        fields.push((format!("timeline[{key}]"), value.to_string()));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let response = by
        .submit(SETUP, "/api/save_competition_timeline", &fields)
        .await;
    by.follow(&response).await
}

async fn publish(by: &TestApp) -> (String, String) {
    let response = by
        .submit(SETUP, "/api/publish_competition", &[("slug", SLUG)])
        .await;
    by.follow(&response).await
}

async fn stored(app: &TestApp) -> competition::Model {
    competition::Entity::find()
        .filter(competition::Column::Slug.eq(SLUG))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the competition is stored")
}

async fn an_organizer_sets_up_and_publishes_a_competition(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@sayembara.go.id").await;

    // Creating: every problem at once, typing kept; an address in use is refused.
    let (_, page) = create(&admin, "kipp-daerah-2027", "").await;
    assert!(page.contains("Masukkan judul"));
    assert!(page.contains("Alamat halaman itu sudah dipakai kompetisi lain"));
    assert!(page.contains("value=\"kipp-daerah-2027\""));
    let (_, page) = create(&admin, "Hackathon 2028!", "Hackathon").await;
    assert!(page.contains("Pakai 3 sampai 80 huruf kecil"));

    let (location, page) = create(&admin, SLUG, "Hackathon Data Publik 2028").await;
    assert_eq!(location, format!("{SETUP}?tersimpan=dibuat"));
    assert!(page.contains("Draf kompetisi dibuat"));
    let row = stored(&app).await;
    assert_eq!(row.status, CompetitionStatus::Draft);
    let organizer = competition_role::Entity::find()
        .filter(competition_role::Column::CompetitionId.eq(row.id))
        .filter(competition_role::Column::Role.eq(Role::Organizer))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(organizer, 1, "the creator organizes it");

    // A draft is not public.
    let (status, _) = app.new_browser().page(&format!("/kompetisi/{SLUG}")).await;
    assert_eq!(status, 404);
    let (_, list) = app.new_browser().page("/kompetisi").await;
    assert!(!list.contains("Hackathon Data Publik 2028"));

    // Publishing an incomplete draft lists everything missing.
    let (location, page) = publish(&admin).await;
    sayembara_tests::refusal(&location);
    for missing in [
        "Masukkan ringkasan",
        "Deskripsi wajib diisi sebelum terbit",
        "Tentukan paling sedikit satu kategori sebelum terbit",
        "Tahap ini wajib diberi tanggal sebelum terbit",
    ] {
        assert!(page.contains(missing), "{missing}");
    }
    // Each line of the summary says which field: the language, the stage and its end.
    for named in [
        ">Ringkasan (Bahasa Indonesia): Masukkan ringkasan<",
        ">Ringkasan (bahasa Inggris): Masukkan ringkasan<",
        ">Mulai Pendaftaran: Tahap ini wajib diberi tanggal sebelum terbit<",
    ] {
        assert!(page.contains(named), "{named}");
    }
    assert_eq!(stored(&app).await.status, CompetitionStatus::Draft);

    // Details: bad team sizes and repeated categories are refused, typing kept.
    let (_, page) = save_details(
        &admin,
        &details(&[
            ("team_min", "5"),
            ("team_max", "2"),
            ("categories", "Kesehatan\nkesehatan"),
        ]),
    )
    .await;
    assert!(page.contains("Paling banyak tidak boleh kurang dari paling sedikit"));
    assert!(page.contains("Nama ini sudah dipakai baris lain"));
    assert!(
        page.contains("Kategori 2 (Kategori), Nama (Bahasa Indonesia): Nama ini sudah dipakai"),
        "the summary names the row and its field"
    );
    assert!(page.contains("Dua hari membangun layanan"));
    let (location, page) = save_details(&admin, &details(&[])).await;
    assert_eq!(location, format!("{SETUP}?tersimpan=rincian"));
    assert!(page.contains(r#"name="options[categories_1_name_en]" value="Licensing""#));
    let row = stored(&app).await;
    assert_eq!((row.team_min, row.team_max), (3, 5));
    let categories = competition_option::Entity::find()
        .filter(competition_option::Column::CompetitionId.eq(row.id))
        .filter(competition_option::Column::Kind.eq("category"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(categories, 2);

    // Timeline: half-dated, backwards and out-of-order stages are refused at their fields.
    let (_, page) = save_timeline(
        &admin,
        &[
            ("registration_starts", "2030-02-01T08:00"),
            ("registration_ends", ""),
            ("submission_starts", "2030-03-10T08:00"),
            ("submission_ends", "2030-03-01T08:00"),
            ("results_starts", "2030-01-01T08:00"),
            ("results_ends", "2030-01-02T08:00"),
        ],
    )
    .await;
    assert!(page.contains("Isi tanggal mulai dan selesai"));
    assert!(page.contains("Selesai harus sesudah mulai"));
    assert!(page.contains("value=\"2030-03-10T08:00\""));
    let (_, page) = save_timeline(
        &admin,
        &[
            ("registration_starts", "2030-02-01T08:00"),
            ("registration_ends", "2030-02-28T23:59"),
            ("results_starts", "2030-01-01T08:00"),
            ("results_ends", "2030-01-02T08:00"),
        ],
    )
    .await;
    assert!(page.contains("Tahap ini dimulai sebelum tahap sebelumnya"));
    let (location, _) = save_timeline(
        &admin,
        &[
            ("registration_starts", "2030-02-01T08:00"),
            ("registration_ends", "2030-02-28T23:59"),
            ("submission_starts", "2030-03-01T00:00"),
            ("submission_ends", "2030-03-02T18:00"),
            ("results_starts", "2030-03-03T10:00"),
            ("results_ends", "2030-03-03T12:00"),
        ],
    )
    .await;
    assert_eq!(location, format!("{SETUP}?tersimpan=jadwal#jadwal"));
    let row = stored(&app).await;
    // 23:59 WIB is 16:59 UTC: the registration deadline follows the timeline.
    assert_eq!(
        row.registration_closes_at.to_rfc3339(),
        "2030-02-28T16:59:00+00:00"
    );
    let stages = competition_stage::Entity::find()
        .filter(competition_stage::Column::CompetitionId.eq(row.id))
        .all(&app.db)
        .await
        .unwrap();
    let mut dated: Vec<Stage> = stages.iter().map(|s| s.stage).collect();
    dated.sort();
    assert_eq!(
        dated,
        vec![Stage::Registration, Stage::Submission, Stage::Results]
    );

    // Complete: it publishes and appears in public.
    let (location, page) = publish(&admin).await;
    assert_eq!(location, format!("{SETUP}?tersimpan=terbit"));
    assert!(page.contains("Kompetisi telah terbit"));
    let row = stored(&app).await;
    assert_eq!(row.status, CompetitionStatus::Published);
    assert!(row.published_at.is_some());
    let (status, page) = app.new_browser().page(&format!("/kompetisi/{SLUG}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Hackathon Data Publik 2028"));
    assert!(page.contains("Tim ASN bersama mahasiswa membangun purwarupa."));
    assert!(page.contains("Tim beranggota 3 sampai 5 orang."));
    assert!(page.contains("<li>Perizinan</li>"));
    assert!(page.contains("Pengumpulan proposal"));
    // In English, the English names.
    let english = app.new_browser();
    english.choose_language("en", "/").await;
    let (_, page) = english.page(&format!("/kompetisi/{SLUG}")).await;
    assert!(page.contains("<li>Licensing</li>"));
    assert!(page.contains("Civil-servant teams with students build prototypes."));
}
both_databases!(
    setup_and_publish,
    an_organizer_sets_up_and_publishes_a_competition
);

async fn only_admins_create_and_only_organizers_edit(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@sayembara.go.id").await;
    create(&admin, SLUG, "Hackathon Data Publik 2028").await;

    // An organizer of another competition may neither create nor edit this one.
    let other = app
        .person_with_role(
            "Panitia Lain",
            "panitia@lain.go.id",
            "kipp-daerah-2027",
            Role::Organizer,
        )
        .await;
    let (location, _) = create(&other, "lain-2028", "Kompetisi Lain").await;
    sayembara_tests::refusal(&location);
    let (status, _) = other.page(SETUP).await;
    assert_eq!(status, 403);
    let (location, _) = save_details(&other, &details(&[("title_id", "Diambil alih")])).await;
    sayembara_tests::refusal(&location);
    assert_eq!(stored(&app).await.title_id, "Hackathon Data Publik 2028");
    // Their own competition is listed for them, this one is not.
    let (_, page) = other.page("/kelola").await;
    assert!(page.contains("/kelola/kipp-daerah-2027"));
    assert!(!page.contains(SETUP));
    assert!(!page.contains("Buat kompetisi baru"));

    // Given the role, they may.
    app.give_role("panitia@lain.go.id", SLUG, Role::Organizer)
        .await;
    let (status, _) = other.page(SETUP).await;
    assert_eq!(status, 200);

    // Signed out: asked to sign in.
    let (status, _) = app.new_browser().page("/kelola").await;
    assert_eq!(status, 401);
}
both_databases!(
    setup_permissions,
    only_admins_create_and_only_organizers_edit
);

async fn a_competition_whose_registration_has_ended_is_not_published(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@sayembara.go.id").await;
    create(&admin, SLUG, "Hackathon Data Publik 2028").await;
    save_details(&admin, &details(&[])).await;
    save_timeline(
        &admin,
        &[
            ("registration_starts", "2020-02-01T08:00"),
            ("registration_ends", "2020-02-28T23:59"),
            ("submission_starts", "2020-03-01T00:00"),
            ("submission_ends", "2020-03-02T18:00"),
            ("results_starts", "2020-03-03T10:00"),
            ("results_ends", "2020-03-03T12:00"),
        ],
    )
    .await;
    let (_, page) = publish(&admin).await;
    assert!(page.contains("Pendaftaran sudah berakhir"));
    assert_eq!(stored(&app).await.status, CompetitionStatus::Draft);
}
both_databases!(
    registration_past,
    a_competition_whose_registration_has_ended_is_not_published
);

fn local(offset: chrono::Duration) -> String {
    app::competitions::setup::format_local(chrono::Utc::now() + offset)
}

async fn change_stage(by: &TestApp, stage: &str, action: &str) -> (String, String) {
    let response = by
        .submit(
            SETUP,
            "/api/change_stage",
            &[("slug", SLUG), ("stage", stage), ("action", action)],
        )
        .await;
    by.follow(&response).await
}

async fn organizers_start_and_end_stages_early_on_the_record(backend: Backend) {
    use app::entities::stage_event;
    use chrono::Duration;
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@sayembara.go.id").await;
    create(&admin, SLUG, "Hackathon Data Publik 2028").await;
    save_details(&admin, &details(&[])).await;
    let (registration_starts, registration_ends) =
        (local(-Duration::days(1)), local(Duration::days(10)));
    let (submission_starts, submission_ends) =
        (local(Duration::days(11)), local(Duration::days(20)));
    let (results_starts, results_ends) = (local(Duration::days(30)), local(Duration::days(31)));
    save_timeline(
        &admin,
        &[
            ("registration_starts", &registration_starts),
            ("registration_ends", &registration_ends),
            ("submission_starts", &submission_starts),
            ("submission_ends", &submission_ends),
            ("results_starts", &results_starts),
            ("results_ends", &results_ends),
        ],
    )
    .await;
    publish(&admin).await;
    let (_, page) = admin.page(SETUP).await;
    assert!(page.contains("Sedang berlangsung"));
    assert!(page.contains("Akhiri Pendaftaran sekarang"));
    assert!(page.contains("Mulai Pengumpulan proposal sekarang"));

    // Ending registration now closes team registration, on the record.
    let planned = stored(&app).await.registration_closes_at;
    let (location, page) = change_stage(&admin, "registration", "end").await;
    assert_eq!(location, format!("{SETUP}?tersimpan=tahap#tahap"));
    assert!(page.contains("Perubahan tahap tersimpan."));
    assert!(page.contains("Pendaftaran diakhiri"));
    let closes = stored(&app).await.registration_closes_at;
    assert!(closes < planned && closes <= chrono::Utc::now());
    let events = stage_event::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].stage, Stage::Registration);
    assert_eq!(events[0].action, "end");
    assert_eq!(events[0].planned_at, planned);
    assert!(events[0].by_user_id.is_some());

    // A finished stage cannot be ended again; an undated one cannot be started.
    let (_, page) = change_stage(&admin, "registration", "end").await;
    assert!(page.contains("Tahap ini tidak dapat diubah sekarang"));
    let (_, page) = change_stage(&admin, "shortlist", "start").await;
    assert!(page.contains("Beri tanggal tahap ini dulu"));

    // Starting submission early; the public page shows it running.
    change_stage(&admin, "submission", "start").await;
    let (_, page) = app.new_browser().page(&format!("/kompetisi/{SLUG}")).await;
    assert!(page.contains("aria-current=\"step\""));
    assert!(page.contains("Sedang berlangsung"));
    assert_eq!(stage_event::Entity::find().count(&app.db).await.unwrap(), 2);

    // Someone who does not organize it cannot.
    let other = app.person("Warga", "warga@salatiga.go.id").await;
    let (location, _) = change_stage(&other, "submission", "end").await;
    sayembara_tests::refusal(&location);
    assert_eq!(stage_event::Entity::find().count(&app.db).await.unwrap(), 2);
}
both_databases!(
    stage_changes,
    organizers_start_and_end_stages_early_on_the_record
);

async fn organizers_say_who_may_enter(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@sayembara.go.id").await;
    create(&admin, SLUG, "Hackathon Data Publik 2028").await;
    let save = |fields: Vec<(&'static str, &'static str)>| {
        let admin = &admin;
        async move {
            let mut all = vec![("slug", SLUG)];
            all.extend(fields);
            let response = admin
                .submit(SETUP, "/api/save_competition_eligibility", &all)
                .await;
            admin.follow(&response).await
        }
    };

    // Every problem at once, with what was typed kept.
    let (location, page) = save(vec![
        ("min_months_running", "dua"),
        ("max_earlier_wins", "99"),
    ])
    .await;
    sayembara_tests::refusal(&location);
    assert!(page.contains("Pilih paling sedikit satu jenis instansi"));
    assert!(page.contains("Masukkan angka 0 sampai 120"));
    assert!(page.contains("Masukkan angka 0 sampai 50, atau kosongkan"));
    assert!(page.contains("value=\"dua\""));

    let (location, page) = save(vec![
        ("eligible[regency]", "on"),
        ("eligible[agency_unit]", "on"),
        ("min_months_running", "12"),
        ("max_earlier_wins", "2"),
    ])
    .await;
    assert_eq!(location, format!("{SETUP}?tersimpan=kelayakan#kelayakan"));
    assert!(page.contains("Ketentuan peserta tersimpan."));
    let row = stored(&app).await;
    assert_eq!(row.eligible_kinds, "regency,agency_unit");
    assert_eq!(row.min_months_running, 12);
    assert_eq!(row.max_earlier_wins, Some(2));

    // Empty wins means no limit.
    save(vec![
        ("eligible[ministry]", "on"),
        ("min_months_running", ""),
        ("max_earlier_wins", ""),
    ])
    .await;
    let row = stored(&app).await;
    assert_eq!(
        (
            row.eligible_kinds.as_str(),
            row.min_months_running,
            row.max_earlier_wins
        ),
        ("ministry", 0, None)
    );

    // The public page states the rules (the demo competition's defaults: government bodies).
    let (_, page) = app.new_browser().page("/kompetisi/kipp-daerah-2027").await;
    assert!(page.contains("Terbuka untuk: Kementerian/lembaga, Pemerintah provinsi, Pemerintah kabupaten/kota, Perangkat daerah/unit kerja."));
}
both_databases!(eligibility, organizers_say_who_may_enter);

async fn organizers_set_the_rubric_prizes_and_partners(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app
        .person_with_role(
            "Penyelenggara",
            "panitia@sayembara.go.id",
            "kipp-daerah-2027",
            Role::Organizer,
        )
        .await;
    let setup = "/kelola/kipp-daerah-2027";

    // The demo's rubric and prizes are shown in the form as rows and on the public page.
    let (_, page) = organizer.page(setup).await;
    assert!(page.contains(r#"name="rubric[rubric_desk_evaluation_0_name_id]" value="Kebaruan""#));
    assert!(page.contains(r#"name="rubric[rubric_desk_evaluation_0_weight]" type="number""#));
    assert!(page.contains("Jumlah bobot"));
    assert!(page.contains(
        r#"name="prizes[prizes_0_reward]" value="Rp 50.000.000 dan pendampingan replikasi""#
    ));
    let (_, public) = app.new_browser().page("/kompetisi/kipp-daerah-2027").await;
    assert!(public.contains("Kriteria penilaian"));
    assert!(public.contains("Manfaat bagi warga"));
    assert!(public.contains("35%"));
    assert!(public.contains("Universitas Tanjungpura"));
    let competition = competition::Entity::find()
        .filter(competition::Column::Slug.eq("kipp-daerah-2027"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let criteria_of = |stage: Stage| {
        let db = app.db.clone();
        async move {
            app::entities::rubric_criterion::Entity::find()
                .filter(app::entities::rubric_criterion::Column::CompetitionId.eq(competition.id))
                .filter(app::entities::rubric_criterion::Column::Stage.eq(stage))
                .order_by_asc(app::entities::rubric_criterion::Column::Position)
                .all(&db)
                .await
                .unwrap()
        }
    };
    let demo_desk = criteria_of(Stage::DeskEvaluation).await;

    // Weights that do not add up, and a bad scale, are refused at their stage and cell;
    // typing kept.
    let rubric = |desk: Vec<(String, String)>, presentation: &str| {
        let mut fields = vec![("slug".to_string(), "kipp-daerah-2027".to_string())];
        fields.extend(desk);
        fields.extend(rows::criteria("rubric_presentation", presentation));
        fields.extend(rows::criteria("rubric_field_verification", ""));
        fields
    };
    let submit = |fields: Vec<(String, String)>| {
        let organizer = &organizer;
        async move {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            organizer
                .submit(setup, "/api/save_competition_rubric", &fields)
                .await
        }
    };
    let response = submit(rubric(
        rows::criteria(
            "rubric_desk_evaluation",
            "Kebaruan | Novelty | 50 | 1 | 10\nDampak | Impact | 40 | 1 | 10",
        ),
        "Paparan | Pitch | 100 | 10 | 1",
    ))
    .await;
    let (_, page) = organizer.follow(&response).await;
    assert!(page.contains("Rubrik Evaluasi proposal: Bobot kriteria tahap ini harus berjumlah 100"));
    assert!(page.contains(
        "Kriteria 1 (Rubrik Presentasi dan wawancara), Nilai tertinggi: Nilai tertinggi harus lebih besar dari nilai terendah"
    ));
    assert!(page.contains(r#"value="Dampak""#));
    assert!(page.contains("90%"), "the stage's total is shown");

    // Reweighted, renamed and moved criteria keep their rows; a removed one goes.
    let kept = &demo_desk[0];
    let moved = &demo_desk[1];
    let desk = rows::rows(
        "rubric",
        "rubric_desk_evaluation",
        &rows::CRITERION_COLUMNS,
        &[
            (Some(moved.id), "Manfaat | Benefit | 40 | 1 | 10"),
            (
                Some(kept.id),
                "Kebaruan gagasan | Novelty | 60 | 1 | 10 | Gagasan baru | A new idea",
            ),
        ],
    );
    let response = submit(rubric(desk, "Paparan | Pitch | 100 | 0 | 100")).await;
    let (location, page) = organizer.follow(&response).await;
    assert_eq!(location, format!("{setup}?tersimpan=rubrik#rubrik"));
    assert!(page.contains("Rubrik tersimpan."));
    let desk_now = criteria_of(Stage::DeskEvaluation).await;
    assert_eq!(
        desk_now
            .iter()
            .map(|c| (c.id, c.weight))
            .collect::<Vec<_>>(),
        vec![(moved.id, 40), (kept.id, 60)],
        "the same rows, in the new order"
    );
    assert_eq!(desk_now[1].name_id, "Kebaruan gagasan");
    let pitch = criteria_of(Stage::Presentation).await;
    assert_eq!(
        (pitch[0].weight, pitch[0].scale_min, pitch[0].scale_max),
        (100, 0, 100)
    );
    let (_, public) = app.new_browser().page("/kompetisi/kipp-daerah-2027").await;
    assert!(public.contains("Gagasan baru"));
    assert!(
        !public.contains("Dapat ditiru"),
        "criteria no row names are removed"
    );

    // A criterion marked for removal goes; its neighbour's weight then must be 100.
    let mut desk = rows::rows(
        "rubric",
        "rubric_desk_evaluation",
        &rows::CRITERION_COLUMNS[..5],
        &[
            (Some(moved.id), "Manfaat | Benefit | 100 | 1 | 10"),
            (Some(kept.id), "Kebaruan gagasan | Novelty | 60 | 1 | 10"),
        ],
    );
    desk.push((
        "rubric[rubric_desk_evaluation_1_remove]".to_string(),
        "on".to_string(),
    ));
    let response = submit(rubric(desk, "Paparan | Pitch | 100 | 0 | 100")).await;
    sayembara_tests::assert_no_error(&organizer.location(&response));
    let desk_now = criteria_of(Stage::DeskEvaluation).await;
    assert_eq!(
        desk_now
            .iter()
            .map(|c| (c.id, c.weight))
            .collect::<Vec<_>>(),
        vec![(moved.id, 100)]
    );

    // Prizes need a reward; partners must be registered organizations.
    let prizes = |prizes: &str, partners: &str| {
        let mut fields = vec![
            ("slug".to_string(), "kipp-daerah-2027".to_string()),
            ("partners".to_string(), partners.to_string()),
        ];
        fields.extend(rows::prizes(prizes));
        fields
    };
    let submit_prizes = |fields: Vec<(String, String)>| {
        let organizer = &organizer;
        async move {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            organizer
                .submit(setup, "/api/save_competition_prizes", &fields)
                .await
        }
    };
    let response = submit_prizes(prizes("Juara 1", "Universitas Antah Berantah")).await;
    let (_, page) = organizer.follow(&response).await;
    assert!(page.contains("Hadiah 1 (Hadiah), Yang diberikan: Tulis yang diberikan"));
    assert!(page.contains("Ada organisasi yang belum terdaftar"));
    assert!(page.contains("Universitas Antah Berantah"));
    let response = submit_prizes(prizes(
        "Juara umum | Grand prize | Rp 100.000.000",
        "universitas kristen  satya wacana\nUniversitas Kristen Satya Wacana",
    ))
    .await;
    let (location, _) = organizer.follow(&response).await;
    assert_eq!(location, format!("{setup}?tersimpan=hadiah#hadiah"));
    let partners = app::entities::competition_partner::Entity::find()
        .filter(app::entities::competition_partner::Column::CompetitionId.eq(competition.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(partners, 1, "the same organization twice is one partner");
    let english = app.new_browser();
    english.choose_language("en", "/").await;
    let (_, public) = english.page("/kompetisi/kipp-daerah-2027").await;
    assert!(public.contains("Grand prize"));
    assert!(public.contains("Rp 100.000.000"));
    assert!(public.contains("Universitas Kristen Satya Wacana"));
    assert!(!public.contains("Universitas Tanjungpura"));
}
both_databases!(
    rubric_prizes_partners,
    organizers_set_the_rubric_prizes_and_partners
);

async fn organizers_edit_the_proposal_template(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let organizer = app
        .person_with_role(
            "Penyelenggara",
            "panitia@sayembara.go.id",
            "kipp-daerah-2027",
            Role::Organizer,
        )
        .await;
    let setup = "/kelola/kipp-daerah-2027";
    let (_, page) = organizer.page(setup).await;
    assert!(
        page.contains(r#"name="template[template_0_title_id]" value="Latar belakang dan tujuan""#)
    );
    let competition = competition::Entity::find()
        .filter(competition::Column::Slug.eq("kipp-daerah-2027"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let sections = || {
        let db = app.db.clone();
        async move {
            app::entities::proposal_section::Entity::find()
                .filter(app::entities::proposal_section::Column::CompetitionId.eq(competition.id))
                .order_by_asc(app::entities::proposal_section::Column::Position)
                .all(&db)
                .await
                .unwrap()
        }
    };
    let demo = sections().await;
    let save = |lines: Vec<(Option<i32>, &'static str)>| {
        let organizer = &organizer;
        async move {
            let mut fields = vec![("slug".to_string(), "kipp-daerah-2027".to_string())];
            fields.extend(rows::rows(
                "template",
                "template",
                &rows::SECTION_COLUMNS,
                &lines,
            ));
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let response = organizer
                .submit(setup, "/api/save_proposal_template", &fields)
                .await;
            organizer.follow(&response).await
        }
    };
    let (_, page) = save(vec![
        (None, "Masalah | Problem | 5"),
        (None, "Solusi | Solution"),
    ])
    .await;
    assert!(page.contains(
        "Bagian 1 (Bagian proposal), Batas kata: Batas kata adalah bilangan 10 sampai 5.000"
    ));
    assert!(page.contains(r#"value="Solusi""#), "typing kept");
    assert_eq!(sections().await.len(), demo.len(), "nothing saved");

    // The second section moved first and renamed keeps its row (and what teams wrote
    // for it); the first stays; the rest go; a new row adds a section.
    let (first, second) = (demo[0].id, demo[1].id);
    let (location, _) = save(vec![
        (Some(second), "Ide baru | New idea | 400"),
        (Some(first), "Latar belakang | Background | 500"),
        (None, "Solusi | Solution | 600"),
    ])
    .await;
    assert_eq!(location, format!("{setup}?tersimpan=templat#templat"));
    let now: Vec<(i32, i32, String, i32)> = sections()
        .await
        .into_iter()
        .map(|s| (s.id, s.position, s.title_en, s.word_limit))
        .collect();
    assert_eq!(now.len(), 3);
    assert_eq!(now[0], (second, 0, "New idea".into(), 400));
    assert_eq!(now[1], (first, 1, "Background".into(), 500));
    assert_eq!(
        (now[2].1, now[2].2.as_str(), now[2].3),
        (2, "Solution", 600)
    );
}
both_databases!(proposal_template, organizers_edit_the_proposal_template);

async fn an_address_left_empty_comes_from_the_title(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@sayembara.go.id").await;
    let (location, _) = create(&admin, "", "Hackathon Data Publik 2028").await;
    assert_eq!(
        location,
        "/kelola/hackathon-data-publik-2028?tersimpan=dibuat"
    );
    // The same title again: numbered, not refused.
    let (location, _) = create(&admin, " ", "Hackathon Data Publik 2028").await;
    assert_eq!(
        location,
        "/kelola/hackathon-data-publik-2028-2?tersimpan=dibuat"
    );
    // Typed, the address is the organizer's: a taken one is refused, not renamed.
    let (location, page) = create(&admin, "hackathon-data-publik-2028", "Lain").await;
    sayembara_tests::refusal(&location);
    assert!(page.contains("Alamat halaman itu sudah dipakai kompetisi lain"));
}
both_databases!(derived_address, an_address_left_empty_comes_from_the_title);

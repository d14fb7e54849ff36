//! Proposals: drafts saved part by part with a version each, stale saves refused with the
//! typed text kept, history and restore, submission with every problem at once, the
//! deadline by the server clock, withdrawal, and attachments checked by content.
//! Black-box on both databases.
use app::competitions::Stage;
use app::entities::{
    attachment, competition_stage, proposal, proposal_revision, proposal_section, proposal_text,
    team,
};
use sayembara_tests::demo::{competition as demo, team_named};
use sayembara_tests::{both_databases, Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};

struct Team {
    id: i32,
    lead: TestApp,
    member: TestApp,
}

/// A team of two in the demo competition, its proposal page opened once (the template
/// is written in then).
async fn team_of_two(app: &TestApp) -> Team {
    let lead = app.person("Rina Ketua", "rina@salatiga.go.id").await;
    lead.register_team("Tim Proposal", "Pemerintah Kota Salatiga", "")
        .await;
    let row = team_named(app, "Tim Proposal").await;
    let member = app.person("Budi Anggota", "budi@salatiga.go.id").await;
    let code = row.join_code.clone().unwrap();
    member.join_team(&code).await;
    let (status, _) = lead.page(&format!("/tim/{}/proposal", row.id)).await;
    assert_eq!(status, 200);
    Team {
        id: row.id,
        lead,
        member,
    }
}

async fn sections(app: &TestApp) -> Vec<proposal_section::Model> {
    proposal_section::Entity::find()
        .filter(proposal_section::Column::CompetitionId.eq(demo(app).await.id))
        .order_by_asc(proposal_section::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
}

/// Moves the submission stage so that it runs now (`open`) or has ended.
async fn submission(app: &TestApp, open: bool) {
    let now = chrono::Utc::now();
    let (starts, ends) = if open {
        (
            now - chrono::Duration::days(1),
            now + chrono::Duration::days(10),
        )
    } else {
        (
            now - chrono::Duration::days(10),
            now - chrono::Duration::minutes(1),
        )
    };
    competition_stage::Entity::update_many()
        .col_expr(competition_stage::Column::StartsAt, Expr::value(starts))
        .col_expr(competition_stage::Column::EndsAt, Expr::value(ends))
        .filter(competition_stage::Column::CompetitionId.eq(demo(app).await.id))
        .filter(competition_stage::Column::Stage.eq(Stage::Submission))
        .exec(&app.db)
        .await
        .unwrap();
}

async fn stored_text(app: &TestApp, team_id: i32, part: &str) -> Option<proposal_text::Model> {
    let proposal = proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team_id))
        .one(&app.db)
        .await
        .unwrap()?;
    proposal_text::Entity::find()
        .filter(proposal_text::Column::ProposalId.eq(proposal.id))
        .filter(proposal_text::Column::Part.eq(part))
        .one(&app.db)
        .await
        .unwrap()
}

fn text(part: &str, body: &str, base: i32) -> Vec<(String, String)> {
    vec![
        (format!("text[{part}]"), body.to_string()),
        (format!("base[{part}]"), base.to_string()),
    ]
}

async fn drafts_keep_every_version_and_never_overwrite_silently(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = team_of_two(&app).await;
    let background = format!("section-{}", sections(&app).await[0].id);

    // The lead saves the title and the background (JavaScript off: the whole form).
    let mut fields = text("title", "Adminduk Sekali Klik", 0);
    fields.extend(text(&background, "Antrean panjang di kantor Dukcapil.", 0));
    let (location, page) = team.lead.save_proposal(team.id, &fields).await;
    assert_eq!(
        location,
        format!("/tim/{}/proposal?tersimpan=draf", team.id)
    );
    assert!(page.contains("Draf tersimpan."));
    assert!(page.contains("Antrean panjang di kantor Dukcapil."));
    assert_eq!(
        stored_text(&app, team.id, &background)
            .await
            .unwrap()
            .version,
        1
    );

    // The member opened the form at version 1 too; the lead saves version 2 first.
    let (_, page) = team
        .lead
        .save_proposal(
            team.id,
            &text(&background, "Antrean panjang; warga menunggu tiga hari.", 1),
        )
        .await;
    assert!(page.contains("warga menunggu tiga hari"));
    // The member's stale save is refused at the field, their text kept, the stored one shown.
    let mut fields = text(&background, "Teks Budi yang berbeda.", 1);
    fields.extend(text("title", "Adminduk Sekali Klik", 1));
    let (location, page) = team.member.save_proposal(team.id, &fields).await;
    sayembara_tests::refusal(&location);
    assert!(page.contains("Anggota lain menyimpan bagian ini setelah Anda membukanya"));
    assert!(page.contains("Teks Budi yang berbeda."));
    assert!(page.contains("warga menunggu tiga hari"));
    let stored = stored_text(&app, team.id, &background).await.unwrap();
    assert_eq!(stored.body, "Antrean panjang; warga menunggu tiga hari.");
    assert_eq!(stored.version, 2);

    // The autosave endpoint refuses a stale base too, and saves a fresh one.
    let team_id = team.id.to_string();
    let stale = team
        .member
        .autosave_part(team.id, &background, 1, "Basi")
        .await;
    assert!(!stale.status().is_success());
    let fresh = team
        .member
        .autosave_part(
            team.id,
            &background,
            2,
            "Antrean panjang; warga menunggu tiga hari kerja.",
        )
        .await;
    assert!(fresh.status().is_success(), "{}", fresh.status());
    let saved: serde_json::Value = fresh.json().await.unwrap();
    assert_eq!(saved["version"], 3);
    assert_eq!(saved["words"], 7);

    // Every save is a revision; an earlier one can be restored as a new version.
    let proposal_row = proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let revisions = proposal_revision::Entity::find()
        .filter(proposal_revision::Column::ProposalId.eq(proposal_row.id))
        .filter(proposal_revision::Column::Part.eq(background.as_str()))
        .order_by_asc(proposal_revision::Column::Version)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(revisions.len(), 3);
    let (status, page) = team
        .member
        .page(&format!(
            "/tim/{}/proposal/riwayat?bagian={background}",
            team.id
        ))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Versi 1") && page.contains("Rina Ketua"));
    let first = revisions[0].id.to_string();
    let response = team
        .member
        .submit(
            &format!("/tim/{}/proposal/riwayat?bagian={background}", team.id),
            "/api/restore_revision",
            &[("team", &team_id), ("revision", &first), ("base", "3")],
        )
        .await;
    assert!(team
        .member
        .location(&response)
        .contains("tersimpan=dipulihkan"));
    let stored = stored_text(&app, team.id, &background).await.unwrap();
    assert_eq!(
        (stored.version, stored.body.as_str()),
        (4, "Antrean panjang di kantor Dukcapil.")
    );

    // Someone outside the team can neither read nor write it.
    let stranger = app.person("Orang Lain", "lain@pontianak.go.id").await;
    let (status, _) = stranger.page(&format!("/tim/{}/proposal", team.id)).await;
    assert_eq!(status, 403);
    let (location, _) = stranger
        .save_proposal(team.id, &text("title", "Bukan milik saya", 1))
        .await;
    sayembara_tests::refusal(&location);
    assert_eq!(
        stored_text(&app, team.id, "title").await.unwrap().body,
        "Adminduk Sekali Klik"
    );
}
both_databases!(
    drafts,
    drafts_keep_every_version_and_never_overwrite_silently
);

async fn the_lead_submits_a_complete_proposal_before_the_deadline(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = team_of_two(&app).await;
    let sections = sections(&app).await;

    // Not open yet (the demo's submission stage comes later).
    let (_, page) = team.lead.submit_proposal(team.id).await;
    assert!(page.contains("Pengiriman proposal belum dibuka"));
    submission(&app, true).await;

    // Empty: every problem at once.
    let (location, page) = team.lead.submit_proposal(team.id).await;
    sayembara_tests::refusal(&location);
    assert!(page.contains("Bagian ini wajib diisi sebelum dikirim"));
    // Each of the identical messages says which section it is about.
    assert!(page.contains(">Latar belakang dan tujuan: Bagian ini wajib diisi sebelum dikirim<"));
    assert!(page.contains("Pilih paling sedikit satu tujuan"));
    assert!(page.contains("Isi tanggal inovasi mulai berjalan"));

    // Everything filled in, one section over its word limit, a bad link.
    let mut fields = text("title", "Adminduk Sekali Klik", 0);
    fields.extend(text(
        "summary",
        "Warga mengurus dokumen kependudukan dari rumah.",
        0,
    ));
    fields.extend(text("links", "youtube.com/watch?v=x", 0));
    for (i, section) in sections.iter().enumerate() {
        let body = if i == 0 {
            "kata ".repeat(section.word_limit as usize + 1)
        } else {
            format!("Isi bagian {} yang cukup.", i + 1)
        };
        fields.extend(text(&format!("section-{}", section.id), &body, 0));
    }
    fields.push(("sdg[16]".into(), "on".into()));
    fields.push(("sdg[3]".into(), "on".into()));
    fields.push(("started_on".into(), "2099-01-01".into()));
    fields.push(("meta_version".into(), "0".into()));
    let (_, page) = team.member.save_proposal(team.id, &fields).await;
    assert!(page.contains("Tanggal mulai tidak boleh di masa depan"));
    let fields: Vec<(String, String)> = fields
        .into_iter()
        .filter(|(k, _)| k != "started_on")
        .chain([("started_on".to_string(), "2024-01-15".to_string())])
        .collect();
    // The texts were saved by the first attempt; send them again at their new versions.
    let fields: Vec<(String, String)> = fields
        .into_iter()
        .map(|(k, v)| {
            if k.starts_with("base[") {
                (k, "1".to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    team.member.save_proposal(team.id, &fields).await;
    let row = proposal::Entity::find()
        .filter(proposal::Column::TeamId.eq(team.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.sdgs, "3,16");
    assert_eq!(row.started_on.as_deref(), Some("2024-01-15"));

    // Only the lead submits.
    let (location, _) = team.member.submit_proposal(team.id).await;
    sayembara_tests::refusal(&location);
    let (_, page) = team.lead.submit_proposal(team.id).await;
    assert!(page.contains("Bagian ini melebihi batas kata"));
    assert!(page.contains("Setiap tautan diawali http://"));
    let first = format!("section-{}", sections[0].id);
    // (The second save changed nothing: the texts are still at version 1.)
    let mut fixes = text(&first, "Antrean panjang di kantor.", 1);
    fixes.extend(text("links", "https://youtube.com/watch?v=x", 1));
    fixes.extend([
        ("sdg[3]".to_string(), "on".to_string()),
        ("sdg[16]".to_string(), "on".to_string()),
        ("started_on".to_string(), "2024-01-15".to_string()),
        ("meta_version".to_string(), row.meta_version.to_string()),
    ]);
    let (location, _) = team.lead.save_proposal(team.id, &fixes).await;
    sayembara_tests::assert_no_error(&location);
    let (location, page) = team.lead.submit_proposal(team.id).await;
    assert_eq!(
        location,
        format!("/tim/{}/proposal?tersimpan=dikirim", team.id)
    );
    assert!(page.contains("Proposal terkirim."));
    let row = proposal::Entity::find_by_id(row.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status, app::proposals::ProposalStatus::Submitted);
    assert!(row.submitted_at.is_some());

    // Submitted: editing is refused until it is withdrawn.
    let (location, page) = team
        .member
        .save_proposal(team.id, &text("title", "Judul baru", 1))
        .await;
    sayembara_tests::refusal(&location);
    assert!(page.contains("Proposal sudah dikirim; tarik dulu untuk mengubahnya"));
    let team_id = team.id.to_string();
    let response = team
        .lead
        .submit(
            &format!("/tim/{}/proposal", team.id),
            "/api/withdraw_proposal",
            &[("team", &team_id)],
        )
        .await;
    assert!(team.lead.location(&response).contains("tersimpan=ditarik"));
    let (location, _) = team
        .member
        .save_proposal(team.id, &text("title", "Judul baru", 1))
        .await;
    sayembara_tests::assert_no_error(&location);

    // After the deadline (server clock) nothing can be changed or submitted.
    submission(&app, false).await;
    let (location, page) = team
        .member
        .save_proposal(team.id, &text("title", "Terlambat", 2))
        .await;
    sayembara_tests::refusal(&location);
    assert!(page.contains("Batas waktu pengiriman sudah lewat"));
    let (_, page) = team.lead.submit_proposal(team.id).await;
    assert!(page.contains("Batas waktu pengiriman sudah lewat"));
    assert_eq!(
        stored_text(&app, team.id, "title").await.unwrap().body,
        "Judul baru"
    );
}
both_databases!(
    submission_rules,
    the_lead_submits_a_complete_proposal_before_the_deadline
);

async fn attachments_are_checked_by_content_and_kept_with_their_hash(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = team_of_two(&app).await;

    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.extend(std::iter::repeat_n(b'x', 300_000));
    let location = team
        .member
        .upload_attachment(team.id, "laporan.pdf", pdf.clone())
        .await;
    assert!(location.contains("tersimpan=lampiran"), "{location}");
    let row = attachment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.content_type, "application/pdf");
    assert_eq!(row.size_bytes, pdf.len() as i64);
    assert_eq!(row.sha256, format!("{:x}", Sha256::digest(&pdf)));

    // A program renamed to .pdf, and an empty file, are refused with a message.
    let location = team
        .member
        .upload_attachment(team.id, "bukan.pdf", b"MZ\x90\x00\x03 program".to_vec())
        .await;
    assert!(
        location.contains("lampiran_galat=proposals.error.file_type"),
        "{location}"
    );
    let (_, page) = team.member.page(&location).await;
    assert!(page.contains("Hanya PDF, PNG, atau JPEG"));
    let location = team
        .member
        .upload_attachment(team.id, "kosong.png", Vec::new())
        .await;
    assert!(
        location.contains("lampiran_galat=proposals.error.file_empty"),
        "{location}"
    );
    // "Upload" with no file chosen says so (the browser sends a nameless, empty part).
    let location = team.member.upload_attachment(team.id, "", Vec::new()).await;
    assert!(
        location.contains("lampiran_galat=proposals.error.no_file"),
        "{location}"
    );
    let (_, page) = team.member.page(&location).await;
    assert!(page.contains("Pilih berkas yang akan diunggah terlebih dahulu"));
    // A PNG named .pdf is kept as what it is.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0u8; 64]);
    team.member
        .upload_attachment(team.id, "foto.pdf", png)
        .await;
    let kinds: Vec<String> = attachment::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.content_type)
        .collect();
    assert_eq!(kinds, vec!["application/pdf", "image/png"]);

    // Too large: refused, nothing kept.
    let big = {
        let mut b = b"%PDF-1.7\n".to_vec();
        b.resize(15 * 1024 * 1024 + 10, b'x');
        b
    };
    let location = team
        .member
        .upload_attachment(team.id, "besar.pdf", big)
        .await;
    assert!(location.contains("lampiran_galat="), "{location}");
    assert_eq!(
        attachment::Entity::find().all(&app.db).await.unwrap().len(),
        2
    );

    // Members download the same bytes; strangers may not.
    let path = format!("/tim/{}/proposal/lampiran/{}", team.id, row.id);
    let response = team.lead.get(&path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert_eq!(response.bytes().await.unwrap().to_vec(), pdf);
    let stranger = app.person("Orang Lain", "lain@pontianak.go.id").await;
    assert_eq!(stranger.get(&path).await.status(), 403);
    assert_eq!(app.new_browser().get(&path).await.status(), 401);

    // Removed: the row and the file go.
    let response = team
        .lead
        .client
        .post(team.lead.url(&format!("{path}/hapus")))
        .header("origin", &team.lead.address)
        .send()
        .await
        .unwrap();
    assert!(team.lead.location(&response).contains("lampiran-dihapus"));
    assert_eq!(team.lead.get(&path).await.status(), 404);
    let file = app
        .database
        .data_dir()
        .join("uploads")
        .join(&row.storage_key);
    assert!(!file.exists(), "{file:?} removed");
}
both_databases!(
    attachments,
    attachments_are_checked_by_content_and_kept_with_their_hash
);

async fn typed_proposal_text_never_travels_in_the_url(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = team_of_two(&app).await;
    let page = format!("/tim/{}/proposal", team.id);
    let secret = "Rencana rahasia: integrasi data kependudukan dengan layanan puskesmas";
    let response = team
        .member
        .submit(
            &page,
            "/api/save_proposal",
            &[
                ("team", &team.id.to_string()),
                ("text[title]", secret),
                ("base[title]", "0"),
                ("started_on", "bukan tanggal"),
            ],
        )
        .await;
    let location = team.member.location(&response);
    // The form came back with the problem, and nothing of the text is in the address.
    let error = sayembara_tests::refusal(&location);
    let errors = error.field_errors().expect("a problem at a field").clone();
    assert!(!errors.messages("started_on").is_empty());
    assert!(errors.values.is_empty(), "{errors:?}");
    assert!(!location.contains("rahasia"));
    // The page fills the form in with what was typed, read back from the server.
    let (_, body) = team.member.page(&location).await;
    assert!(body.contains(secret), "typing is kept");
    // Only by its owner: the lead, with the same token, reads nothing.
    let token = errors.details[app::site::forms::STASH_DETAIL].clone();
    let response = team
        .lead
        .client
        .post(team.lead.url("/api/get_stashed_values"))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(!response.text().await.unwrap().contains("rahasia"));
}
both_databases!(
    proposal_text_stash,
    typed_proposal_text_never_travels_in_the_url
);

async fn attachment_names_tell_the_truth_and_the_limit_holds_in_parallel(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = team_of_two(&app).await;
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0u8; 64]);
    // A right-to-left override would show this as "foto-gnp.exe" read backwards; the
    // extension comes from what the file is.
    let location = team
        .member
        .upload_attachment(team.id, "foto\u{202e}gnp.exe", png.clone())
        .await;
    assert!(location.contains("tersimpan=lampiran"), "{location}");
    let row = attachment::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.file_name, "fotognp.png");
    let response = team
        .lead
        .get(&format!("/tim/{}/proposal/lampiran/{}", team.id, row.id))
        .await;
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.contains("fotognp.png"), "{disposition}");

    // Twelve uploads at once onto one file: nine more fit, never more.
    let names: Vec<String> = (0..12).map(|i| format!("foto{i}.png")).collect();
    let uploads = names
        .iter()
        .map(|name| team.member.upload_attachment(team.id, name, png.clone()));
    let locations = futures::future::join_all(uploads).await;
    let stored = attachment::Entity::find().all(&app.db).await.unwrap().len();
    assert_eq!(stored, 10, "{locations:?}");
    let refused = locations
        .iter()
        .filter(|l| l.contains("lampiran_galat="))
        .count();
    assert_eq!(refused, 3, "{locations:?}");
    // Nothing of a refused upload stays in storage.
    let dir = app.database.data_dir().join("uploads").join("proposals");
    let files: usize = std::fs::read_dir(&dir)
        .unwrap()
        .map(|d| std::fs::read_dir(d.unwrap().path()).unwrap().count())
        .sum();
    assert_eq!(files, 10);
}
both_databases!(
    attachment_names_and_limit,
    attachment_names_tell_the_truth_and_the_limit_holds_in_parallel
);

async fn members_saving_at_once_all_succeed_and_lose_nothing(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let team = team_of_two(&app).await;
    let sections = sections(&app).await;
    let mut writers = vec![team.lead, team.member];
    let code = team::Entity::find_by_id(team.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .join_code
        .unwrap();
    for i in 0..3 {
        let browser = app
            .person(
                &format!("Anggota {i}"),
                &format!("anggota{i}@salatiga.go.id"),
            )
            .await;
        browser.join_team(&code).await;
        writers.push(browser);
    }
    let team_id = team.id;
    // Five members, each on their own section, saving ten times at once.
    for round in 1..=10 {
        let saves = writers.iter().zip(&sections).map(|(writer, section)| {
            let part = format!("section-{}", section.id);
            async move {
                let body = format!("Versi {round}");
                let response = writer.autosave_part(team_id, &part, round - 1, &body).await;
                response.status().as_u16()
            }
        });
        let statuses = futures::future::join_all(saves).await;
        assert_eq!(statuses, vec![200; 5], "round {round}");
    }
    for section in sections.iter().take(5) {
        let text = stored_text(&app, team.id, &format!("section-{}", section.id))
            .await
            .unwrap();
        assert_eq!((text.version, text.body.as_str()), (10, "Versi 10"));
    }
}
both_databases!(
    concurrent_saves,
    members_saving_at_once_all_succeed_and_lose_nothing
);

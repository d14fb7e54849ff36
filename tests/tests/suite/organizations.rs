//! Organizations (admin pages) and affiliations (sign-up and profile), black-box.
use app::entities::{affiliation, organization, user_account};
use sayembara_tests::{both_databases, Backend, TestApp, PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn organization_named(app: &TestApp, name: &str) -> Option<organization::Model> {
    organization::Entity::find()
        .filter(organization::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
}

async fn add(admin: &TestApp, name: &str, kind: &str, region: &str) -> (String, String) {
    let response = admin
        .submit(
            "/admin/organisasi",
            "/api/create_organization",
            &[("name", name), ("kind", kind), ("region", region)],
        )
        .await;
    admin.follow(&response).await
}

async fn admins_add_check_edit_and_remove_organizations(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let admin = app.admin_browser("admin@sayembara.go.id").await;

    let (location, _) = add(
        &admin,
        "  Dinas Komunikasi   dan Informatika Kota Salatiga ",
        "agency_unit",
        "kota salatiga, jawa tengah",
    )
    .await;
    assert_eq!(location, "/admin/organisasi?tersimpan=1");
    let diskominfo = organization_named(&app, "Dinas Komunikasi dan Informatika Kota Salatiga")
        .await
        .expect("stored with its name tidied");
    assert_eq!(diskominfo.regency_code.as_deref(), Some("33.73"));
    assert_eq!(diskominfo.province_code.as_deref(), Some("33"));

    // Every problem at once, at its field, with what was typed kept.
    let (location, page) = add(&admin, "Dinas Kesehatan Kota Pontianak", "", "Atlantis").await;
    sayembara_tests::refusal(&location);
    assert!(page.contains("Sudah ada organisasi dengan nama itu"));
    assert!(page.contains("Pilih jenis organisasi"));
    assert!(page.contains("value=\"Atlantis\""));

    let (_, page) = add(&admin, "Pemerintah Provinsi Jawa Tengah", "province", "").await;
    assert!(page.contains("Pemerintah provinsi memerlukan nama provinsi"));
    let (_, page) = add(
        &admin,
        "Dinas Sosial Kota Salatiga",
        "agency_unit",
        "Jawa Tengah",
    )
    .await;
    assert!(page.contains("Pilih kabupaten/kota"));
    let (_, page) = add(&admin, "Kementerian PANRB", "ministry", "Jawa Tengah").await;
    assert!(page.contains("Kementerian/lembaga pusat tidak memakai wilayah"));
    let (_, page) = add(
        &admin,
        "Bank Pembangunan Daerah",
        "company",
        "Atlantis Raya",
    )
    .await;
    assert!(page.contains("Wilayah itu tidak ada dalam daftar resmi"));
    add(
        &admin,
        "Pemerintah Provinsi Jawa Tengah",
        "province",
        "Jawa Tengah",
    )
    .await;
    add(&admin, "Kementerian PANRB", "ministry", "").await;
    assert!(organization_named(&app, "Kementerian PANRB")
        .await
        .is_some());

    // The list searches every word, in any case; wildcards are plain characters.
    let (status, page) = admin.page("/admin/organisasi?q=SALATIGA+dinas").await;
    assert_eq!(status, 200);
    assert!(page.contains("Dinas Komunikasi dan Informatika Kota Salatiga"));
    assert!(page.contains("Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga"));
    assert!(!page.contains("Pemerintah Kota Salatiga<"));
    let (_, page) = admin.page("/admin/organisasi?q=%25").await;
    assert!(page.contains("Tidak ada organisasi yang cocok."));

    // Edit: the form starts filled in; a change is saved.
    let edit = format!("/admin/organisasi/{}", diskominfo.id);
    let (status, page) = admin.page(&edit).await;
    assert_eq!(status, 200);
    assert!(page.contains("value=\"Kota Salatiga, Jawa Tengah\""));
    let id = diskominfo.id.to_string();
    let response = admin
        .submit(
            &edit,
            "/api/update_organization",
            &[
                ("id", &id),
                ("name", "Diskominfo Kota Salatiga"),
                ("kind", "agency_unit"),
                ("region", "Kota Salatiga, Jawa Tengah"),
            ],
        )
        .await;
    assert_eq!(admin.location(&response), "/admin/organisasi?tersimpan=1");
    assert!(organization_named(&app, "Diskominfo Kota Salatiga")
        .await
        .is_some());

    // Removal is refused while someone belongs to it, then allowed.
    let member = app.person("Rina", "rina@salatiga.go.id").await;
    member.join_organization(diskominfo.id).await;
    let response = admin
        .submit(&edit, "/api/delete_organization", &[("id", &id)])
        .await;
    let (_, page) = admin.follow(&response).await;
    assert!(page.contains("masih dipakai (anggota, tim"));
    member
        .submit(
            "/profil",
            "/api/leave_organization",
            &[("organization", &id)],
        )
        .await;
    let response = admin
        .submit(&edit, "/api/delete_organization", &[("id", &id)])
        .await;
    assert_eq!(
        admin.location(&response),
        "/admin/organisasi?tersimpan=dihapus"
    );
    assert!(organization_named(&app, "Diskominfo Kota Salatiga")
        .await
        .is_none());

    // A competition's partner is in use too: refused with the same words, not a 500.
    let partner = organization_named(&app, "Universitas Tanjungpura")
        .await
        .expect("the demo's partner");
    let response = admin
        .submit(
            &edit,
            "/api/delete_organization",
            &[("id", &partner.id.to_string())],
        )
        .await;
    match sayembara_tests::refusal(&admin.location(&response)) {
        app::error::AppError::Validation(errors) => assert_eq!(
            errors.errors["organization"],
            vec![app::i18n::Key::OrganizationsErrorInUse.name().to_string()]
        ),
        other => panic!("{other:?}"),
    }
    assert!(organization_named(&app, "Universitas Tanjungpura")
        .await
        .is_some());
}
both_databases!(
    admin_organizations,
    admins_add_check_edit_and_remove_organizations
);

async fn people_find_join_and_leave_their_organizations(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let rina = app.person("Rina", "rina@salatiga.go.id").await;

    let (status, page) = rina.page("/profil?organisasi=universitas").await;
    assert_eq!(status, 200);
    assert!(page.contains("2 organisasi cocok"));
    assert!(page.contains("Universitas Kristen Satya Wacana"));
    assert!(page.contains("Kota Salatiga, Jawa Tengah"));

    let uksw = organization_named(&app, "Universitas Kristen Satya Wacana")
        .await
        .unwrap();
    let id = uksw.id.to_string();
    let response = rina.join_organization(uksw.id).await;
    let (location, page) = rina.follow(&response).await;
    assert!(location.starts_with("/profil?tersimpan=organisasi"));
    assert!(page.contains("Daftar organisasi Anda tersimpan."));
    assert!(page.contains("Tinggalkan keanggotaan di Universitas Kristen Satya Wacana"));
    // Joining twice changes nothing.
    rina.join_organization(uksw.id).await;
    let count = affiliation::Entity::find()
        .filter(affiliation::Column::OrganizationId.eq(uksw.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 1);

    rina.submit(
        "/profil",
        "/api/leave_organization",
        &[("organization", &id)],
    )
    .await;
    let (_, page) = rina.page("/profil").await;
    assert!(page.contains("Anda belum terdaftar di organisasi mana pun."));

    // Signed out, joining is refused.
    let stranger = app.new_browser();
    let response = stranger.join_organization(uksw.id).await;
    sayembara_tests::refusal(&stranger.location(&response));
}
both_databases!(
    profile_affiliations,
    people_find_join_and_leave_their_organizations
);

async fn sign_up_can_name_an_organization(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let fields = [
        ("name", "Budi Santoso"),
        ("email", "budi@pontianak.go.id"),
        ("password", PASSWORD),
        ("organization", "dinas kesehatan  kota pontianak"),
    ];
    let response = app.submit("/daftar", "/api/sign_up", &fields).await;
    assert_eq!(app.location(&response), "/daftar/periksa-email");
    let budi = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("budi@pontianak.go.id"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let dinkes = organization_named(&app, "Dinas Kesehatan Kota Pontianak")
        .await
        .unwrap();
    let joined = affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(budi.id))
        .filter(affiliation::Column::OrganizationId.eq(dinkes.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(joined, 1);

    // An unknown name is refused at its field, and nothing typed is lost.
    let other = app.new_browser();
    let response = other
        .submit(
            "/daftar",
            "/api/sign_up",
            &[
                ("name", "Sari"),
                ("email", "sari@pontianak.go.id"),
                ("password", PASSWORD),
                ("organization", "Dinas Rahasia"),
            ],
        )
        .await;
    let (location, page) = other.follow(&response).await;
    sayembara_tests::refusal(&location);
    // Nothing registered is like it: the message does not say to pick a suggestion.
    assert!(page.contains("Belum ada organisasi terdaftar dengan nama itu atau nama yang mirip"));
    assert!(!page.contains("organization_choice"));
    assert!(page.contains("value=\"Dinas Rahasia\""));
    assert!(page.contains("value=\"sari@pontianak.go.id\""));
    let created = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("sari@pontianak.go.id"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(created, 0);
}
both_databases!(sign_up_organization, sign_up_can_name_an_organization);

/// The `value`s of the radio buttons offered under the organization field.
fn offered(page: &str) -> Vec<String> {
    page.match_indices(r#"name="organization_choice" value=""#)
        .map(|(at, found)| {
            let rest = &page[at + found.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

async fn an_unknown_organization_at_sign_up_is_answered_with_the_close_names(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let dukcapil = "Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga";
    let fields = |organization: &'static str, choice: &'static str| {
        [
            ("name", "Rina Wulandari"),
            ("email", "rina@salatiga.go.id"),
            ("password", PASSWORD),
            ("organization", organization),
            ("organization_choice", choice),
        ]
    };
    // An abbreviation is not the registered name; the server names those it stands for.
    let response = app
        .submit("/daftar", "/daftar", &fields("Dukcapil Salatiga", ""))
        .await;
    assert_eq!(response.status(), 422);
    assert!(response.headers().get("location").is_none());
    let page = response.text().await.unwrap();
    assert!(page.contains(
        "Organisasi dengan nama itu belum terdaftar. Pilih salah satu nama terdaftar yang mirip"
    ));
    assert!(
        page.contains(r#"Nama terdaftar yang mirip dengan &quot;Dukcapil Salatiga&quot;"#)
            || page.contains(r#"Nama terdaftar yang mirip dengan "Dukcapil Salatiga""#)
    );
    assert_eq!(offered(&page), vec![dukcapil.to_string(), String::new()]);
    assert!(
        page.contains(
            r#"id="field-organization_choice-typed" name="organization_choice" value="" checked"#
        ),
        "what is typed stays the choice until another is picked"
    );
    assert!(
        page.contains(r#"value="Dukcapil Salatiga""#),
        "what was typed is kept"
    );
    assert!(
        page.contains(&format!(r#"value="{}""#, "kopi tubruk pagi hari")),
        "and the password"
    );

    // A name with a word too many finds the close one with that word left out.
    let response = app
        .submit(
            "/daftar",
            "/daftar",
            &fields("Dinas Kesehatan Pontianak Kalbar", ""),
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert_eq!(
        offered(&page),
        vec!["Dinas Kesehatan Kota Pontianak".to_string(), String::new()]
    );

    // Picking a name without JavaScript is a radio button: the server takes it over what
    // the field still says.
    let response = app
        .submit("/daftar", "/daftar", &fields("Dukcapil Salatiga", dukcapil))
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(app.location(&response), "/daftar/periksa-email");
    let rina = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("rina@salatiga.go.id"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("signed up");
    let organization = organization_named(&app, dukcapil).await.unwrap();
    let joined = affiliation::Entity::find()
        .filter(affiliation::Column::UserId.eq(rina.id))
        .filter(affiliation::Column::OrganizationId.eq(organization.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(
        joined, 1,
        "the organization picked is the one asked to join"
    );

    // In English too, and in the old way (a redirect with the error in the query).
    let english = app.new_browser();
    english.get("/bahasa/en?next=/daftar").await;
    let response = english
        .submit(
            "/daftar",
            "/api/sign_up",
            &[
                ("name", "Sari"),
                ("email", "sari@pontianak.go.id"),
                ("password", PASSWORD),
                ("organization", "salatiga"),
            ],
        )
        .await;
    let (location, page) = english.follow(&response).await;
    sayembara_tests::refusal(&location);
    assert!(page.contains("Choose one of the similar registered names below the field"));
    assert_eq!(
        offered(&page),
        vec![
            dukcapil.to_string(),
            "Pemerintah Kota Salatiga".to_string(),
            String::new()
        ]
    );
    assert!(page.contains("None of these: use what is written in the field"));
}
both_databases!(
    sign_up_close_organizations,
    an_unknown_organization_at_sign_up_is_answered_with_the_close_names
);

async fn the_search_function_answers_the_picker(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let response = app
        .client
        .post(format!("{}/api/search_organizations", app.address))
        .header("origin", &app.address)
        .form(&[("query", "tanjungpura")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let found: serde_json::Value = response.json().await.unwrap();
    let found = found.as_array().expect("a list");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["name"], "Universitas Tanjungpura");
    assert_eq!(found[0]["region"], "Kota Pontianak, Kalimantan Barat");

    // The names people use: an abbreviation finds the body it stands for.
    for query in ["Dukcapil Salatiga", "disdukcapil", "DUKCAPIL"] {
        let response = app
            .client
            .post(format!("{}/api/search_organizations", app.address))
            .header("origin", &app.address)
            .form(&[("query", query)])
            .send()
            .await
            .unwrap();
        let found: serde_json::Value = response.json().await.unwrap();
        let names: Vec<&str> = found
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|o| o["name"].as_str())
            .collect();
        assert!(
            names.contains(&"Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga"),
            "{query}: {names:?}"
        );
    }
}
both_databases!(picker_search, the_search_function_answers_the_picker);

//! Mail delivery through SMTP to a server on loopback: sent, retried after a failure,
//! never lost; and the application's worker sending a real verification mail.
use std::time::Duration;

use app::entities::mail_outbox;
use app::i18n::{Key, Lang};
use app::mail::service::{deliver_pending, enqueue, SmtpSecurity, SmtpSettings, Transport};
use app::mail::MailState;
use sayembara_tests::{both_databases, smtp::SmtpSink, Backend, TestApp, TestDatabase};
use sea_orm::EntityTrait;

fn smtp_settings(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".to_string(),
        port,
        security: SmtpSecurity::None,
        username: None,
        password: None,
        from: "Sayembara <noreply@sayembara.test>".to_string(),
    }
}

async fn queued_mail_is_sent_over_smtp_and_retried_after_a_failure(backend: Backend) {
    // A database without a running application: no background worker to race with.
    let database = TestDatabase::new(backend).await;
    let db = server::db::connect_and_migrate(&database.url)
        .await
        .unwrap();
    let sink = SmtpSink::start().await;
    let transport = Transport::smtp(&smtp_settings(sink.port)).unwrap();
    let args = [
        ("name", "Rina"),
        ("link", "http://127.0.0.1/verifikasi?token=abc"),
    ];
    let id = enqueue(
        &db,
        "rina@salatiga.go.id",
        Lang::En,
        Key::MailVerifySubject,
        Key::MailVerifyBody,
        &args,
    )
    .await
    .unwrap();

    sink.refuse_next(1);
    assert_eq!(deliver_pending(&db, &transport, 10).await.unwrap(), 0);
    let row = mail_outbox::Entity::find_by_id(id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        row.state,
        MailState::Pending,
        "a refused mail waits for the next round"
    );
    assert_eq!(row.attempts, 1);
    assert!(
        row.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("451"),
        "{:?}",
        row.last_error
    );

    assert_eq!(deliver_pending(&db, &transport, 10).await.unwrap(), 1);
    let row = mail_outbox::Entity::find_by_id(id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.state, MailState::Sent);
    assert_eq!(row.attempts, 2);
    assert!(row.sent_at.is_some());

    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, vec!["rina@salatiga.go.id".to_string()]);
    assert!(
        received[0]
            .data
            .contains("Subject: Verify your email address on Sayembara"),
        "{}",
        received[0].data
    );
    assert!(received[0].data.contains("verifikasi?token=abc"));

    // Nothing is sent twice.
    assert_eq!(deliver_pending(&db, &transport, 10).await.unwrap(), 0);
    assert_eq!(sink.received().len(), 1);
}
both_databases!(
    smtp_delivery,
    queued_mail_is_sent_over_smtp_and_retried_after_a_failure
);

async fn the_worker_sends_the_verification_mail(backend: Backend) {
    let sink = SmtpSink::start().await;
    let database = TestDatabase::new(backend).await;
    let port = sink.port;
    let app = TestApp::spawn_with(database, |settings| {
        settings.smtp = Some(smtp_settings(port))
    })
    .await;
    app.sign_up(
        "Rina Wulandari",
        "rina@salatiga.go.id",
        "kopi tubruk pagi hari",
    )
    .await;
    let received = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 1, "the worker delivered the queued mail");
    assert!(received[0].data.contains("/verifikasi?token="));
    // Once delivered, the outbox keeps the mail without the link's secret.
    let mut kept = String::new();
    for _ in 0..50 {
        kept = app.last_mail_to("rina@salatiga.go.id").await.body;
        if kept.contains("token=[terkirim]") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(kept.contains("/verifikasi?token=[terkirim]"), "{kept}");
    let token = received[0].data.split("token=").nth(1).unwrap();
    assert!(
        !kept.contains(&token[..20]),
        "the token is gone from the outbox"
    );
}
both_databases!(smtp_worker, the_worker_sends_the_verification_mail);

async fn mail_interrupted_mid_send_is_sent_after_a_restart(backend: Backend) {
    let sink = SmtpSink::start().await;
    let database = TestDatabase::new(backend).await;
    let db = server::db::connect_and_migrate(&database.url)
        .await
        .unwrap();
    let id = enqueue(
        &db,
        "rina@salatiga.go.id",
        Lang::Id,
        Key::MailVerifySubject,
        Key::MailVerifyBody,
        &[],
    )
    .await
    .unwrap();
    // An instance claimed it and stopped before it could say how the send went.
    mail_outbox::Entity::update_many()
        .col_expr(
            mail_outbox::Column::State,
            sea_orm::sea_query::Expr::value(MailState::Sending),
        )
        .exec(&db)
        .await
        .unwrap();
    db.close().await.unwrap();

    let port = sink.port;
    let app = TestApp::spawn_with(database, |settings| {
        settings.smtp = Some(smtp_settings(port))
    })
    .await;
    assert_eq!(sink.wait_for(1, Duration::from_secs(10)).await.len(), 1);
    // The worker records the outcome just after the server accepted the mail.
    let mut state = None;
    for _ in 0..100 {
        let row = mail_outbox::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        state = Some(row.state);
        if state == Some(MailState::Sent) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(state, Some(MailState::Sent));
}
both_databases!(
    smtp_requeue,
    mail_interrupted_mid_send_is_sent_after_a_restart
);

//! One method per thing a person does, as the browser does it: the form posted from its
//! page (or the call the page's script makes). Tests call these instead of spelling out
//! the endpoint and its fields, so a form that changes is changed here once.
//!
//! A method returns what its callers look at: the `reqwest::Response` (for the status, the
//! redirect, [`TestApp::outcome`] or [`TestApp::follow`]), or, where every caller reads
//! the page the form leads to, that page as `(path, body)`.
use crate::demo::{option_id, REGISTER, SLUG};
use crate::TestApp;

/// The password every test account is made with.
pub const PASSWORD: &str = "kopi tubruk pagi hari";

impl TestApp {
    // Accounts.

    pub async fn sign_up(&self, name: &str, email: &str, password: &str) -> reqwest::Response {
        self.submit(
            "/daftar",
            "/api/sign_up",
            &[("name", name), ("email", email), ("password", password)],
        )
        .await
    }

    /// Opens, in this browser, the link in the newest mail to `email` (the verification
    /// link after a sign-up); its status and body.
    pub async fn verify_email(&self, email: &str) -> (u16, String) {
        let mail = self.last_mail_to(email).await;
        self.page(&self.link_in(&mail.body)).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.submit(
            "/masuk",
            "/api/sign_in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    pub async fn sign_out(&self) -> reqwest::Response {
        self.submit("/", "/api/sign_out", &[]).await
    }

    /// Signs up `email` (with [`PASSWORD`]), verifies it through the mailed link and signs
    /// in, in this browser.
    pub async fn signed_in(&self, name: &str, email: &str) {
        self.sign_up(name, email, PASSWORD).await;
        self.verify_email(email).await;
        let response = self.sign_in(email, PASSWORD).await;
        assert!(
            response.headers().get("set-cookie").is_some(),
            "{email} signed in"
        );
    }

    /// A new browser with a new account, verified and signed in.
    pub async fn person(&self, name: &str, email: &str) -> TestApp {
        let browser = self.new_browser();
        browser.signed_in(name, email).await;
        browser
    }

    /// A new browser signed in to a new account whose address was never verified.
    pub async fn unverified_person(&self, name: &str, email: &str) -> TestApp {
        let browser = self.new_browser();
        browser.sign_up(name, email, PASSWORD).await;
        let response = browser.sign_in(email, PASSWORD).await;
        assert_eq!(
            browser.location(&response),
            "/",
            "an unverified account may sign in"
        );
        browser
    }

    pub async fn request_password_reset(&self, email: &str) -> reqwest::Response {
        self.submit(
            "/lupa-sandi",
            "/api/request_password_reset",
            &[("email", email)],
        )
        .await
    }

    /// Sets a new password from the reset page the link in the mail opens.
    pub async fn reset_password(&self, reset_page: &str, password: &str) -> reqwest::Response {
        let token = reset_page
            .split("token=")
            .nth(1)
            .expect("a token in the link");
        self.submit(
            reset_page,
            "/api/reset_password",
            &[("token", token), ("password", password)],
        )
        .await
    }

    /// Saves the profile form.
    pub async fn update_profile(&self, name: &str, phone: &str, nip: &str) -> reqwest::Response {
        self.submit(
            "/profil",
            "/api/update_profile",
            &[("name", name), ("phone", phone), ("nip", nip)],
        )
        .await
    }

    /// Ticks (`true`) or unticks the reminders box on the profile and saves it.
    pub async fn set_reminders(&self, on: bool) -> reqwest::Response {
        let fields: &[(&str, &str)] = if on { &[("reminders", "1")] } else { &[] };
        self.submit("/profil", "/api/update_reminders", fields)
            .await
    }

    pub async fn choose_language(&self, code: &str, next: &str) -> reqwest::Response {
        self.get(&format!("/bahasa/{code}?next={next}")).await
    }

    // Organizations.

    /// Asks, from the profile, to join the organization with this id.
    pub async fn join_organization(&self, organization: i32) -> reqwest::Response {
        self.submit(
            "/profil",
            "/api/join_organization",
            &[("organization", &organization.to_string())],
        )
        .await
    }

    // Roles.

    /// Grants `role` (its code: `juror`, `mentor`, …) in the competition with this slug to
    /// the account with `email`, from its roles page.
    pub async fn grant_role(&self, slug: &str, email: &str, role: &str) -> reqwest::Response {
        self.submit(
            &format!("/kompetisi/{slug}/peran"),
            "/api/grant_role",
            &[("slug", slug), ("email", email), ("role", role)],
        )
        .await
    }

    /// Invites `email` by mail to `role` (its code: `juror`, `mentor`, …) in the competition
    /// with this slug, from its roles page.
    pub async fn invite_to_role(&self, slug: &str, email: &str, role: &str) -> reqwest::Response {
        self.submit(
            &format!("/kompetisi/{slug}/peran"),
            "/api/invite",
            &[
                ("slug", slug),
                ("invite_email", email),
                ("invite_role", role),
            ],
        )
        .await
    }

    // Teams (in the demo competition).

    /// Registers a team in the demo competition through its form, in its first category
    /// and group; the page the form leads to.
    pub async fn register_team(&self, name: &str, agency: &str, region: &str) -> (String, String) {
        let category = option_id(self, "category").await;
        let group = option_id(self, "group").await;
        let response = self
            .submit(
                REGISTER,
                "/api/register_team",
                &[
                    ("slug", SLUG),
                    ("name", name),
                    ("agency", agency),
                    ("region", region),
                    ("category", &category),
                    ("group", &group),
                ],
            )
            .await;
        self.follow(&response).await
    }

    /// Joins the team with this code (as typed) from the join page; the page it leads to.
    pub async fn join_team(&self, code: &str) -> (String, String) {
        let response = self
            .submit(
                &format!("/gabung?kode={code}"),
                "/api/join_team",
                &[("code", code)],
            )
            .await;
        self.follow(&response).await
    }

    /// The lead invites `email` to the team by mail, from the team's page.
    pub async fn invite_to_team(&self, team: i32, email: &str) -> reqwest::Response {
        self.submit(
            &format!("/tim/{team}"),
            "/api/invite_team_member",
            &[("team", &team.to_string()), ("invite_email", email)],
        )
        .await
    }

    /// The lead asks the mentor or partner with this user id to support the team.
    pub async fn ask_team_supporter(&self, team: i32, supporter: i32) -> reqwest::Response {
        self.submit(
            &format!("/tim/{team}"),
            "/api/ask_team_supporter",
            &[
                ("team", &team.to_string()),
                ("supporter", &supporter.to_string()),
            ],
        )
        .await
    }

    /// Answers (`accept`, `decline`) a request for support, from the teams page.
    pub async fn answer_team_supporter(&self, request: i32, answer: &str) -> reqwest::Response {
        self.submit(
            "/tim",
            "/api/answer_team_supporter",
            &[("request", &request.to_string()), ("answer", answer)],
        )
        .await
    }

    /// A mentor or partner offers to support the team, from the demo competition's
    /// looking-for-team page.
    pub async fn offer_team_support(&self, team: i32) -> reqwest::Response {
        self.submit(
            &format!("/kompetisi/{SLUG}/cari-tim"),
            "/api/offer_team_support",
            &[("team", &team.to_string())],
        )
        .await
    }

    /// The lead answers (`accept`, `decline`) an offer of support, from the team's page.
    pub async fn answer_support_offer(
        &self,
        team: i32,
        offer: i32,
        answer: &str,
    ) -> reqwest::Response {
        self.submit(
            &format!("/tim/{team}"),
            "/api/answer_team_supporter",
            &[("request", &offer.to_string()), ("answer", answer)],
        )
        .await
    }

    // Proposals.

    /// Posts the whole proposal form (JavaScript off) with these fields (`text[part]`,
    /// `base[part]`, `sdg[n]`, `started_on`, `meta_version`); the page it leads to.
    pub async fn save_proposal<K, V>(&self, team: i32, fields: &[(K, V)]) -> (String, String)
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let team_id = team.to_string();
        let mut all = vec![("team", team_id.as_str())];
        all.extend(fields.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
        let response = self
            .submit(&format!("/tim/{team}/proposal"), "/api/save_proposal", &all)
            .await;
        self.follow(&response).await
    }

    /// Saves one part the way the editor does while one types (JavaScript on), from the
    /// version `base`.
    pub async fn autosave_part(
        &self,
        team: i32,
        part: &str,
        base: i32,
        body: &str,
    ) -> reqwest::Response {
        let (team_id, base) = (team.to_string(), base.to_string());
        self.client
            .post(self.url("/api/autosave_part"))
            .header("accept", "application/json")
            .header("origin", &self.address)
            .header("referer", self.url(&format!("/tim/{team}/proposal")))
            .form(&[
                ("team", team_id.as_str()),
                ("part", part),
                ("base", base.as_str()),
                ("body", body),
            ])
            .send()
            .await
            .expect("autosave sent")
    }

    /// The lead submits the proposal; the page it leads to.
    pub async fn submit_proposal(&self, team: i32) -> (String, String) {
        let response = self
            .submit(
                &format!("/tim/{team}/proposal"),
                "/api/submit_proposal",
                &[("team", &team.to_string())],
            )
            .await;
        self.follow(&response).await
    }

    /// Uploads a file to the proposal's attachments; where the answer redirects to.
    pub async fn upload_attachment(&self, team: i32, name: &str, bytes: Vec<u8>) -> String {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
        let response = self
            .client
            .post(self.url(&format!("/tim/{team}/proposal/lampiran")))
            .header("origin", &self.address)
            .multipart(form)
            .send()
            .await
            .expect("upload sent");
        self.location(&response)
    }

    // Mentoring.

    /// Comments on a part of the proposal (a reply when `parent` is the thread's id); the
    /// page it leads to.
    pub async fn add_comment(
        &self,
        team: i32,
        part: &str,
        parent: Option<i32>,
        body: &str,
    ) -> (String, String) {
        let team_id = team.to_string();
        let parent = parent.map(|p| p.to_string());
        let mut fields = vec![("team", team_id.as_str()), ("part", part), ("body", body)];
        if let Some(parent) = &parent {
            fields.push(("parent", parent));
        }
        let response = self
            .submit(
                &format!("/tim/{team}/proposal"),
                "/api/add_comment",
                &fields,
            )
            .await;
        self.follow(&response).await
    }

    // Judging (on the demo competition).

    /// Decides (`eligible`, `ineligible`) a team's proposal from its eligibility page.
    pub async fn decide_eligibility(
        &self,
        team: i32,
        decision: &str,
        reason: &str,
    ) -> reqwest::Response {
        self.submit(
            &format!("/kelola/{SLUG}/peserta/{team}"),
            "/api/decide_eligibility",
            &[
                ("slug", SLUG),
                ("team", &team.to_string()),
                ("decision", decision),
                ("reason", reason),
            ],
        )
        .await
    }

    /// Closes administrative selection from the judging page; the page it leads to.
    pub async fn close_selection(&self) -> (String, String) {
        let response = self
            .submit(
                &format!("/kelola/{SLUG}/penilaian"),
                "/api/close_selection",
                &[("slug", SLUG)],
            )
            .await;
        self.follow(&response).await
    }

    /// Runs the assignment of desk evaluation; the page it leads to.
    pub async fn run_assignment(&self, k: &str, max_load: &str, seed: &str) -> (String, String) {
        self.run_assignment_in("desk_evaluation", k, max_load, seed)
            .await
    }

    /// Runs the assignment of a judged stage; the page it leads to.
    pub async fn run_assignment_in(
        &self,
        stage: &str,
        k: &str,
        max_load: &str,
        seed: &str,
    ) -> (String, String) {
        let response = self
            .submit(
                &format!("/kelola/{SLUG}/penilaian/{stage}"),
                "/api/run_assignment",
                &[
                    ("slug", SLUG),
                    ("stage", stage),
                    ("k", k),
                    ("max_load", max_load),
                    ("seed", seed),
                ],
            )
            .await;
        self.follow(&response).await
    }

    /// Assigns (`add_assignment`) or removes (`remove_assignment`) a juror on a desk
    /// evaluation entry by hand.
    pub async fn change_assignment(
        &self,
        action: &str,
        proposal: i32,
        juror: i32,
    ) -> reqwest::Response {
        self.submit(
            &format!("/kelola/{SLUG}/penilaian/desk_evaluation"),
            &format!("/api/{action}"),
            &[
                ("slug", SLUG),
                ("stage", "desk_evaluation"),
                ("proposal", &proposal.to_string()),
                ("juror", &juror.to_string()),
            ],
        )
        .await
    }

    /// An organizer adds (`added`) or lifts (`lifted`) a conflict; the page it leads to.
    pub async fn decide_conflict(
        &self,
        juror: i32,
        proposal: i32,
        kind: &str,
        reason: &str,
    ) -> (String, String) {
        let response = self
            .submit(
                &format!("/kelola/{SLUG}/konflik"),
                "/api/decide_conflict",
                &[
                    ("slug", SLUG),
                    ("juror", &juror.to_string()),
                    ("proposal", &proposal.to_string()),
                    ("kind", kind),
                    ("reason", reason),
                ],
            )
            .await;
        self.follow(&response).await
    }

    /// A juror declares a conflict with an entry; the response.
    pub async fn declare_conflict(&self, proposal: i32, reason: &str) -> reqwest::Response {
        self.submit(
            &format!("/penilaian/{SLUG}"),
            "/api/declare_conflict",
            &[
                ("slug", SLUG),
                ("proposal", &proposal.to_string()),
                ("reason", reason),
            ],
        )
        .await
    }

    /// A juror states the categories (option ids) they know; the page it leads to.
    pub async fn save_expertise(&self, categories: &[i32]) -> (String, String) {
        let names: Vec<String> = categories
            .iter()
            .map(|c| format!("expertise[{c}]"))
            .collect();
        let mut fields = vec![("slug", SLUG)];
        fields.extend(names.iter().map(|n| (n.as_str(), "on")));
        let response = self
            .submit(
                &format!("/penilaian/{SLUG}"),
                "/api/save_expertise",
                &fields,
            )
            .await;
        self.follow(&response).await
    }

    /// Saves (`draft`) or submits (`submit`) a score sheet: `scores` as (criterion id,
    /// typed value); the response.
    pub async fn score(
        &self,
        assignment: i32,
        version: i32,
        scores: &[(i32, &str)],
        comment_team: &str,
        intent: &str,
    ) -> reqwest::Response {
        let names: Vec<(String, String)> = scores
            .iter()
            .map(|(c, v)| (format!("score[{c}]"), v.to_string()))
            .collect();
        let assignment = assignment.to_string();
        let version = version.to_string();
        let mut fields = vec![
            ("slug", SLUG),
            ("assignment", assignment.as_str()),
            ("version", version.as_str()),
            ("comment_team", comment_team),
            ("comment_panel", "Catatan panel."),
            ("intent", intent),
        ];
        fields.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        self.submit(
            &format!("/penilaian/{SLUG}/nilai/{assignment}"),
            "/api/save_score_sheet",
            &fields,
        )
        .await
    }

    /// An organizer reopens a submitted sheet with a reason; the response.
    pub async fn reopen_sheet(&self, sheet: i32, reason: &str) -> reqwest::Response {
        self.submit(
            &format!("/kelola/{SLUG}/penilaian/desk_evaluation/hasil"),
            "/api/reopen_score_sheet",
            &[
                ("slug", SLUG),
                ("sheet", &sheet.to_string()),
                ("reason", reason),
            ],
        )
        .await
    }

    /// An organizer saves desk evaluation's judging settings; the page it leads to.
    pub async fn judging_settings(&self, fields: &[(&str, &str)]) -> (String, String) {
        let mut all = vec![("slug", SLUG), ("stage", "desk_evaluation")];
        all.extend_from_slice(fields);
        let response = self
            .submit(
                &format!("/kelola/{SLUG}/penilaian/desk_evaluation/hasil"),
                "/api/save_judging_settings",
                &all,
            )
            .await;
        self.follow(&response).await
    }

    /// Fixes the shortlist of `stage` (the preview's fields: `ke`, `jumlah`, `kuota1`, …);
    /// the page it leads to.
    pub async fn fix_shortlist(&self, stage: &str, ask: &[(&str, &str)]) -> (String, String) {
        let names: Vec<(String, String)> = ask
            .iter()
            .map(|(k, v)| (format!("ask[{k}]"), v.to_string()))
            .collect();
        let mut fields = vec![("slug", SLUG), ("stage", stage)];
        fields.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let response = self
            .submit(
                &format!("/kelola/{SLUG}/penilaian/{stage}/daftar-pendek"),
                "/api/fix_shortlist",
                &fields,
            )
            .await;
        self.follow(&response).await
    }

    /// Saves the presentation schedule of `stage`: (proposal, start, minutes, place).
    pub async fn save_schedule(
        &self,
        stage: &str,
        slots: &[(i32, &str, &str, &str)],
    ) -> (String, String) {
        let mut names: Vec<(String, String)> = Vec::new();
        for (id, start, minutes, place) in slots {
            names.push((format!("start[{id}]"), start.to_string()));
            names.push((format!("minutes[{id}]"), minutes.to_string()));
            names.push((format!("place[{id}]"), place.to_string()));
        }
        let mut fields = vec![("slug", SLUG), ("stage", stage)];
        fields.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let response = self
            .submit(
                &format!("/kelola/{SLUG}/penilaian/{stage}/jadwal"),
                "/api/save_schedule",
                &fields,
            )
            .await;
        self.follow(&response).await
    }

    /// Saves the stages' weights in the final ranking: (stage code, percent).
    pub async fn final_weights(&self, weights: &[(&str, &str)]) -> (String, String) {
        let names: Vec<(String, String)> = weights
            .iter()
            .map(|(k, v)| (format!("weight[{k}]"), v.to_string()))
            .collect();
        let mut fields = vec![("slug", SLUG)];
        fields.extend(names.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let response = self
            .submit(
                &format!("/kelola/{SLUG}/hasil-akhir"),
                "/api/save_final_weights",
                &fields,
            )
            .await;
        self.follow(&response).await
    }

    /// Freezes the final results; the response.
    pub async fn freeze_results(&self) -> reqwest::Response {
        self.submit(
            &format!("/kelola/{SLUG}/hasil-akhir"),
            "/api/freeze_results",
            &[("slug", SLUG)],
        )
        .await
    }

    /// Publishes the frozen results; the page it leads to.
    pub async fn publish_results(&self, runners_up: &str, honourable: &str) -> (String, String) {
        let response = self
            .submit(
                &format!("/kelola/{SLUG}/hasil-akhir"),
                "/api/publish_results",
                &[
                    ("slug", SLUG),
                    ("runners_up", runners_up),
                    ("honourable", honourable),
                ],
            )
            .await;
        self.follow(&response).await
    }
}

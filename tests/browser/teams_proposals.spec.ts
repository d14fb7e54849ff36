import { test, expect } from './fixtures';
import {
  asAdmin,
  expectNoAxeViolations,
  grantRole,
  lastMailTo,
  openSubmissionStage,
  registerTeam,
  signUpAndIn,
  verifyEmail,
  writeProposal,
} from './helpers';

test('a participant registers a team, a colleague joins from the mailed link, and the lead writes, attaches and submits the proposal', async ({ page, browser }, testInfo) => {
  // The whole journey, and a platform admin's step before it.
  test.slow();
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const lead = `ketua.${stamp}@salatiga.go.id`;
  const member = `anggota.${stamp}@salatiga.go.id`;
  const teamName = `Tim Peramban ${testInfo.project.name} ${Date.now() % 100000}`;
  // The demo's submission stage comes after registration; an admin starts it now.
  await asAdmin(browser, testInfo, 'proposals', openSubmissionStage);

  await signUpAndIn(page, 'Rina Ketua', lead);
  await page.goto('/kompetisi/kipp-daerah-2027');
  await page.getByRole('link', { name: 'Daftarkan tim' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Daftarkan tim untuk');
  await expectNoAxeViolations(page, js);

  // A mistake first: the agency must be registered; what was typed stays.
  await page.getByLabel('Nama tim').fill(teamName);
  await page.getByLabel('Instansi').fill('Dinas Yang Tidak Ada');
  await page.getByLabel('Kategori').selectOption({ label: 'Kesehatan' });
  await page.getByLabel('Kelompok').selectOption({ label: 'Umum' });
  await page.getByRole('button', { name: 'Daftarkan tim' }).click();
  await expect(page.getByRole('alert')).toContainText('Instansi ini belum terdaftar');
  await expect(page.getByLabel('Nama tim')).toHaveValue(teamName);
  await page.getByLabel('Instansi').fill('Pemerintah Kota Salatiga');
  await page.getByLabel('Kategori').selectOption({ label: 'Kesehatan' });
  await page.getByLabel('Kelompok').selectOption({ label: 'Umum' });
  await page.getByRole('button', { name: 'Daftarkan tim' }).click();
  await expect(page.getByText('Tim terdaftar.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(teamName);
  await expectNoAxeViolations(page, js);
  const teamUrl = page.url().split('?')[0];

  await page.getByLabel('Alamat email yang diundang').fill(member);
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  await expect(page.getByText('Undangan terkirim.')).toBeVisible();
  await expect(page.getByText(`${member} · belum bergabung`)).toBeVisible();

  const link = lastMailTo(member).match(/https?:\/\/\S+\/gabung\?kode=\S+/)?.[0];
  expect(link, 'a join link in the mail').toBeTruthy();
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const colleague = await context.newPage();
  // New to the site: from the mailed link to sign-up, the verification mail and sign-in,
  // and back at the team's door without searching for the mail again.
  const joinPath = new URL(link!).pathname + new URL(link!).search;
  await colleague.goto(joinPath);
  await colleague.getByRole('main').getByRole('link', { name: 'Daftar', exact: true }).click();
  await colleague.getByLabel('Nama lengkap').fill('Budi Anggota');
  await colleague.getByLabel('Alamat email').fill(member);
  await colleague.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await colleague.getByRole('button', { name: 'Buat akun' }).click();
  await expect(colleague).toHaveURL(/\/daftar\/periksa-email$/);
  await verifyEmail(colleague, member);
  await colleague.getByRole('link', { name: 'Masuk dan lanjutkan' }).click();
  await colleague.getByLabel('Alamat email').fill(member);
  await colleague.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await colleague.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(colleague).toHaveURL(new RegExp(`${joinPath.replace(/[?]/g, '\\?')}$`));
  await expect(colleague.getByRole('heading', { level: 1 })).toHaveText(`Bergabung dengan ${teamName}`);
  await expectNoAxeViolations(colleague, js);
  await colleague.getByRole('button', { name: 'Bergabung dengan tim' }).click();
  await expect(colleague.getByText('Anda bergabung dengan tim.')).toBeVisible();
  await expect(colleague.getByRole('list').filter({ hasText: 'Rina Ketua' })).toContainText('Budi Anggota');
  await context.close();

  // The lead writes the proposal.
  await page.goto(teamUrl);
  await page.getByRole('link', { name: 'Tulis proposal' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(teamName);
  await expectNoAxeViolations(page, js);

  // Sent empty: each problem in the summary names its section, and sits at the section.
  await page.getByRole('button', { name: 'Kirim proposal' }).click();
  await expect(page.locator('.error-summary')).toContainText('Latar belakang dan tujuan: Bagian ini wajib diisi sebelum dikirim');
  await expect(page.locator('#field-title-error')).toBeVisible();
  if (js) {
    // Saved as it is typed, the title drops the error of the empty submission; the status
    // line beside it says so.
    // Exact: each section's comment box is called "Komentar baru: <section>".
    await page.getByLabel('Judul inovasi', { exact: true }).fill('Adminduk');
    await expect(page.locator('#status-title')).toHaveText('Tersimpan otomatis.');
    await expect(page.locator('#field-title-error')).toHaveCount(0);
    await expect(page.locator('#field-summary-error')).toBeVisible();
  }
  await writeProposal(page, js, '2024-01-15');

  await page.getByLabel('Tambah lampiran').setInputFiles({
    name: 'profil-inovasi.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% Profil inovasi Adminduk Sekali Klik\n'),
  });
  await page.getByRole('button', { name: 'Unggah' }).click();
  await expect(page.getByText('Lampiran tersimpan.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'profil-inovasi.pdf' })).toBeVisible();
  await expectNoAxeViolations(page, js);

  await page.getByRole('button', { name: 'Kirim proposal' }).click();
  await expect(page.getByText('Proposal terkirim.')).toBeVisible();
  await expect(page.locator('#field-proposal')).toContainText('Terkirim');
  await expect(page.getByRole('button', { name: 'Tarik proposal' })).toBeVisible();
  await expectNoAxeViolations(page, js);
});

test('a mentor accepts a team, comments on its proposal, and the team reads the comment beside the part in its editor and replies there', async ({ page, browser }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const lead = `ketua2.${stamp}@salatiga.go.id`;
  const mentorEmail = `dosen.${stamp}@uksw.ac.id`;
  const teamName = `Tim Didampingi ${testInfo.project.name} ${Date.now() % 100000}`;
  const mentorName = `Dr. Wulan ${testInfo.project.name} ${Date.now() % 100000}`;

  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const mentor = await context.newPage();
  await signUpAndIn(mentor, mentorName, mentorEmail);
  // A platform admin makes them a mentor of the competition.
  await asAdmin(browser, testInfo, 'mentoring', (admin) => grantRole(admin, mentorEmail, 'mentor', 'Pendamping'));

  await signUpAndIn(page, 'Rina Ketua', lead);
  await registerTeam(page, teamName, 'Perizinan');
  await page.getByLabel('Minta pendampingan dari').selectOption({ label: `${mentorName} (Pendamping)` });
  await page.getByRole('button', { name: 'Kirim permintaan' }).click();
  await expect(page.getByText('Permintaan pendampingan terkirim.')).toBeVisible();
  const teamUrl = page.url().split('?')[0];

  await mentor.goto('/tim');
  await mentor.getByRole('button', { name: `Terima permintaan ${teamName}` }).click();
  await expect(mentor.getByText('Jawaban Anda tersimpan.')).toBeVisible();
  await expectNoAxeViolations(mentor, js);

  await mentor.goto(`${new URL(teamUrl).pathname}/proposal`);
  await expect(mentor.getByText('Proposal ini hanya dapat dibaca sekarang.')).toBeVisible();
  const titleComments = mentor.locator('section.comments').first();
  // One button per section opens its comment form; none is open before.
  await expect(mentor.locator('details.comment-open[open]')).toHaveCount(0);
  await titleComments.locator('summary', { hasText: 'Beri komentar' }).click();
  await titleComments.getByLabel('Komentar baru').fill('Judulnya perlu menyebut layanan yang dipercepat.');
  await titleComments.getByRole('button', { name: 'Kirim komentar' }).click();
  await expect(mentor.getByText('Komentar terkirim.')).toBeVisible();
  await expectNoAxeViolations(mentor, js);
  await context.close();

  await page.goto(`${new URL(teamUrl).pathname}/proposal`);
  // In the team's editor the comment sits beside its section, inside the editor (before
  // the save button), not in a list after the form.
  const titlePart = page.locator('.proposal-part', { has: page.locator('#field-title') });
  await expect(titlePart.getByText('Judulnya perlu menyebut layanan yang dipercepat.')).toBeVisible();
  await expect(page.locator('form', { has: page.locator('#field-title') })).toContainText('Judulnya perlu menyebut layanan yang dipercepat.');
  // Every section has its one "comment" button.
  await expect(page.locator('.proposal-part summary', { hasText: 'Beri komentar' })).toHaveCount(await page.locator('.proposal-part').count());
  // The section's comment count leads to its threads.
  await page.getByRole('link', { name: '1 komentar' }).click();
  await expect(page).toHaveURL(/#comments-title$/);
  await expect(titlePart.locator('#comments-title')).toBeVisible();
  await expectNoAxeViolations(page, js);

  // Replied to from there: the reply goes with the thread's own form, and typing it saves
  // nothing of the proposal (the autosave listens to the sections' texts only).
  await titlePart.locator('summary', { hasText: `Balas ${mentorName}` }).click();
  await titlePart.getByLabel(`Balas ${mentorName}`).fill('Terima kasih, kami ubah.');
  if (js) {
    // Longer than the autosave's pause after typing.
    await page.waitForTimeout(1_500);
    await expect(page.locator('.autosave-status:not(:empty)')).toHaveCount(0);
  }
  await titlePart.getByRole('button', { name: 'Kirim balasan' }).click();
  await expect(page.getByText('Komentar terkirim.')).toBeVisible();
  await expect(page).toHaveURL(/#comments-title$/);
  await expect(titlePart.getByText('Terima kasih, kami ubah.')).toBeVisible();
  await titlePart.getByRole('button', { name: 'Tandai selesai' }).click();
  await expect(page.getByText('Komentar ditandai selesai.')).toBeVisible();
  await expect(titlePart.getByRole('button', { name: 'Buka lagi' })).toBeVisible();
  // The editor still saves the proposal, comments and all.
  await page.getByLabel('Judul inovasi', { exact: true }).fill('Layanan Izin Sekali Klik');
  if (js) {
    // The autosave lands first, or the form would be sent with the base it replaced.
    await expect(page.locator('#status-title')).toHaveText('Tersimpan otomatis.');
  }
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByText('Draf tersimpan.')).toBeVisible();
  await expect(page.getByLabel('Judul inovasi', { exact: true })).toHaveValue('Layanan Izin Sekali Klik');
  await expect(titlePart.getByText('Terima kasih, kami ubah.')).toBeVisible();
  await expectNoAxeViolations(page, js);
});

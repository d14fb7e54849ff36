import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';

function summarize(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Fails the test with a readable list if axe-core finds any violation on the page.
 * axe-core is itself JavaScript, so on a page without JavaScript it checks the same URL in a
 * script-enabled context whose own scripts (/pkg/*.js, *.wasm) are blocked: the page exactly
 * as delivered before any script of ours runs.
 */
export async function expectNoAxeViolations(page: Page, jsEnabled: boolean) {
  if (jsEnabled) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(summarize(results.violations), 'accessibility violations').toEqual([]);
    return;
  }
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ javaScriptEnabled: true, locale: 'id-ID' });
  await context.addCookies(await page.context().cookies());
  await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  const staticPage = await context.newPage();
  await staticPage.goto(page.url());
  const results = await new AxeBuilder({ page: staticPage }).analyze();
  await context.close();
  expect(summarize(results.violations), 'accessibility violations').toEqual([]);
}

function python(script: string, ...args: string[]): string {
  const db = process.env.SAYEMBARA_TEST_DB;
  if (!db) throw new Error('SAYEMBARA_TEST_DB is not set (scripts/browser-tests.sh sets it)');
  return execFileSync('python3', ['-c', script, db, ...args]).toString();
}

/** The newest mail to `recipient`, read from the server's outbox (its SQLite file). */
export function lastMailTo(recipient: string): string {
  return python(
    'import sqlite3, sys\n' +
      'row = sqlite3.connect(sys.argv[1]).execute(' +
      '"select body from mail_outbox where recipient = ? order by id desc limit 1", (sys.argv[2],)).fetchone()\n' +
      'print(row[0] if row else "")',
    recipient,
  );
}

/** Opens the verification link mailed to `email`. */
export async function verifyEmail(page: Page, email: string) {
  const link = lastMailTo(email).match(/https?:\/\/\S+\/verifikasi\?token=\S+/)?.[0];
  expect(link, 'a verification link in the mail').toBeTruthy();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alamat email terverifikasi');
}

/** Sends the sign-up form. */
async function signUp(page: Page, name: string, email: string) {
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill(name);
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page).toHaveURL(/\/daftar\/periksa-email$/);
}

/** Creates an account through the sign-up form, verifies its address through the mailed
 * link (roles, teams and organizations wait for that) and signs in with it. */
export async function signUpAndIn(page: Page, name: string, email: string) {
  await signUp(page, name, email);
  await verifyEmail(page, email);
  await signIn(page, name, email);
}

/** Signs in through the sign-in form. */
export async function signIn(page: Page, name: string, email: string) {
  await page.goto('/masuk');
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByText(`Masuk sebagai ${name}`)).toBeVisible();
}

/**
 * The platform admin a test signs in as: one address per test (`key`) and project, since
 * the two projects run at once against one server. Admins are made the way production
 * makes them: scripts/browser-tests.sh starts the server with every such address in
 * SAYEMBARA_ADMIN_EMAILS, and the server promotes an address on that list once it is
 * verified. A new test that needs an admin adds its key there.
 */
export function adminAddress(key: string, project: string): string {
  const email = `admin.${key}.${project}@sayembara.go.id`;
  const listed = (process.env.SAYEMBARA_ADMIN_EMAILS ?? '').split(',').map((e) => e.trim());
  if (!listed.includes(email)) {
    throw new Error(`${email} is not in SAYEMBARA_ADMIN_EMAILS: add "${key}" to the admin keys in scripts/browser-tests.sh`);
  }
  return email;
}

/** Signs up, verifies and signs in as the test's platform admin (see `adminAddress`). */
export async function signInAsAdmin(page: Page, key: string, project: string): Promise<string> {
  const email = adminAddress(key, project);
  const name = `Admin ${key} ${project}`;
  await signUp(page, name, email);
  // A server still running from an earlier Playwright run knows the address already: its
  // answer is a warning mail without a link, and the account is an admin since that run.
  if (/\/verifikasi\?token=/.test(lastMailTo(email))) await verifyEmail(page, email);
  await signIn(page, name, email);
  return email;
}

/** Does `work` as the test's platform admin, in a browser context of its own. */
export async function asAdmin(browser: Browser, testInfo: TestInfo, key: string, work: (admin: Page) => Promise<void>) {
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.name === 'js', locale: 'id-ID' });
  try {
    const admin = await context.newPage();
    await signInAsAdmin(admin, key, testInfo.project.name);
    await work(admin);
  } finally {
    await context.close();
  }
}

/** A pattern matching `text` literally. */
function literally(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** Gives the account with `email` (verified already) `role` in the demo competition, from
 * its roles page; `label` is how the page names the role. */
export async function grantRole(admin: Page, email: string, role: 'organizer' | 'juror' | 'mentor' | 'partner', label: string) {
  await admin.goto('/kompetisi/kipp-daerah-2027/peran');
  await admin.getByLabel('Alamat email akun').fill(email);
  await admin.getByLabel('Peran', { exact: true }).selectOption(role);
  await admin.getByRole('button', { name: 'Beri peran' }).click();
  await expect(admin.getByRole('row', { name: literally(email) })).toContainText(label);
}

/**
 * Starts the demo competition's submission stage now, as its organizers may (the seed
 * dates it after registration). Both projects do it at once: the one that comes second
 * finds it running (or is told it can no longer be started), which is what both need.
 */
export async function openSubmissionStage(admin: Page) {
  await admin.goto('/kelola/kipp-daerah-2027');
  const start = admin.getByRole('button', { name: 'Mulai Pengumpulan proposal sekarang' });
  if (await start.count()) await start.click();
  const progress = admin.locator('#tahap + p + .table-scroll table');
  await expect(progress.getByRole('row', { name: /Pengumpulan proposal/ })).toContainText('Sedang berlangsung');
}

/** Registers a team in the demo competition with the form, in `category` and the group
 * "Umum"; the team's page is open afterwards. */
export async function registerTeam(page: Page, teamName: string, category: string) {
  await page.goto('/kompetisi/kipp-daerah-2027/daftar-tim');
  await page.getByLabel('Nama tim').fill(teamName);
  await page.getByLabel('Instansi').fill('Pemerintah Kota Salatiga');
  await page.getByLabel('Kategori').selectOption({ label: category });
  await page.getByLabel('Kelompok').selectOption({ label: 'Umum' });
  // Enter in a text field sends the form: a click could land where the agency field's
  // suggestion list (JavaScript on) has just moved the button from.
  await page.getByLabel('Nama tim').press('Enter');
  await expect(page.getByText('Tim terdaftar.')).toBeVisible();
}

/**
 * Fills in every part of the proposal open on `page` (title, summary, each section, one
 * goal, the day the innovation started) and saves the draft with the button. With
 * JavaScript on, the editor saves as one types; the autosaves land before the form is sent.
 */
export async function writeProposal(page: Page, js: boolean, startedOn: string) {
  await page.getByLabel('Judul inovasi', { exact: true }).fill('Adminduk Sekali Klik');
  if (js) {
    // Saved as one types: the part's own status line, beside it, says so and the page
    // keeps the new version.
    await expect(page.locator('#status-title')).toHaveText('Tersimpan otomatis.');
    await expect(page.locator('#status-title')).toHaveRole('status');
    await expect(page.locator('#base-title')).not.toHaveValue('0');
  }
  await page.getByLabel('Ringkasan satu paragraf (untuk galeri inovasi)', { exact: true }).fill('Warga mengurus dokumen kependudukan dari rumah.');
  const sections = page.locator('textarea[name^="text[section-"]');
  const count = await sections.count();
  expect(count).toBe(11);
  for (let i = 0; i < count; i++) {
    await sections.nth(i).fill(`Isi bagian ${i + 1}: layanan lebih cepat bagi warga.`);
  }
  await page.getByLabel('3. Kehidupan sehat dan sejahtera').check();
  await page.getByLabel('Tanggal inovasi mulai berjalan').fill(startedOn);
  if (js) {
    // Let the last autosaves land before the whole form is sent.
    await expect(page.locator(`#base-section-${(await sections.last().getAttribute('name'))!.match(/section-(\d+)/)![1]}`)).toHaveValue('1');
  }
  await page.getByRole('button', { name: 'Simpan draf' }).click();
  await expect(page.getByText('Draf tersimpan.')).toBeVisible();
  await expect(page.getByLabel('Judul inovasi', { exact: true })).toHaveValue('Adminduk Sekali Klik');
}

import { expect, type Page } from '@playwright/test';
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

/** Runs one SQL statement against the server's SQLite file (test fixtures only). */
export function sql(statement: string, ...params: string[]) {
  python('import sqlite3, sys\nc = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2], sys.argv[3:]); c.commit()', statement, ...params);
}

/** Opens the verification link mailed to `email`. */
export async function verifyEmail(page: Page, email: string) {
  const link = lastMailTo(email).match(/https?:\/\/\S+\/verifikasi\?token=\S+/)?.[0];
  expect(link, 'a verification link in the mail').toBeTruthy();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alamat email terverifikasi');
}

/** Creates an account through the sign-up form, verifies its address through the mailed
 * link (roles, teams and organizations wait for that) and signs in with it. */
export async function signUpAndIn(page: Page, name: string, email: string) {
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill(name);
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page).toHaveURL(/\/daftar\/periksa-email$/);
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

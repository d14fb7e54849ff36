import { test, expect } from './fixtures';
import { expectNoAxeViolations, signInAsAdmin } from './helpers';
import { execFileSync } from 'node:child_process';

/** The id of a team of the finished demo competition, read from the server's database. */
function teamId(name: string): string {
  const db = process.env.SAYEMBARA_TEST_DB;
  if (!db) throw new Error('SAYEMBARA_TEST_DB is not set (scripts/browser-tests.sh sets it)');
  return execFileSync('python3', [
    '-c',
    'import sqlite3, sys\nprint(sqlite3.connect(sys.argv[1]).execute("select id from team where name = ?", (sys.argv[2],)).fetchone()[0])',
    db,
    name,
  ])
    .toString()
    .trim();
}

test('anyone checks published results; the organizer reads how they were reached', async ({ page, browser }, testInfo) => {
  test.slow();
  const js = testInfo.project.name === 'js';

  // The public: the finished competition's ranking, awards and their check, signed out.
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const visitor = await context.newPage();
  await visitor.goto('/kompetisi/kipp-daerah-2025');
  await visitor.getByRole('link', { name: 'Hasil dan verifikasinya' }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(/^Hasil Kompetisi Inovasi/);
  await expect(visitor.getByRole('row', { name: /Juara 1/ })).toBeVisible();
  await expect(visitor.getByText('Hasil terverifikasi', { exact: false })).toBeVisible();
  await expectNoAxeViolations(visitor, js);
  // In English too.
  await visitor.getByRole('link', { name: 'English' }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(/^Results of /);
  await expect(visitor.getByText('Results verified', { exact: false })).toBeVisible();
  await expectNoAxeViolations(visitor, js);
  // Not the organizer's page.
  const refused = await visitor.goto('/kelola/kipp-daerah-2025/hasil-akhir');
  expect(refused?.status()).toBe(401);
  await context.close();

  // The organizer (a platform admin organizes every competition): the final ranking with
  // its weights, the frozen hash and the check; the desk's standings with the jurors'
  // charts; the shortlist that was fixed; a team's own breakdown.
  await signInAsAdmin(page, 'results', testInfo.project.name);
  await page.goto('/kelola/kipp-daerah-2025/hasil-akhir');
  await expect(page.getByText('Evaluasi proposal: 40%')).toBeVisible();
  await expect(page.getByText('Diumumkan oleh Panitia KIPP 2025', { exact: false })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Hasil terverifikasi' })).toBeVisible();
  await expectNoAxeViolations(page, js);
  await page.goto('/kelola/kipp-daerah-2025/penilaian/desk_evaluation/hasil');
  await expect(page.getByRole('img', { name: 'Sebaran total nilai setiap juri' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Kemurahan setiap juri/ })).toBeVisible();
  await expectNoAxeViolations(page, js);
  await page.getByRole('link', { name: 'Daftar pendek' }).click();
  await expect(page.getByText(/Ditetapkan oleh Panitia KIPP 2025/)).toBeVisible();
  await expectNoAxeViolations(page, js);
  await page.goto(`/tim/${teamId('Tim Akta Sehari Jadi')}/hasil`);
  await expect(page.getByRole('heading', { name: 'Komentar juri untuk tim' }).first()).toBeVisible();
  await expect(page.getByText('Data dampaknya meyakinkan', { exact: false }).first()).toBeVisible();
  await expect(page.getByText('Juri Demo')).toHaveCount(0);
  await expectNoAxeViolations(page, js);
});

import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { expectNoAxeViolations } from './helpers';

/** Runs one SQL statement against the server's SQLite file (test fixtures only). */
function sql(statement: string, ...params: string[]) {
  const db = process.env.SAYEMBARA_TEST_DB;
  if (!db) throw new Error('SAYEMBARA_TEST_DB is not set (scripts/browser-tests.sh sets it)');
  const script =
    'import sqlite3, sys\n' +
    'c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2], sys.argv[3:]); c.commit()';
  execFileSync('python3', ['-c', script, db, statement, ...params]);
}

async function signUpAndIn(page: import('@playwright/test').Page, name: string, email: string) {
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill(name);
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await page.goto('/masuk');
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByText(`Masuk sebagai ${name}`)).toBeVisible();
}

test('an admin reads the outbox and grants a role in a competition', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const mentor = `dosen.${stamp}@uksw.ac.id`;
  const admin = `admin.${stamp}@sayembara.go.id`;
  await signUpAndIn(page, 'Dosen UKSW', mentor);
  await page.getByRole('button', { name: 'Keluar' }).click();
  await signUpAndIn(page, 'Admin Sayembara', admin);
  sql('update user_account set is_admin = 1 where email = ?', admin);

  await page.goto('/admin/surat');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kotak keluar surel');
  await expect(page.getByRole('table')).toContainText(mentor);
  await expectNoAxeViolations(page, js);

  await page.goto('/kompetisi/kipp-daerah-2027/peran');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Peran dalam');
  await page.getByLabel('Alamat email akun').fill(mentor);
  await page.getByLabel('Peran').selectOption('mentor');
  await page.getByRole('button', { name: 'Beri peran' }).click();
  await expect(page.getByRole('table')).toContainText(mentor);
  await expect(page.getByRole('table')).toContainText('Pendamping');
  await expectNoAxeViolations(page, js);

  await page.getByRole('button', { name: /Cabut peran Pendamping dari Dosen UKSW/ }).click();
  await expect(page.getByText('Belum ada peran yang diberikan.')).toBeVisible();
});

test('people without the role are refused', async ({ page }, testInfo) => {
  const response = await page.goto('/admin/surat');
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Silakan masuk terlebih dahulu');
  await signUpAndIn(page, 'Warga Biasa', `warga.${testInfo.project.name}.${Date.now()}@pontianak.go.id`);
  const forbidden = await page.goto('/kompetisi/kipp-daerah-2027/peran');
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Akses ditolak');
  await expectNoAxeViolations(page, testInfo.project.name === 'js');
});

import { test, expect } from './fixtures';
import { expectNoAxeViolations, signInAsAdmin, signUpAndIn } from './helpers';

test('an admin reads the outbox and grants a role in a competition', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const mentor = `dosen.${stamp}@uksw.ac.id`;
  await signUpAndIn(page, 'Dosen UKSW', mentor);
  await page.getByRole('button', { name: 'Keluar' }).click();
  await signInAsAdmin(page, 'outbox', testInfo.project.name);

  await page.goto('/admin/surat');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kotak keluar surel');
  await expect(page.getByRole('table')).toContainText(mentor);
  await expectNoAxeViolations(page, js);

  await page.goto('/kompetisi/kipp-daerah-2027/peran');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Peran dalam');
  await page.getByLabel('Alamat email akun').fill(mentor);
  await page.getByLabel('Peran', { exact: true }).selectOption('mentor');
  await page.getByRole('button', { name: 'Beri peran' }).click();
  // Other tests share this server: look at this mentor's row only.
  const row = page.getByRole('row', { name: new RegExp(mentor.replace(/\./g, '\\.')) });
  await expect(row).toContainText('Pendamping');
  await expect(page.getByRole('status')).toHaveText('Peran diberikan.');
  await expectNoAxeViolations(page, js);

  await row.getByRole('button', { name: /Cabut peran Pendamping/ }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('Peran dicabut.');
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

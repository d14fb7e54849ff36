import { test, expect } from './fixtures';
import { expectNoAxeViolations, signIn, signInAsAdmin } from './helpers';

test('an admin adds an organization with its region and edits it', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const name = `Dinas Perpustakaan Kota Salatiga ${stamp}`;
  await signInAsAdmin(page, 'organizations', testInfo.project.name);

  await page.goto('/admin/organisasi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisasi');
  await expectNoAxeViolations(page, js);

  // A mistake first: the region is not in the official list.
  await page.getByLabel('Nama organisasi', { exact: true }).fill(name);
  await page.getByLabel('Jenis').selectOption('agency_unit');
  await page.getByLabel('Wilayah').fill('Salatiga Raya');
  await page.getByRole('button', { name: 'Tambah organisasi' }).click();
  await expect(page.getByRole('alert')).toContainText('Wilayah itu tidak ada dalam daftar resmi');
  await expect(page.getByLabel('Nama organisasi', { exact: true })).toHaveValue(name);
  await expect(page.getByLabel('Jenis')).toHaveValue('agency_unit');
  await expectNoAxeViolations(page, js);

  await page.getByLabel('Wilayah').fill('Kota Salatiga, Jawa Tengah');
  await page.getByRole('button', { name: 'Tambah organisasi' }).click();
  await expect(page.getByText('Organisasi tersimpan.')).toBeVisible();

  await page.getByLabel('Cari nama organisasi').fill(`perpustakaan ${stamp}`);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  const row = page.getByRole('row', { name: new RegExp(stamp.replace(/\./g, '\\.')) });
  await expect(row).toContainText('Kota Salatiga, Jawa Tengah');
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ubah');
  await expect(page.getByLabel('Wilayah')).toHaveValue('Kota Salatiga, Jawa Tengah');
  await expectNoAxeViolations(page, js);
  await page.getByRole('button', { name: 'Hapus organisasi' }).click();
  await expect(page.getByText('Organisasi dihapus.')).toBeVisible();
});

test('a newcomer names their agency at sign-up and manages organizations in the profile', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const email = `sari.${testInfo.project.name}.${Date.now()}@pontianak.go.id`;
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill('Sari Pontianak');
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  const field = page.getByLabel('Instansi atau organisasi (opsional)');
  if (js) {
    // With JavaScript, suggestions appear while typing and fill the field in. Keystrokes
    // made before the island has hydrated reach no script: on a loaded machine the page
    // can take a while, so typing is tried again until it is listened to.
    const suggestion = page.getByRole('button', { name: /Dinas Kesehatan Kota Pontianak/ });
    await expect(async () => {
      await field.fill('');
      await field.pressSequentially('kesehatan ponti');
      await expect(suggestion).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await expectNoAxeViolations(page, js);
    await suggestion.click();
    await expect(field).toHaveValue('Dinas Kesehatan Kota Pontianak');
  } else {
    await field.fill('dinas kesehatan kota pontianak');
  }
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page).toHaveURL(/\/daftar\/periksa-email$/);

  await signIn(page, 'Sari Pontianak', email);
  await page.goto('/profil');
  const mine = page.getByRole('region', { name: 'Organisasi Anda' });
  await expect(mine).toContainText('Dinas Kesehatan Kota Pontianak');

  await page.getByLabel('Cari organisasi Anda').fill('universitas');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.getByText('2 organisasi cocok')).toBeVisible();
  await expectNoAxeViolations(page, js);
  await page.getByRole('button', { name: 'Minta bergabung dengan Universitas Tanjungpura' }).click();
  await expect(page.getByText('Daftar organisasi Anda tersimpan.')).toBeVisible();
  await expect(mine).toContainText('Universitas Tanjungpura');
  await page.getByRole('button', { name: 'Tinggalkan keanggotaan di Dinas Kesehatan Kota Pontianak' }).click();
  await expect(mine).not.toContainText('Dinas Kesehatan Kota Pontianak');
});

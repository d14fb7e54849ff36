import { test, expect } from './fixtures';
import { expectNoAxeViolations, signInAsAdmin } from './helpers';

test('an organizer creates, sets up and publishes a competition', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}-${Date.now()}`;
  const slug = `hackathon-${stamp}`;
  const title = `Hackathon Data ${stamp}`;
  await signInAsAdmin(page, 'setup', testInfo.project.name);

  await page.goto('/kelola');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kompetisi yang Anda kelola');
  await expectNoAxeViolations(page, js);
  await page.getByLabel('Judul (Bahasa Indonesia)').fill(title);
  await page.getByLabel('Judul (bahasa Inggris)').fill(`Data Hackathon ${stamp}`);
  await page.getByLabel('Alamat halaman').fill(slug);
  await page.getByLabel('Jenis kompetisi').selectOption('hackathon');
  await page.getByRole('button', { name: 'Buat draf' }).click();
  await expect(page).toHaveURL(new RegExp(`/kelola/${slug}\\?tersimpan=dibuat`));
  await expect(page.getByRole('status')).toContainText('Draf kompetisi dibuat');
  await expectNoAxeViolations(page, js);

  // Publishing too early lists what is missing.
  await page.getByRole('button', { name: 'Terbitkan kompetisi' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Deskripsi wajib diisi sebelum terbit');

  await page.getByLabel('Ringkasan (Bahasa Indonesia)').fill('Dua hari membangun layanan dari data terbuka.');
  await page.getByLabel('Ringkasan (bahasa Inggris)').fill('Two days building services on open data.');
  await page.getByLabel('Deskripsi (Bahasa Indonesia)').fill('Tim ASN membangun purwarupa.');
  await page.getByLabel('Deskripsi (bahasa Inggris)').fill('Civil-servant teams build prototypes.');
  // Categories are rows: a name in each language, a place; empty rows add more.
  const firstCategory = page.getByRole('group', { name: 'Kategori 1 (baru)' });
  await firstCategory.getByLabel('Nama (Bahasa Indonesia)').fill('Kesehatan');
  await firstCategory.getByLabel('Nama (bahasa Inggris)').fill('Health');
  await page.getByRole('group', { name: 'Kategori 2 (baru)' }).getByLabel('Nama (Bahasa Indonesia)').fill('Perizinan');
  await page.getByRole('button', { name: 'Simpan rincian' }).click();
  await expect(page.getByRole('status')).toContainText('Rincian kompetisi tersimpan.');
  await expect(page.getByRole('group', { name: 'Kategori 1', exact: true }).getByLabel('Nama (bahasa Inggris)')).toHaveValue('Health');
  await expect(page.getByRole('group', { name: 'Kategori 2', exact: true }).getByLabel('Nama (bahasa Inggris)')).toHaveValue('Perizinan');
  await expect(page.getByRole('group', { name: 'Kategori 3 (baru)' })).toBeVisible();

  // A rubric is rows too; the stage's total weight follows the typing (with JavaScript)
  // and the server checks it adds up to 100.
  const desk = page.getByRole('group', { name: 'Rubrik Evaluasi proposal' });
  const criterion = async (n: number, name: string, weight: string, low: string, high: string) => {
    const row = desk.getByRole('group', { name: `Kriteria ${n} (baru)` });
    await row.getByLabel('Nama (Bahasa Indonesia)').fill(name);
    await row.getByLabel('Bobot (%)').fill(weight);
    await row.getByLabel('Nilai terendah').fill(low);
    await row.getByLabel('Nilai tertinggi').fill(high);
  };
  await criterion(1, 'Kebaruan', '60', '1', '10');
  await criterion(2, 'Dampak', '30', '1', '5');
  if (js) await expect(desk.locator('.weight-total')).toContainText('Jumlah bobot: 90%');
  await page.getByRole('button', { name: 'Simpan rubrik' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Rubrik Evaluasi proposal: Bobot kriteria tahap ini harus berjumlah 100');
  await expect(desk.locator('.weight-total')).toContainText('Jumlah bobot: 90%');
  await expect(desk.getByRole('group', { name: 'Kriteria 2 (baru)' }).getByLabel('Nama (Bahasa Indonesia)')).toHaveValue('Dampak');
  await desk.getByRole('group', { name: 'Kriteria 2 (baru)' }).getByLabel('Bobot (%)').fill('40');
  if (js) await expect(desk.locator('.weight-total')).toContainText('Jumlah bobot: 100%');
  await page.getByRole('button', { name: 'Simpan rubrik' }).click();
  await expect(page.getByRole('status')).toContainText('Rubrik tersimpan.');
  await expect(desk.getByRole('group', { name: 'Kriteria 2', exact: true }).getByLabel('Bobot (%)')).toHaveValue('40');
  await expectNoAxeViolations(page, js);

  await page.getByLabel('Mulai Pendaftaran').fill('2030-02-01T08:00');
  await page.getByLabel('Selesai Pendaftaran').fill('2030-02-28T23:59');
  await page.getByLabel('Mulai Pengumpulan proposal').fill('2030-03-01T00:00');
  await page.getByLabel('Selesai Pengumpulan proposal').fill('2030-03-02T18:00');
  await page.getByLabel('Mulai Pengumuman hasil').fill('2030-03-03T10:00');
  await page.getByLabel('Selesai Pengumuman hasil').fill('2030-03-03T12:00');
  await page.getByRole('button', { name: 'Simpan jadwal' }).click();
  await expect(page.getByRole('status')).toContainText('Jadwal tersimpan.');
  await expect(page.getByLabel('Selesai Pendaftaran')).toHaveValue('2030-02-28T23:59');
  await expectNoAxeViolations(page, js);

  await page.getByRole('button', { name: 'Terbitkan kompetisi' }).click();
  await expect(page.getByRole('status')).toContainText('Kompetisi telah terbit');
  await page.getByRole('link', { name: 'Lihat halaman publik' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('row', { name: /Pengumpulan proposal/ })).toBeVisible();
  await expectNoAxeViolations(page, js);
});

import { test, expect } from './fixtures';
import { expectNoAxeViolations, grantRole, signInAsAdmin, signUpAndIn } from './helpers';

test('organizers and jurors find their way through judging, on a phone too', async ({ page, browser }, testInfo) => {
  test.slow();
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const jurorEmail = `juri.penilaian.${stamp}@untan.ac.id`;

  // The juror has an account first; a platform admin (an organizer of every competition)
  // makes them a juror.
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const juror = await context.newPage();
  await signUpAndIn(juror, 'Juri Penilaian', jurorEmail);
  await signInAsAdmin(page, 'judging', testInfo.project.name);
  await grantRole(page, jurorEmail, 'juror', 'Juri');

  // The organizer's judging pages: selection's counts, each stage, the record.
  await page.goto('/kelola/kipp-daerah-2027/penilaian');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Penilaian /);
  await expect(page.getByRole('heading', { name: 'Seleksi administrasi' })).toBeVisible();
  await expect(page.getByText(/Catatan utuh/)).toBeVisible();
  await expectNoAxeViolations(page, js);
  // The whole record, filtered by kind with a plain form.
  await page.getByRole('link', { name: 'Seluruh catatan, dengan saringan dan CSV' }).click();
  await page.getByLabel('Apa').selectOption({ label: 'Juri diingatkan' });
  await page.getByRole('button', { name: 'Tampilkan' }).click();
  await expect(page).toHaveURL(/jenis=jurors_reminded/);
  await expectNoAxeViolations(page, js);
  await page.goto('/kelola/kipp-daerah-2027/penilaian');
  await page.getByRole('link', { name: 'Evaluasi proposal' }).click();
  await expect(page.getByRole('heading', { name: 'Penugasan otomatis' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Juri Penilaian/ }).first()).toBeVisible();
  await expectNoAxeViolations(page, js);
  // Junk is answered at its field, and what was typed stays.
  await page.getByLabel('Juri per proposal').fill('0');
  await page.getByRole('button', { name: 'Jalankan penugasan' }).click();
  await expect(page.getByRole('alert')).toContainText('Masukkan bilangan bulat');
  await expect(page.getByLabel('Juri per proposal')).toHaveValue('0');
  await page.getByRole('link', { name: 'Pengaturan, nilai, dan peringkat tahap ini' }).click();
  await expect(page.getByRole('heading', { name: 'Pengaturan penilaian' })).toBeVisible();
  await expectNoAxeViolations(page, js);
  await page.goto('/kelola/kipp-daerah-2027/konflik');
  await expect(page.getByRole('heading', { name: 'Tambah atau cabut konflik' })).toBeVisible();
  await page.getByRole('button', { name: 'Simpan keputusan' }).click();
  await expect(page.getByRole('alert')).toContainText('Tulis alasannya.');
  await expectNoAxeViolations(page, js);

  // The juror's own desk: their competitions, the categories they know.
  await juror.goto('/penilaian');
  await juror.getByRole('link', { name: /Kompetisi Inovasi Pelayanan Publik Daerah 2027/ }).click();
  await expect(juror.getByRole('heading', { name: 'Proposal yang Anda nilai' })).toBeVisible();
  await juror.getByLabel('Kesehatan').check();
  await juror.getByRole('button', { name: 'Simpan keahlian' }).click();
  await expect(juror.getByText('Keahlian disimpan.')).toBeVisible();
  await expect(juror.getByLabel('Kesehatan')).toBeChecked();
  await expectNoAxeViolations(juror, js);
  // Not the organizer's pages.
  const response = await juror.goto('/kelola/kipp-daerah-2027/penilaian');
  expect(response?.status()).toBe(403);
  await context.close();
});

import { test, expect } from './fixtures';
import { expectNoAxeViolations, lastMailTo, signIn, signUpAndIn } from './helpers';

test('a newcomer signs up, verifies by the emailed link, signs in and out', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const email = `rina.${testInfo.project.name}.${Date.now()}@salatiga.go.id`;

  await page.goto('/');
  await page.getByRole('link', { name: 'Daftar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buat akun');
  await expectNoAxeViolations(page, js);

  await page.getByLabel('Nama lengkap').fill('Rina Wulandari');
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page).toHaveURL(/\/daftar\/periksa-email$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Periksa email Anda');
  await expectNoAxeViolations(page, js);

  const body = lastMailTo(email);
  const link = body.match(/https?:\/\/\S+\/verifikasi\?token=\S+/)?.[0];
  expect(link, 'a verification link in the mail').toBeTruthy();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alamat email terverifikasi');
  await expectNoAxeViolations(page, js);

  await page.getByRole('main').getByRole('link', { name: 'Masuk' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Masuk ke Sayembara');
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByText('Masuk sebagai Rina Wulandari')).toBeVisible();
  await expectNoAxeViolations(page, js);

  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page.getByText('Masuk sebagai Rina Wulandari')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Masuk' })).toBeVisible();
});

test('sign-up problems: the browser catches the common ones, the server answers the rest with the form and the password kept', async ({ page }, testInfo) => {
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill('Budi Santoso');
  await page.getByLabel('Alamat email').fill('budi@pontianak');
  const password = page.getByLabel('Kata sandi');
  await password.fill('pendek');
  // Too short by the server's own rule (minlength): the browser keeps the form, nothing is sent.
  await page.getByRole('button', { name: 'Buat akun' }).click();
  expect(await password.evaluate((el) => (el as HTMLInputElement).validity.tooShort)).toBe(true);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Nama lengkap')).toHaveValue('Budi Santoso');

  // An address only the server refuses: the answer is the form itself, password and all.
  await password.fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Ada masalah');
  await expect(summary.getByRole('link')).toHaveCount(1);
  await expect(page).toHaveURL(/\/daftar$/);
  expect(page.url()).not.toContain('kopi');
  await expect(page.getByLabel('Nama lengkap')).toHaveValue('Budi Santoso');
  await expect(page.getByLabel('Alamat email')).toHaveValue('budi@pontianak');
  await expect(page.getByLabel('Alamat email')).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveValue('kopi tubruk pagi hari');
  await summary.getByRole('link', { name: /Masukkan alamat email dengan format yang benar/ }).click();
  await expect(page).toHaveURL(/#field-email$/);
  await expectNoAxeViolations(page, testInfo.project.name === 'js');
});

test('an unknown organization at sign-up: the server offers the close names to pick, without JavaScript too', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const email = `rina.dukcapil.${testInfo.project.name}.${Date.now()}@salatiga.go.id`;
  const dukcapil = 'Dinas Kependudukan dan Pencatatan Sipil Kota Salatiga';
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill('Rina Dukcapil');
  await page.getByLabel('Alamat email').fill(email);
  const password = page.getByLabel('Kata sandi');
  await password.fill('kopi tubruk pagi hari');
  const field = page.getByLabel('Instansi atau organisasi (opsional)');

  // Nothing registered is like it: the message does not say to pick anything.
  await field.fill('Dinas Rahasia Negara');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page.getByRole('alert')).toContainText('Belum ada organisasi terdaftar dengan nama itu atau nama yang mirip');
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(password).toHaveValue('kopi tubruk pagi hari');

  // An abbreviation: the registered names it stands for are offered as radio buttons.
  await field.fill('Dukcapil Salatiga');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page.getByRole('alert')).toContainText('Pilih salah satu nama terdaftar yang mirip');
  const offered = page.getByRole('group', { name: 'Nama terdaftar yang mirip dengan "Dukcapil Salatiga"' });
  await expect(offered).toBeVisible();
  await expect(offered.getByRole('radio', { name: 'Bukan salah satunya: pakai yang tertulis di isian' })).toBeChecked();
  await expect(field).toHaveValue('Dukcapil Salatiga');
  await expect(password).toHaveValue('kopi tubruk pagi hari');
  expect(page.url()).not.toContain('kopi');
  await expectNoAxeViolations(page, js);

  await offered.getByRole('radio', { name: dukcapil }).check();
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page).toHaveURL(/\/daftar\/periksa-email$/);

  await signIn(page, 'Rina Dukcapil', email);
  await page.goto('/profil');
  await expect(page.getByRole('region', { name: 'Organisasi Anda' })).toContainText(dukcapil);
});

test('a forgotten password is reset through the emailed link', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const email = `budi.${testInfo.project.name}.${Date.now()}@pontianak.go.id`;
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').fill('Budi Santoso');
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await page.getByRole('button', { name: 'Buat akun' }).click();
  await expect(page).toHaveURL(/\/daftar\/periksa-email$/);

  await page.goto('/masuk');
  await page.getByRole('link', { name: 'Lupa kata sandi?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Atur ulang kata sandi');
  await expectNoAxeViolations(page, js);
  await page.getByLabel('Alamat email').fill(email);
  await page.getByRole('button', { name: 'Kirim tautan' }).click();
  await expect(page).toHaveURL(/\/lupa-sandi\/terkirim$/);

  const link = lastMailTo(email).match(/https?:\/\/\S+\/atur-ulang-sandi\?token=\S+/)?.[0];
  expect(link, 'a reset link in the mail').toBeTruthy();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buat kata sandi baru');
  await expectNoAxeViolations(page, js);
  await page.getByLabel('Kata sandi baru').fill('nasi goreng kampung');
  await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kata sandi telah diganti');

  await page.goto('/masuk');
  await page.getByLabel('Alamat email').fill(email);
  await page.getByLabel('Kata sandi').fill('nasi goreng kampung');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByText('Masuk sebagai Budi Santoso')).toBeVisible();
});

test('a signed-in person keeps their profile up to date', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const email = `sari.${testInfo.project.name}.${Date.now()}@marelan.go.id`;
  await signUpAndIn(page, 'Sari Lubis', email);

  await page.getByRole('link', { name: 'Profil' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profil Anda');
  await expect(page.getByLabel('Nama lengkap')).toHaveValue('Sari Lubis');
  await expectNoAxeViolations(page, js);

  await page.getByLabel('NIP (opsional, untuk ASN)').fill('123');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByRole('alert')).toContainText('NIP terdiri dari 18 angka');
  await expectNoAxeViolations(page, js);

  await page.getByLabel('NIP (opsional, untuk ASN)').fill('198503122010011004');
  await page.getByLabel('Nomor telepon (opsional)').fill('+62 812 3456 7890');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByRole('status')).toHaveText('Profil tersimpan.');
  await expect(page.getByLabel('Nomor telepon (opsional)')).toHaveValue('+62 812 3456 7890');
});

test('signing in through the OAuth2 provider', async ({ page }, testInfo) => {
  await page.goto('/masuk');
  const sso = page.getByRole('link', { name: 'Masuk dengan SSO Uji' });
  await expect(sso).toBeVisible();
  await expectNoAxeViolations(page, testInfo.project.name === 'js');
  await sso.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Masuk sebagai Andi Pratama')).toBeVisible();
});

import { test, expect } from './fixtures';
import { expectNoAxeViolations, signInAsAdmin, signUpAndIn } from './helpers';

test('an organization admin approves a person who asked to join, confirming the NIP', async ({ page, browser }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const boss = `ortala.${stamp}@salatiga.go.id`;
  const rina = `rina.${stamp}@salatiga.go.id`;
  // The two projects run at once against one server: names and NIPs of their own.
  const name = `Rina ${testInfo.project.name}`;
  const nip = js ? '198503122010011004' : '199001012015032002';

  // Rina names her NIP and asks to join the city government.
  await signUpAndIn(page, name, rina);
  await page.goto('/profil');
  await page.getByLabel('NIP').fill(nip);
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await page.getByLabel('Cari organisasi Anda').fill('pemerintah kota salatiga');
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.getByRole('button', { name: /Pemerintah Kota Salatiga/ }).click();
  const mine = page.getByRole('region', { name: 'Organisasi Anda' });
  await expect(mine).toContainText('Menunggu konfirmasi organisasi');
  await expectNoAxeViolations(page, js);

  // A platform admin names the city's admin on the members page.
  const adminContext = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin, 'members', testInfo.project.name);
  const bossContext = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const bossPage = await bossContext.newPage();
  await signUpAndIn(bossPage, `Kepala ${testInfo.project.name}`, boss);
  await admin.goto('/admin/organisasi?q=pemerintah+kota+salatiga');
  await admin.getByRole('row', { name: /Pemerintah Kota Salatiga/ }).getByRole('link').first().click();
  await admin.getByRole('link', { name: /Kelola anggota/ }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Anggota Pemerintah Kota Salatiga');
  await admin.getByLabel('Alamat email').last().fill(boss);
  await admin.getByRole('button', { name: 'Tetapkan sebagai admin' }).click();
  await expect(admin.getByText('Hak admin diperbarui.')).toBeVisible();
  await adminContext.close();

  // The city's admin finds the page from the profile, reads the request and approves it.
  await bossPage.goto('/profil');
  await bossPage.getByRole('link', { name: 'Kelola anggota Pemerintah Kota Salatiga' }).click();
  await expect(bossPage.getByText(`${nip} (belum dikonfirmasi)`)).toBeVisible();
  await expectNoAxeViolations(bossPage, js);
  await bossPage.getByRole('button', { name: `Setujui ${name}, termasuk NIP yang tertera` }).click();
  await expect(bossPage.getByText('Permintaan disetujui.')).toBeVisible();
  await expect(bossPage.getByText(`${nip} (dikonfirmasi)`)).toBeVisible();
  await expect(bossPage.getByRole('table', { name: 'Riwayat perubahan' })).toContainText(name);
  await expectNoAxeViolations(bossPage, js);
  await bossContext.close();

  await page.goto('/profil');
  await expect(mine).toContainText('Dikonfirmasi organisasi');
});

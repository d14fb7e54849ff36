import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, lastMailTo, signUpAndIn, sql } from './helpers';

test('an organizer invites a juror by email, who creates an account from the link', async ({ page, browser }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const organizer = `panitia.${stamp}@menpan.go.id`;
  const juror = `juri.${stamp}@ugm.ac.id`;
  await signUpAndIn(page, 'Panitia KIPP', organizer);
  sql(
    "insert into competition_role (competition_id, user_id, role, granted_at) " +
      "select c.id, u.id, 'organizer', '2026-11-23T00:00:00Z' from competition c, user_account u " +
      "where c.slug = 'kipp-daerah-2027' and u.email = ?",
    organizer,
  );

  await page.goto('/kompetisi/kipp-daerah-2027/peran');
  await page.getByLabel('Alamat email yang diundang').fill(juror);
  await page.getByLabel('Peran yang ditawarkan').selectOption('juror');
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  await expect(page.getByText('Undangan terkirim.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(juror.replace(/\./g, '\\.')) })).toContainText('Juri');
  await expectNoAxeViolations(page, js);

  const link = lastMailTo(juror).match(/https?:\/\/\S+\/undangan\?token=\S+/)?.[0];
  expect(link, 'an invitation link in the mail').toBeTruthy();
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const invitee = await context.newPage();
  await invitee.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(invitee.getByRole('heading', { level: 1 })).toContainText('Undangan menjadi Juri');
  await expectNoAxeViolations(invitee, js);
  await invitee.getByLabel('Nama lengkap').fill('Dr. Sekar Ayu');
  await invitee.getByLabel('Kata sandi').fill('kopi tubruk pagi hari');
  await invitee.getByRole('button', { name: 'Buat akun dan terima' }).click();
  await expect(invitee).toHaveURL(/\/kompetisi\/kipp-daerah-2027\?peran=diterima$/);
  await expect(invitee.getByText('Masuk sebagai Dr. Sekar Ayu')).toBeVisible();
  await expect(invitee.getByRole('status')).toContainText('Undangan diterima.');
  await expectNoAxeViolations(invitee, js);
  await context.close();

  await page.reload();
  await expect(page.getByRole('table').first()).toContainText(juror);
});

import { test, expect } from './fixtures';
import { asAdmin, expectNoAxeViolations, grantRole, lastMailTo, signUpAndIn } from './helpers';

test('an organizer invites a juror by email, who creates an account from the link', async ({ page, browser }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const organizer = `panitia.${stamp}@menpan.go.id`;
  const juror = `juri.${stamp}@ugm.ac.id`;
  await signUpAndIn(page, 'Panitia KIPP', organizer);
  // A platform admin makes them an organizer of the competition.
  await asAdmin(browser, testInfo, 'invitations', (admin) => grantRole(admin, organizer, 'organizer', 'Penyelenggara'));

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

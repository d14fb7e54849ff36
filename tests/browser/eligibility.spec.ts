import { test, expect } from './fixtures';
import {
  expectNoAxeViolations,
  openSubmissionStage,
  registerTeam,
  signInAsAdmin,
  signUpAndIn,
  writeProposal,
} from './helpers';

/** The first day of the month two months back (UTC): an innovation started then has run
 * two whole months today, whatever today's date. */
function twoMonthsAgo(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
}

test('an organizer reads why a proposal is flagged and decides, on the record', async ({ page, browser }, testInfo) => {
  // A team writes and submits a whole proposal first.
  test.slow();
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const teamName = `Tim Posyandu ${testInfo.project.name} ${Date.now() % 100000}`;
  const reason = `Inovasi baru berjalan dua bulan (${stamp}).`;

  // A platform admin (who organizes every competition) opens the submission stage and asks
  // for twelve months of running.
  await signInAsAdmin(page, 'eligibility', testInfo.project.name);
  await openSubmissionStage(page);
  await page.getByLabel('Lama inovasi berjalan, paling sedikit (bulan)').fill('12');
  await page.getByRole('button', { name: 'Simpan ketentuan peserta' }).click();
  await expect(page.getByText('Ketentuan peserta tersimpan.')).toBeVisible();

  // A team submits a proposal whose innovation started two months ago.
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const lead = await context.newPage();
  await signUpAndIn(lead, 'Ketua Posyandu', `ketua.kelayakan.${stamp}@salatiga.go.id`);
  await registerTeam(lead, teamName, 'Kesehatan');
  await lead.getByRole('link', { name: 'Tulis proposal' }).click();
  await writeProposal(lead, js, twoMonthsAgo());
  await lead.getByRole('button', { name: 'Kirim proposal' }).click();
  await expect(lead.getByText('Proposal terkirim.')).toBeVisible();
  await context.close();

  await page.goto('/kelola/kipp-daerah-2027/peserta?tandai=1');
  const row = page.getByRole('row', { name: new RegExp(teamName) });
  await expect(row).toContainText('Inovasi belum berjalan selama yang disyaratkan');
  await expectNoAxeViolations(page, js);
  await row.getByRole('link', { name: /Putuskan|memenuhi syarat/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Kelayakan ${teamName}`);
  await expect(page.getByText(/saat dikirim sudah 2 bulan \(syarat paling sedikit: 12 bulan\)/)).toBeVisible();
  await expectNoAxeViolations(page, js);

  // Not eligible needs a reason; then it is on the record.
  await page.getByLabel('Tidak memenuhi syarat').check();
  await page.getByRole('button', { name: 'Simpan keputusan' }).click();
  await expect(page.getByRole('alert')).toContainText('Tuliskan alasan bila proposal tidak memenuhi syarat.');
  await expect(page.getByLabel('Tidak memenuhi syarat')).toBeChecked();
  await page.getByLabel('Alasan').fill(reason);
  await page.getByRole('button', { name: 'Simpan keputusan' }).click();
  await expect(page.getByText('Keputusan disimpan.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: reason })).toContainText('Tidak memenuhi syarat');
  await expectNoAxeViolations(page, js);
});

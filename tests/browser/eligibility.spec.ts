import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, signUpAndIn, sql } from './helpers';

test('an organizer reads why a proposal is flagged and decides, on the record', async ({ page }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const admin = `panitia.${stamp}@sayembara.go.id`;
  const reason = `Inovasi baru berjalan dua bulan (${stamp}).`;
  // One of the demo's teams has submitted a proposal whose innovation started recently.
  sql(
    "insert into proposal (team_id, competition_id, status, sdgs, started_on, meta_version, created_at, updated_at, submitted_at) " +
      "select t.id, t.competition_id, 'submitted', '3', '2026-09-01', 1, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z' " +
      "from team t where t.name = 'Tim Posyandu Digital Khatulistiwa' " +
      'and not exists (select 1 from proposal p where p.team_id = t.id)',
  );
  sql("update competition set min_months_running = 12 where slug = 'kipp-daerah-2027'");
  await signUpAndIn(page, 'Panitia KIPP', admin);
  sql('update user_account set is_admin = 1 where email = ?', admin);

  await page.goto('/kelola/kipp-daerah-2027/peserta?tandai=1');
  const row = page.getByRole('row', { name: /Tim Posyandu Digital Khatulistiwa/ });
  await expect(row).toContainText('Inovasi belum berjalan selama yang disyaratkan');
  await expectNoAxeViolations(page, js);
  await row.getByRole('link', { name: /Putuskan|memenuhi syarat/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kelayakan Tim Posyandu Digital Khatulistiwa');
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

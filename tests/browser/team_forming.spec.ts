import { test, expect } from './fixtures';
import { expectNoAxeViolations, registerTeam, signUpAndIn } from './helpers';

test('a person without a team finds one through the looking-for-team list', async ({ page, browser }, testInfo) => {
  const js = testInfo.project.name === 'js';
  const stamp = `${testInfo.project.name}.${Date.now()}`;
  const suffix = `${testInfo.project.name} ${Date.now() % 100000}`;
  const teamName = `Tim Pemetaan ${suffix}`;
  const skill = `geospasial${Date.now() % 100000}${testInfo.project.name}`;
  const seekerName = `Sari Pencari ${suffix}`;

  // The lead registers a team and lists the skill it needs.
  await signUpAndIn(page, 'Rina Ketua', `ketua.forming.${stamp}@salatiga.go.id`);
  await registerTeam(page, teamName, 'Kesehatan');
  const teamUrl = page.url().split('?')[0];

  // The team answers one of the competition's challenges.
  await page.getByRole('link', { name: 'Baca semua tantangan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tantangan');
  await expect(page.getByRole('heading', { name: 'Antrean pasien puskesmas yang bisa diperkirakan' })).toBeVisible();
  await expectNoAxeViolations(page, js);
  await page.goto(teamUrl);
  await page.getByLabel('Tantangan yang dijawab tim').selectOption({ label: 'Antrean pasien puskesmas yang bisa diperkirakan — Dinas Kesehatan Kota Pontianak' });
  await page.getByRole('button', { name: 'Simpan pilihan' }).click();
  await expect(page.getByText('Pilihan tantangan disimpan.')).toBeVisible();
  await expect(page.getByText('Tim ini menjawab tantangan: Antrean pasien puskesmas')).toBeVisible();

  await page.goto('/kompetisi/kipp-daerah-2027');
  await page.getByRole('link', { name: 'Cari tim atau anggota' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cari tim');
  await page.getByLabel('Keahlian yang dibutuhkan tim').fill(`${skill}, desain layanan`);
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await expect(page.getByText('Daftar tim Anda diperbarui.')).toBeVisible();
  await expect(page.getByText('Tim Anda tercantum di daftar tim yang mencari anggota.')).toBeVisible();
  await expectNoAxeViolations(page, js);

  // A person without a team lists herself (a mistake first), finds the team and asks.
  const context = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID' });
  const seeker = await context.newPage();
  await signUpAndIn(seeker, seekerName, `pencari.${stamp}@pontianak.go.id`);
  await seeker.goto('/kompetisi/kipp-daerah-2027');
  await seeker.getByRole('link', { name: 'Cari tim atau anggota' }).click();
  await expectNoAxeViolations(seeker, js);
  await seeker.getByLabel('Tentang Anda').fill('Analis SIG di dinas kesehatan.');
  await seeker.getByRole('button', { name: 'Cantumkan saya' }).click();
  await expect(seeker.getByRole('alert')).toContainText('Tuliskan keahlian.');
  await expect(seeker.getByLabel('Tentang Anda')).toHaveValue('Analis SIG di dinas kesehatan.');
  await seeker.getByLabel('Keahlian', { exact: true }).fill('pemetaan, QGIS');
  await seeker.getByRole('button', { name: 'Cantumkan saya' }).click();
  await expect(seeker.getByText('Anda tercantum di daftar orang yang mencari tim.').first()).toBeVisible();

  await seeker.getByLabel('Cari keahlian, nama, instansi atau wilayah').fill(skill.toUpperCase());
  await seeker.getByRole('button', { name: 'Cari', exact: true }).click();
  const listing = seeker.getByRole('article').filter({ hasText: teamName });
  await expect(listing).toBeVisible();
  await expect(seeker.getByRole('article')).toHaveCount(1);
  await listing.getByLabel('Pesan (boleh dikosongkan)').fill('Saya terbiasa memetakan fasilitas kesehatan.');
  await listing.getByRole('button', { name: `Minta bergabung dengan ${teamName}` }).click();
  await expect(seeker.getByText('Permintaan Anda dikirim ke ketua tim.')).toBeVisible();
  await expect(seeker.getByText(`Anda meminta bergabung dengan tim ${teamName}`)).toBeVisible();
  await expectNoAxeViolations(seeker, js);

  // The lead sees the request with its message and accepts.
  await page.reload();
  await expect(page.getByText(`${seekerName} ingin bergabung dengan tim ${teamName}.`)).toBeVisible();
  await expect(page.getByText('Saya terbiasa memetakan fasilitas kesehatan.')).toBeVisible();
  await expectNoAxeViolations(page, js);
  await page.getByRole('button', { name: `Terima ${seekerName}` }).click();
  await expect(page.getByText('Diterima: anggota baru bergabung dengan tim.')).toBeVisible();

  // She is a member now, and sees it.
  await page.goto(teamUrl);
  await expect(page.locator('#anggota + p + ul, ul.members')).toContainText(seekerName);
  await seeker.goto('/kompetisi/kipp-daerah-2027/cari-tim');
  await expect(seeker.getByText(`Anda sudah menjadi anggota tim ${teamName}.`)).toBeVisible();
  await context.close();
});

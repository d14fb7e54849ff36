import { test, expect } from './fixtures';
import { expectNoAxeViolations, signInAsAdmin } from './helpers';

test.describe('landing page', () => {
  test('is complete in Indonesian and accessible', async ({ page }, testInfo) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Dari gagasan ASN menjadi inovasi pelayanan publik',
    );
    await expect(page.getByRole('link', { name: 'Kompetisi Inovasi Pelayanan Publik Daerah 2027' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
    // Other tests publish competitions on the same server: look at the demo's card.
    const demo = page.getByRole('article').filter({ hasText: 'Kompetisi Inovasi Pelayanan Publik Daerah 2027' });
    await expect(demo.locator('.countdown-value')).toContainText('hari');
    await expectNoAxeViolations(page, testInfo.project.name === 'js');
  });

  test('skip link moves focus to the main content', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Langsung ke konten utama' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
  });

  test('switches to English and back, remembering the choice', async ({ page }, testInfo) => {
    await page.goto('/kompetisi');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/kompetisi$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Competitions');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      "From civil servants' ideas to public-service innovation",
    );
    await expect(page.getByRole('link', { name: 'English' })).toHaveAttribute('aria-current', 'true');
    await expectNoAxeViolations(page, testInfo.project.name === 'js');
    await page.getByRole('link', { name: 'Bahasa Indonesia' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  });
});

test.describe('competition page', () => {
  test('lists the registered teams and is accessible', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Kompetisi Inovasi Pelayanan Publik Daerah 2027' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kompetisi Inovasi Pelayanan Publik Daerah 2027');
    const table = page.getByRole('table').filter({ hasText: 'Nama tim' });
    // The demo's three teams (other journeys may have registered more).
    for (const name of ['Tim Adminduk Sekali Klik', 'Tim Posyandu Digital Khatulistiwa', 'Tim Marelan Tanggap']) {
      await expect(table).toContainText(name);
    }
    await expect(table).toContainText('Kecamatan Medan Marelan');
    await expectNoAxeViolations(page, testInfo.project.name === 'js');
  });

  test('an unknown page is a translated, accessible 404', async ({ page }, testInfo) => {
    const response = await page.goto('/kompetisi/tidak-ada');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Halaman tidak ditemukan');
    await expectNoAxeViolations(page, testInfo.project.name === 'js');
  });
});

test.describe('islands', () => {
  test('the countdown ticks once hydrated', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'js', 'needs JavaScript');
    await page.goto('/');
    const countdown = page.locator('.countdown').first();
    // Hydration waits for the wasm bundle, which a loaded 2-core machine can take a while to start.
    await expect(countdown).toHaveAttribute('data-live', 'true', { timeout: 15_000 });
    const value = countdown.locator('.countdown-value');
    const before = await value.textContent();
    await expect(value).not.toHaveText(before ?? '', { timeout: 3_000 });
    await expect(value).toHaveText(/^\d+ hari \d{2}:\d{2}:\d{2}$/);
  });

  test('without JavaScript the countdown is server text', async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== 'nojs', 'checks the page before scripts');
    await page.goto('/');
    const countdown = page.locator('.countdown').first();
    await expect(countdown).toHaveAttribute('data-live', 'false');
    await expect(countdown.locator('.countdown-value')).toHaveText(/^\d+ hari \d{2}:\d{2}:\d{2}$/);
  });
});

test('on a phone the header of a signed-in admin folds into a fifth of the first screen', async ({ page }, testInfo) => {
  await signInAsAdmin(page, 'header', testInfo.project.name);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  const header = page.locator('header.site-header');
  const box = await header.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.height, 'header height at 360 × 740').toBeLessThanOrEqual(740 * 0.2);
  // Every link is still there, and who is signed in is still said to screen readers.
  for (const name of ['Profil', 'Tim saya', 'Keluar', 'Kompetisi', 'English']) {
    await expect(header.getByRole(name === 'Keluar' ? 'button' : 'link', { name, exact: true })).toBeVisible();
  }
  await expect(header.locator('.signed-in-as')).toHaveText(/Masuk sebagai Admin header/);
  await expectNoAxeViolations(page, testInfo.project.name === 'js');
});

import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

function summarize(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Fails the test with a readable list if axe-core finds any violation on the page.
 * axe-core is itself JavaScript, so on a page without JavaScript it checks the same URL in a
 * script-enabled context whose own scripts (/pkg/*.js, *.wasm) are blocked: the page exactly
 * as delivered before any script of ours runs.
 */
export async function expectNoAxeViolations(page: Page, jsEnabled: boolean) {
  if (jsEnabled) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(summarize(results.violations), 'accessibility violations').toEqual([]);
    return;
  }
  const browser = page.context().browser();
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ javaScriptEnabled: true, locale: 'id-ID' });
  await context.addCookies(await page.context().cookies());
  await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
  const staticPage = await context.newPage();
  await staticPage.goto(page.url());
  const results = await new AxeBuilder({ page: staticPage }).analyze();
  await context.close();
  expect(summarize(results.violations), 'accessibility violations').toEqual([]);
}

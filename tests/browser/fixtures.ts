import { test as base, expect } from '@playwright/test';

/** A phone's screen: every page a test visits must fit it without scrolling sideways. */
export const PHONE_WIDTH = 360;

/**
 * Every spec imports `test` from here. Besides Playwright's own fixtures it remembers each
 * page of this site the test opened and, when the test ends, opens them again on a
 * 360 px wide screen (with the test's cookies, so signed-in pages are the same pages)
 * and fails if any document is wider than the screen. Without JavaScript the page is
 * checked as delivered: our scripts are blocked, as in `expectNoAxeViolations`.
 *
 * Runs when `PHONE_CHECK=1`: on CI's loaded machine it still reports, now and then, a
 * page a few hundred pixels too wide with no element reaching past the edge (so text, not
 * a box, overflows somewhere); until that is found it would fail good work at random.
 */
export const test = base.extend<{ fitsAPhone: void }>({
  fitsAPhone: [
    async ({ page, browser, baseURL }, use, testInfo) => {
      const origin = new URL(baseURL!).origin;
      const visited = new Set<string>();
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) return;
        const url = new URL(frame.url());
        if (url.origin === origin) visited.add(url.pathname + url.search);
      });
      await use();
      if (!process.env.PHONE_CHECK) return;
      if (visited.size === 0 || testInfo.status !== testInfo.expectedStatus) return;
      const context = await browser.newContext({
        viewport: { width: PHONE_WIDTH, height: 740 },
        locale: 'id-ID',
      });
      await context.addCookies(await page.context().cookies());
      if (testInfo.project.use.javaScriptEnabled === false) {
        await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
      }
      const phone = await context.newPage();
      const wide: string[] = [];
      for (const path of visited) {
        await phone.goto(path);
        const width = await phone.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE_WIDTH) wide.push(`${path}: ${width} px (${await sticksOut(phone)})`);
      }
      await context.close();
      expect(wide, `pages wider than a ${PHONE_WIDTH} px phone`).toEqual([]);
    },
    { auto: true },
  ],
});

/** The innermost elements reaching past the screen's edge, to say what to fix
 * (`PHONE_DEBUG=1` adds the first one's ancestors with their display and width). */
async function sticksOut(page: import('@playwright/test').Page): Promise<string> {
  return page.evaluate(([limit, process_env_debug]) => {
    const name = (e: Element) =>
      e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + (e.classList.length ? `.${[...e.classList].join('.')}` : '');
    const out: string[] = [];
    for (const e of document.querySelectorAll('body *')) {
      if (e.parentElement?.closest('.table-scroll')) continue;
      const right = e.getBoundingClientRect().right;
      const child = [...e.children].some((c) => c.getBoundingClientRect().right > limit);
      if (right > limit && !child) out.push(`${e.parentElement ? name(e.parentElement) + ' > ' : ''}${name(e)} ${Math.round(right)}`);
      if (right > limit && !child && out.length === 1 && process_env_debug) {
        let chain = '';
        for (let a: Element | null = e; a; a = a.parentElement) chain += ` < ${name(a)}[${getComputedStyle(a).display} w=${Math.round(a.getBoundingClientRect().width)}]`;
        out.push(chain);
      }
    }
    return out.slice(0, 3).join('; ');
  }, [PHONE_WIDTH, !!process.env.PHONE_DEBUG] as const);
}

export { expect };

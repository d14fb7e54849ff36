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
 * It found a real fault: now and then a page went out with the fallback policy that
 * allows nothing, its stylesheet blocked, so its tables spread the page wide (the page's
 * Content-Security-Policy was set from inside the render; now the server's middleware
 * sets it). Requests that fail while a page loads are named beside a wide page.
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
      // What failed to load (blocked or refused), apart from the scripts blocked on purpose.
      const failed: string[] = [];
      phone.on('requestfailed', (r) => {
        if (!/\.(js|wasm)$/.test(r.url())) failed.push(`${r.url().split('/').pop()}: ${r.failure()?.errorText}`);
      });
      phone.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.url().split('/').pop()}: HTTP ${r.status()}`);
      });
      const wide: string[] = [];
      for (const path of visited) {
        failed.length = 0;
        await phone.goto(path);
        const width = await phone.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE_WIDTH) {
          const unloaded = failed.length ? `; not loaded: ${failed.join(', ')}` : '';
          wide.push(`${path}: ${width} px (${await sticksOut(phone)}${unloaded})`);
        }
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
    // No box reaches past the edge: a run of text does (its box is narrower than it).
    if (out.length === 0) {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node && out.length < 3; node = walker.nextNode()) {
        if (!node.textContent?.trim() || node.parentElement?.closest('.table-scroll')) continue;
        range.selectNodeContents(node);
        const right = range.getBoundingClientRect().right;
        if (right > limit) out.push(`text "${node.textContent.trim().slice(0, 40)}" in ${name(node.parentElement!)} ${Math.round(right)}`);
      }
    }
    if (out.length === 0) {
      // A table box that does not scroll: the stylesheet did not apply.
      const box = document.querySelector('.table-scroll');
      const styled = !box || getComputedStyle(box).overflowX !== 'visible';
      out.push(styled ? 'nothing measurable: a pseudo-element or a scrollbar' : 'the stylesheet did not apply');
    }
    return out.slice(0, 3).join('; ');
  }, [PHONE_WIDTH, !!process.env.PHONE_DEBUG] as const);
}

export { expect };

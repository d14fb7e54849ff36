// Browser tests: Debian's Chromium (never a downloaded browser), each spec run twice,
// with JavaScript on (islands hydrate) and off (server HTML only).
import { defineConfig } from '@playwright/test';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: '.',
  outputDir: './results',
  // Each test is a whole journey, and also reopens every page it visited on a phone screen
  // (fixtures.ts) and checks each with axe: on two busy cores beside the server a long journey
  // has taken more than a minute, so the limit is for a hung test, not a slow one.
  timeout: 240_000,
  expect: { timeout: 15_000 },
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: process.env.BASE_URL || 'http://127.0.0.1:3000',
    browserName: 'chromium',
    // Indonesian visitors' browsers ask for Indonesian; English is chosen with the switch.
    locale: 'id-ID',
    launchOptions: chromium,
    trace: 'off',
    navigationTimeout: 60_000,
    actionTimeout: 30_000,
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false } },
  ],
});

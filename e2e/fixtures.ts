/**
 * One `app` fixture for every spec: the real app in Electron when its binary is installed,
 * otherwise the same renderer and services through the browser harness in Debian's Chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, test as base, chromium, type Page, type TestInfo } from '@playwright/test';
import { startHarness } from '../main/harness/server.ts';
import { electronBinary } from '../scripts/electron-binary.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const electronPath = process.env.E2E_TARGET === 'chromium' ? null : electronBinary(root);
export const target: 'electron' | 'chromium' = electronPath ? 'electron' : 'chromium';

// Chromium in a closed sandbox: no background traffic, no first-run UI. --no-sandbox because CI runs as root.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const test = base.extend<{ app: Page; bundleDir: string | undefined }>({
  /** A collect bundle to open the app on (the wizard replays it; fixes are previewed only). */
  bundleDir: [undefined, { option: true }],
  app: async ({ bundleDir }, use, testInfo) => {
    testInfo.annotations.push({ type: 'target', description: target });
    const userDataDir = mkdtempSync(join(tmpdir(), 'vmnet-doctor-e2e-'));
    try {
      if (electronPath) {
        const electronApp = await _electron.launch({
          executablePath: electronPath,
          args: [
            join(root, 'out/main/index.js'),
            `--user-data-dir=${userDataDir}`,
            ...(bundleDir ? [`--bundle=${bundleDir}`] : []),
          ],
        });
        try {
          await use(await electronApp.firstWindow());
        } finally {
          await electronApp.close();
        }
        return;
      }
      if (!existsSync(CHROMIUM_PATH)) {
        // Locally a missing browser skips; in CI it is a failure (CI must install it).
        if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM_PATH}`);
        testInfo.skip(true, `Chromium not found at ${CHROMIUM_PATH}`);
      }
      const harness = await startHarness({ rendererDir: join(root, 'out/renderer'), ...(bundleDir ? { bundleDir } : {}) });
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      try {
        const context = await browser.newContext({ locale: 'en-US' });
        const page = await context.newPage();
        // Every request the page makes is answered: a 404 (a missing favicon, a lost asset) fails the spec.
        const failed: string[] = [];
        page.on('response', (response) => {
          if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
        });
        await page.goto(harness.url);
        await use(page);
        if (failed.length > 0) throw new Error(`requests that failed: ${failed.join(', ')}`);
      } finally {
        await browser.close();
        await harness.close();
      }
    } finally {
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

/** Saves a screenshot as a kept artifact (test-results/e2e/…) and attaches it to the report. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { attachScreenshot, expect, target, test } from './fixtures.ts';

test.beforeAll(() => {
  console.log(`[e2e] running against ${target === 'electron' ? 'Electron' : 'Chromium through the browser harness'}`);
});

test.beforeEach(async ({ app }) => {
  await app.getByRole('button', { name: 'Adapters', exact: true }).click();
});

test('the Adapters screen lists exactly the adapters the system reports', async ({ app }, testInfo) => {
  await expect(app.getByTestId('adapters-table')).toBeVisible();
  const shown = await app.getByTestId('adapter-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-adapter-name')));
  const system = (JSON.parse(execFileSync('ip', ['-j', 'addr', 'show'], { encoding: 'utf8' })) as { ifname: string }[]).map(
    (l) => l.ifname,
  );
  expect(shown).toEqual(system);
  // The loopback adapter is explained as such, with its address and mask.
  const lo = app.locator('[data-adapter-name="lo"]');
  await expect(lo).toContainText('127.0.0.1 / 255.0.0.0');
  await expect(lo).toContainText('Loopback');
  await attachScreenshot(app, testInfo, 'adapters-en.png');
});

test('switching to 简体中文 translates the UI, and back', async ({ app }, testInfo) => {
  await expect(app.getByRole('heading', { name: 'Network adapters on this machine' })).toBeVisible();
  await app.getByTestId('language-select').selectOption('zh-CN');
  await expect(app.getByRole('heading', { name: '本机的网络适配器' })).toBeVisible();
  await expect(app.getByRole('button', { name: '刷新' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await attachScreenshot(app, testInfo, 'adapters-zh-CN.png');
  await app.getByTestId('language-select').selectOption('zh-TW');
  await expect(app.getByRole('heading', { name: '本機的網路介面卡' })).toBeVisible();
  await app.getByTestId('language-select').selectOption('en');
  await expect(app.getByRole('heading', { name: 'Network adapters on this machine' })).toBeVisible();
});

test('refresh shows progress and then the list again', async ({ app }) => {
  await expect(app.getByTestId('adapters-table')).toBeVisible();
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(app.getByTestId('adapters-table')).toBeVisible();
  await expect(app.getByTestId('adapters-error')).toHaveCount(0);
});

test('the Adapters and Explain screens have no serious accessibility violations (axe-core)', async ({ app }) => {
  await expect(app.getByTestId('adapters-table')).toBeVisible();
  const seriousOf = async () =>
    (await new AxeBuilder({ page: app }).analyze()).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes[0]?.target}`);
  expect(await seriousOf()).toEqual([]);
  await app.getByRole('button', { name: 'Explain ipconfig' }).click();
  expect(await seriousOf()).toEqual([]);
  await app.getByRole('button', { name: 'Diagnose' }).click();
  expect(await seriousOf()).toEqual([]);
});

/**
 * A student's journey through the wizard, at 1280×800, in English and 简体中文, on the two most
 * common Windows cases (VMnet8 disabled; the firewall dropping ping on a Public network): after
 * Start, the verdict and its fix button are on the first screen and the focus is on the verdict;
 * the Chinese page holds no English prose; the copied commands are a PowerShell script that parses
 * and carries no UI label; axe finds nothing serious in the light or the dark theme.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { englishProse, stringsIn } from '../test/i18n/english-prose.ts';
import { loadPowershellParser, powershellSyntaxError } from '../test/powershell-syntax.ts';
import { attachScreenshot, expect, test } from './fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = (name: string) => `${root}test/bundles/windows/${name}`;

/** Names the page may quote untranslated: everything the diagnosis itself carries (adapter names, rules). */
function namesIn(dir: string): string[] {
  const r = spawnSync(process.execPath, [`${root}bin/vmnet-doctor.js`, 'diagnose', '--from', dir, '--json'], {
    encoding: 'utf8',
  });
  const report = JSON.parse(r.stdout) as { findings: Array<{ params: unknown; evidence: unknown }>; checks: unknown[] };
  return stringsIn([report.findings.map((f) => [f.params, f.evidence]), report.checks]);
}

/** What the reader sees at first, without scrolling: does `locator` lie inside the first 800 px? */
async function onFirstScreen(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).first().boundingBox();
  const scrollY = await page.evaluate(() => window.scrollY);
  return box !== null && scrollY === 0 && box.y >= 0 && box.y + box.height <= 800;
}

const JOURNEYS = [
  { bundle: 'vmnet8-disabled', finding: 'ADAPTER_DISABLED', fix: 'host.enable-adapter' },
  { bundle: 'firewall-blocks-echo-public', finding: 'HOST_FIREWALL_BLOCKS_ICMP', fix: 'host.allow-icmp' },
] as const;

test.beforeAll(loadPowershellParser);

for (const j of JOURNEYS) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test.describe(`${j.bundle}, ${lang}`, () => {
      test.use({ bundleDir: bundle(j.bundle), viewport: { width: 1280, height: 800 } });

      test('the answer first: verdict and fix on the first screen, focus on it, a script that runs as pasted', async ({
        app,
      }, testInfo) => {
        await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
        await app.getByTestId('language-select').selectOption(lang);
        await expect(app.getByTestId('bundle-note')).toBeVisible();
        await app.getByTestId('symptom-vm-cannot-ping-host').check();
        const started = Date.now();
        await app.getByTestId('run-diagnosis').click();
        await expect(app.getByTestId('verdict')).toBeVisible();
        testInfo.annotations.push({ type: 'start-to-verdict-ms', description: String(Date.now() - started) });

        await expect(app.getByTestId(`finding-${j.finding}`).first()).toBeVisible();
        expect(await onFirstScreen(app, 'verdict')).toBe(true);
        expect(await onFirstScreen(app, `fix-${j.fix}`)).toBe(true);
        expect(await app.evaluate(() => document.activeElement?.id)).toBe('verdict-title');
        await attachScreenshot(app, testInfo, `journey-${j.bundle}-${lang}.png`);

        if (lang !== 'en') {
          const names = namesIn(bundle(j.bundle));
          const text = await app.locator('main').innerText();
          for (const line of text.split('\n')) expect(englishProse(line, names), line).toBeNull();
        }

        await app.getByTestId('verdict').getByTestId(`fix-${j.fix}`).click();
        await expect(app.getByTestId('fix-commands')).not.toBeEmpty();
        await expect(app.getByTestId('fix-machine')).toBeVisible();
        await app.getByTestId('fix-copy').click();
        const script = await app.evaluate(() => navigator.clipboard.readText());
        const steps = (await app.getByTestId('fix-commands').innerText()).split('\n');
        expect(powershellSyntaxError(script), script).toBeNull();
        for (const line of script.trimEnd().split('\n')) {
          if (!line.startsWith('#')) expect(steps, `not a command: ${line}`).toContain(line);
        }
        expect(script).not.toMatch(/\(as administrator\)|以管理员身份\)/);

        for (const scheme of ['light', 'dark'] as const) {
          await app.emulateMedia({ colorScheme: scheme });
          const axe = await new AxeBuilder({ page: app }).analyze();
          const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(serious.map((v) => `${scheme} ${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
        }
        // The README shows these; UPDATE_SCREENSHOTS=1 refreshes the committed copies.
        if (process.env.UPDATE_SCREENSHOTS) {
          await app.emulateMedia({ colorScheme: 'light' });
          mkdirSync(`${root}docs/screenshots`, { recursive: true });
          await attachScreenshot(app, testInfo, `journey-${j.bundle}-${lang}-fix.png`);
          copyFileSync(
            testInfo.outputPath(`journey-${j.bundle}-${lang}-fix.png`),
            `${root}docs/screenshots/${j.bundle}-${lang}.png`,
          );
        }
      });
    });
  }
}

test.describe('Escape and the remembered language', () => {
  test.use({ bundleDir: bundle('vmnet8-disabled'), viewport: { width: 1280, height: 800 } });

  test('Escape closes the fix panel; the language choice survives a reload', async ({ app }) => {
    await app.getByTestId('language-select').selectOption('zh-TW');
    await app.getByTestId('run-diagnosis').click();
    await app.getByTestId('verdict').getByTestId('fix-host.enable-adapter').click();
    await expect(app.getByTestId('fix-commands')).toBeVisible();
    // The preview takes the focus and is scrolled to: its title starts in view.
    await expect(app.getByTestId('fix-title')).toBeFocused();
    const title = await app.getByTestId('fix-title').boundingBox();
    expect(title, JSON.stringify(title)).not.toBeNull();
    expect(title?.y ?? -9, JSON.stringify(title)).toBeGreaterThanOrEqual(-1); // scrolled to its top, to a fraction of a pixel
    expect(title?.y ?? 9999, JSON.stringify(title)).toBeLessThan(800);
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('fix-commands')).toHaveCount(0);
    await app.reload();
    await expect(app.getByTestId('language-select')).toHaveValue('zh-TW');
  });
});

test.describe('a field to mend (live: the fields are this machine’s)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('an invalid address keeps the run from starting and takes the focus, its error read with it', async ({ app }) => {
    await app.getByTestId('field-hostIp').fill('192.168.1');
    await app.getByTestId('run-diagnosis').click();
    await expect(app.getByTestId('error-hostIp')).toBeVisible();
    await expect(app.getByTestId('field-hostIp')).toBeFocused();
    await expect(app.getByTestId('verdict')).toHaveCount(0);
  });
});

test.describe('sharing the result', () => {
  test.use({ bundleDir: bundle('vmnet8-disabled'), viewport: { width: 1280, height: 800 } });

  test('"Copy for a forum post" carries the exact commands of the fix, as the copied script', async ({ app }) => {
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await app.getByTestId('run-diagnosis').click();
    await expect(app.getByTestId('verdict')).toBeVisible();
    await app.getByTestId('report-forum').click();
    await expect(app.getByTestId('report-forum')).toHaveText(/Copied/);
    const post = await app.evaluate(() => navigator.clipboard.readText());
    expect(post).toContain('```powershell');
    expect(post).toMatch(/Enable-NetAdapter -Name '[^']+' -IncludeHidden -Confirm:\$false/);
    expect(post).not.toContain('--dry-run');
    expect(post).not.toMatch(/[✅❌]/u);
  });
});

/**
 * Every scenario bundle, walked through the wizard in English, 简体中文 and 繁體中文 (issue 26):
 * the run starts from the bundle's own symptom; in each language no text of the picture is drawn
 * wider than its box, this computer is drawn only where it is on the VM's network, and (in Chinese)
 * no English prose is on the page; the verdict's fix, copied, is a PowerShell script that parses
 * and calls every program by a resolved path; the Adapters tab
 * lists the bundle machine's adapters, never this one's; the HTML report carries the picture and
 * the fix's exact commands.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { englishProse, stringsIn } from '../test/i18n/english-prose.ts';
import { barePrograms, loadPowershellParser, powershellSyntaxError } from '../test/powershell-syntax.ts';
import { expect, test } from './fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundles = `${root}test/bundles/windows/`;
const scenarios = readdirSync(bundles).filter((d) => !d.includes('.'));
const LANGUAGES = ['en', 'zh-CN', 'zh-TW'] as const;

/** Windows' own programs, always on PATH (System32); every other program must be called by its path. */
const ON_PATH = /^(netsh|sc\.exe|ipconfig|ping|route|arp)$/i;

/** This machine's interfaces: none of them may show while a bundle is open. */
const thisMachine = (JSON.parse(execFileSync('ip', ['-j', 'addr', 'show'], { encoding: 'utf8' })) as { ifname: string }[]).map(
  (l) => l.ifname,
);

/** Names the page may quote untranslated: everything the diagnosis itself carries (adapter names, rules). */
function namesIn(dir: string): string[] {
  const r = spawnSync(process.execPath, [`${root}bin/vmnet-doctor.js`, 'diagnose', '--from', dir, '--json'], {
    encoding: 'utf8',
  });
  const report = JSON.parse(r.stdout) as { findings: Array<{ params: unknown; evidence: unknown }>; checks: unknown[] };
  return stringsIn([report.findings.map((f) => [f.params, f.evidence]), report.checks]);
}

/** Every text of the picture, as Chromium draws it: its length, and the width of its device's box. */
async function pictureTexts(app: Page) {
  return app.locator('[data-testid="topology"] svg g[data-testid^="node-"]').evaluateAll((groups) =>
    groups.flatMap((g) => {
      const box = g.querySelector('rect')?.getBBox().width ?? 0;
      return [...g.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', drawn: t.getComputedTextLength(), box }));
    }),
  );
}

/** The page's words as a reader sees them, without commands (code, pre): those stay as typed. */
const proseOf = (app: Page) =>
  app.locator('main').evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    for (const code of copy.querySelectorAll('code, pre')) code.remove();
    // innerText needs layout: measure the copy where it renders, then take it away.
    copy.style.position = 'absolute';
    document.body.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  });

const unescapeHtml = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

test.beforeAll(loadPowershellParser);

for (const name of scenarios) {
  test.describe(name, () => {
    test.use({ bundleDir: `${bundles}${name}`, viewport: { width: 1280, height: 800 } });

    test('in three languages: picture fits, no English in Chinese, the copied fix runs as pasted, only the bundle’s machine, the HTML report whole', async ({
      app,
    }) => {
      const manifest = JSON.parse(readFileSync(`${bundles}${name}/manifest.json`, 'utf8')) as { request: { symptom: string } };
      await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      // The form starts from the symptom the bundle was collected for: Start as it comes.
      // ("auto", the CLI's default, has no radio button: the form keeps its own first choice.)
      if (manifest.request.symptom !== 'auto') await expect(app.getByTestId(`symptom-${manifest.request.symptom}`)).toBeChecked();
      await app.getByTestId('run-diagnosis').click();
      await expect(app.getByTestId('verdict')).toBeVisible();
      const names = namesIn(`${bundles}${name}`);
      let commands: string[] = [];

      for (const lang of LANGUAGES) {
        await app.getByTestId('language-select').selectOption(lang);
        await expect(app.locator('html')).toHaveAttribute('lang', lang);
        const texts = await pictureTexts(app);
        expect(texts.length).toBeGreaterThan(0);
        for (const t of texts) expect(t.drawn, `${lang}: “${t.text}” in a ${t.box} px box`).toBeLessThanOrEqual(t.box - 8);
        // This computer stands in the picture wherever it is on the VM's network — never on an internal one.
        const internal = name === 'virtualbox-internal-network';
        await expect(app.locator('[data-testid="topology"] [data-testid="node-host"]')).toHaveCount(internal ? 0 : 1);

        const fix = app.getByTestId('verdict').locator('.fix-buttons button').first();
        if ((await fix.count()) > 0) {
          await fix.click();
          await expect(app.getByTestId('fix-commands')).not.toBeEmpty();
          commands = (await app.getByTestId('fix-commands').innerText()).split('\n').filter(Boolean);
          await app.getByTestId('fix-copy').click();
          const script = await app.evaluate(() => navigator.clipboard.readText());
          expect(powershellSyntaxError(script), script).toBeNull();
          expect(
            barePrograms(script).filter((p) => !ON_PATH.test(p)),
            script,
          ).toEqual([]);
        }
        if (lang !== 'en') {
          const text = await proseOf(app);
          for (const line of text.split('\n')) expect(englishProse(line, names), `${lang}: ${line}`).toBeNull();
        }
      }

      // Unredacted, the report's commands are the fix's exact ones (redaction hides names in them too).
      await app.getByTestId('report-redact').uncheck();
      const download = app.waitForEvent('download');
      await app.getByTestId('report-html').click();
      const html = unescapeHtml(readFileSync(await (await download).path(), 'utf8'));
      expect(html).toMatch(/<svg[^>]*role="img"/);
      for (const line of commands) expect(html, line).toContain(line);

      await app.getByRole('button', { name: '網路介面卡', exact: true }).click();
      await expect(app.getByTestId('adapters-table')).toBeVisible();
      const shown = await app
        .getByTestId('adapter-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-adapter-name')));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.filter((n) => thisMachine.includes(n ?? ''))).toEqual([]);
    });
  });
}

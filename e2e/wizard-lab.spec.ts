/**
 * The wizard against the real Linux engine in the lab: the app runs inside the lab's guest
 * namespace (harness and Chromium both, so 127.0.0.1 is the VM's own loopback), like a user
 * running VMnet Doctor inside their Ubuntu VM. For four faults the user picks the symptom, sees
 * the failing step and the red link, applies the fix from the UI, sees the step turn green and the
 * picture heal, then undoes it. Needs root (CI runs it); packets stay inside the lab.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { faultNamed } from '../lab/faults.ts';
import { INTERNET_TARGET, LAB_DNS_NAME, VmwareNatLab } from '../lab/lab.ts';
import { attachScreenshot, CHROMIUM_ARGS, CHROMIUM_PATH, expect, test } from './fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const isRoot = process.getuid?.() === 0;

interface LabFault {
  fault: string;
  symptom: string;
  finding: string;
  fix: string;
  failingCheck: string | null;
  brokenLink: string;
}

const FAULTS: LabFault[] = [
  {
    fault: 'interface-down',
    symptom: 'vm-no-internet',
    finding: 'LINK_DOWN',
    fix: 'linux.link-up',
    failingCheck: 'link',
    brokenLink: 'guest-switch',
  },
  {
    fault: 'gateway-dot1',
    symptom: 'vm-no-internet',
    finding: 'GATEWAY_MISMATCH',
    fix: 'linux.set-gateway',
    failingCheck: 'gateway',
    brokenLink: 'switch-gateway',
  },
  {
    fault: 'no-default-route',
    symptom: 'vm-no-internet',
    finding: 'NO_DEFAULT_ROUTE',
    fix: 'linux.set-gateway',
    failingCheck: 'default-route',
    brokenLink: 'switch-gateway',
  },
  {
    fault: 'address-lost',
    symptom: 'vm-no-ip',
    finding: 'NO_IPV4',
    fix: 'linux.dhcp-renew',
    failingCheck: null,
    brokenLink: 'switch-dhcp',
  },
];

/** The harness inside the guest namespace; resolves with its URL (token in the fragment). */
function startHarnessIn(ns: string, stateDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, join(root, 'scripts/web.ts'), '--port=0'], {
    env: { ...process.env, VMNET_DOCTOR_STATE_DIR: stateDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /running at (\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.on('exit', (code) => reject(new Error(`harness exited with ${code}`)));
  });
}

async function diagnoseFromUi(page: Page, lab: VmwareNatLab, symptom: string) {
  await page.getByTestId(`symptom-${symptom}`).check();
  await page.getByTestId('field-hostIp').fill(lab.hostIp);
  await page.getByText('More options').click();
  await page.getByTestId('field-internetTarget').fill(INTERNET_TARGET);
  await page.getByTestId('field-dnsName').fill(LAB_DNS_NAME);
  await page.getByTestId('run-diagnosis').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 30_000 });
}

test.describe('the wizard in the lab (app inside the VM)', () => {
  test.skip(!isRoot && !process.env.CI, 'the lab needs root');
  test.beforeAll(() => {
    if (!isRoot) throw new Error('the lab e2e tests need root (CI must run them)');
  });

  for (const f of FAULTS) {
    test(`${f.fault}: failing step and red link, fix from the UI heals both, undo breaks it again`, async ({}, testInfo) => {
      test.setTimeout(150_000);
      const lab = new VmwareNatLab();
      let harness: { url: string; child: ChildProcess } | null = null;
      let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
      try {
        await lab.up();
        await faultNamed(f.fault)?.inject(lab);
        harness = await startHarnessIn(lab.ns.guest, join(lab.dir, 'state'));
        // Chromium in the same namespace: Playwright drives it over a pipe, not the network.
        const wrapper = join(lab.dir, 'chromium-in-guest.sh');
        writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${lab.ns.guest} ${CHROMIUM_PATH} "$@"\n`);
        chmodSync(wrapper, 0o755);
        browser = await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
        const page = await (
          await browser.newContext({
            locale: 'en-US',
            viewport: { width: 1280, height: 800 },
            permissions: ['clipboard-read', 'clipboard-write'],
          })
        ).newPage();
        await page.goto(harness.url);

        const started = Date.now();
        await diagnoseFromUi(page, lab, f.symptom);
        testInfo.annotations.push({ type: 'start-to-verdict-ms', description: String(Date.now() - started) });
        // The answer first: the verdict, with its fix, on the first screen and focused.
        await expect(page.getByTestId('verdict').getByTestId(`finding-${f.finding}`)).toBeVisible();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('verdict-title');
        const fixBox = await page.getByTestId('verdict').getByTestId(`fix-${f.fix}`).boundingBox();
        expect(fixBox && fixBox.y + fixBox.height <= 800).toBe(true);
        if (f.failingCheck) await expect(page.getByTestId(`check-${f.failingCheck}`)).toHaveAttribute('data-status', 'fail');
        await expect(page.getByTestId(`link-${f.brokenLink}`)).toHaveAttribute('data-state', 'broken');
        await attachScreenshot(page, testInfo, `${f.fault}-before-en.png`);
        await page.getByTestId('language-select').selectOption('zh-CN');
        await attachScreenshot(page, testInfo, `${f.fault}-before-zh-CN.png`);
        await page.getByTestId('language-select').selectOption('en');

        await page.getByTestId(`finding-${f.finding}`).getByTestId(`fix-${f.fix}`).click();
        await expect(page.getByTestId('fix-commands')).not.toBeEmpty();
        // The copied commands are a shell script for the VM's terminal that parses as it is.
        await page.getByTestId('fix-copy').click();
        const script = await page.evaluate(() => navigator.clipboard.readText());
        const parsed = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
        expect(parsed.status, `${script}\n${parsed.stderr}`).toBe(0);
        expect(script).toMatch(/^# /);
        expect(script).toContain('\nsudo ');
        await page.getByTestId('fix-apply').click();
        await expect(page.getByTestId('fix-result')).toHaveAttribute('data-status', 'verified', { timeout: 60_000 });
        // What the fix read back afterwards is said in words, above the technical details.
        await expect(page.getByTestId('fix-read-back')).not.toBeEmpty();
        // Applying re-runs the checks: the step turns green and the picture heals.
        await expect(page.getByTestId(`finding-${f.finding}`)).toHaveCount(0, { timeout: 30_000 });
        if (f.failingCheck) await expect(page.getByTestId(`check-${f.failingCheck}`)).toHaveAttribute('data-status', 'pass');
        await expect(page.getByTestId(`link-${f.brokenLink}`)).not.toHaveAttribute('data-state', 'broken');
        await expect(page.getByTestId(`history-${f.fix}`)).toHaveAttribute('data-status', 'verified');
        await attachScreenshot(page, testInfo, `${f.fault}-after-en.png`);
        await page.getByTestId('language-select').selectOption('zh-CN');
        await attachScreenshot(page, testInfo, `${f.fault}-after-zh-CN.png`);

        await page.getByTestId(`undo-${f.fix}`).click();
        await expect(page.getByTestId('fix-result')).toHaveAttribute('data-status', 'undone', { timeout: 60_000 });
        await expect(page.getByTestId('fix-read-back')).toHaveText('已恢复到修复之前的状态');
        await expect(page.getByTestId(`finding-${f.finding}`)).toBeVisible({ timeout: 30_000 });
        await expect(page.getByTestId(`link-${f.brokenLink}`)).toHaveAttribute('data-state', 'broken');
      } finally {
        await browser?.close();
        harness?.child.kill('SIGTERM');
        await lab.down();
      }
    });
  }
});

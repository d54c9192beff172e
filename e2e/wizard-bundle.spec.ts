/**
 * The wizard on Windows scenario bundles (test/bundles/windows/): the right failing steps, the red
 * link in the picture, the plain-words explanation and the fix preview with its exact commands.
 * A bundle's fixes are previewed, never executed.
 */
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { attachScreenshot, expect, test } from './fixtures.ts';

const bundle = (name: string) => fileURLToPath(new URL(`../test/bundles/windows/${name}`, import.meta.url));

async function runWizard(app: import('@playwright/test').Page) {
  await app.getByTestId('symptom-vm-cannot-ping-host').check();
  await app.getByTestId('run-diagnosis').click();
  await expect(app.getByTestId('results')).toBeVisible();
  await expect(app.getByTestId('bundle-note')).toBeVisible();
}

test.describe('VMnet8 disabled', () => {
  test.use({ bundleDir: bundle('vmnet8-disabled') });

  test('shows the failing step, the broken host link and the enable-adapter preview, in English and 简体中文', async ({
    app,
  }, testInfo) => {
    await runWizard(app);
    await expect(app.getByTestId('check-adapter-enabled:VMnet8')).toHaveAttribute('data-status', 'fail');
    await expect(app.getByTestId('link-switch-host')).toHaveAttribute('data-state', 'broken');
    await expect(app.getByTestId('finding-ADAPTER_DISABLED')).toContainText('VMware Network Adapter VMnet8 is disabled');
    await app.getByTestId('fix-host.enable-adapter').click();
    await expect(app.getByTestId('fix-commands')).toHaveText(
      "Enable-NetAdapter -Name 'VMware Network Adapter VMnet8' -IncludeHidden -Confirm:$false",
    );
    await expect(app.getByTestId('fix-not-here')).toBeVisible();
    await expect(app.getByTestId('fix-apply')).toHaveCount(0);
    await attachScreenshot(app, testInfo, 'bundle-vmnet8-disabled-en.png');

    await app.getByTestId('language-select').selectOption('zh-CN');
    await expect(app.getByTestId('finding-ADAPTER_DISABLED')).toContainText('VMware Network Adapter VMnet8 已被禁用');
    await attachScreenshot(app, testInfo, 'bundle-vmnet8-disabled-zh-CN.png');

    const axe = await new AxeBuilder({ page: app }).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  });
});

test.describe('firewall blocks echo on the Public profile', () => {
  test.use({ bundleDir: bundle('firewall-blocks-echo-public') });

  test('offers a rule scoped to the VM subnet, never switching the firewall off', async ({ app }, testInfo) => {
    await runWizard(app);
    await expect(app.getByTestId('check-host-firewall:VMnet8')).toHaveAttribute('data-status', 'fail');
    await expect(app.getByTestId('check-network-profile:VMnet8')).toHaveAttribute('data-status', 'fail');
    await expect(app.getByTestId('link-switch-host')).toHaveAttribute('data-state', 'broken');
    await expect(app.getByTestId('finding-HOST_FIREWALL_BLOCKS_ICMP')).toBeVisible();
    await expect(app.getByTestId('finding-PUBLIC_NETWORK_PROFILE')).toBeVisible();
    await app.getByTestId('fix-host.allow-icmp').click();
    const commands = app.getByTestId('fix-commands');
    await expect(commands).toContainText('New-NetFirewallRule');
    await expect(commands).toContainText('-RemoteAddress 192.168.37.0/24 -Profile Public -Action Allow');
    await expect(commands).not.toContainText('-Enabled False');
    await attachScreenshot(app, testInfo, 'bundle-firewall-en.png');
    await app.getByTestId('language-select').selectOption('zh-TW');
    await expect(app.getByTestId('finding-HOST_FIREWALL_BLOCKS_ICMP')).toContainText('Windows 防火牆丟棄來自 VMnet8 的 ping');
    await attachScreenshot(app, testInfo, 'bundle-firewall-zh-TW.png');
  });
});

test.describe('healthy VMware NAT host', () => {
  test.use({ bundleDir: bundle('healthy-vmware-nat') });
  test('no problem, no red link', async ({ app }) => {
    await runWizard(app);
    await expect(app.getByTestId('no-findings')).toBeVisible();
    await expect(app.locator('[data-testid^="link-"][data-state="broken"]')).toHaveCount(0);
    await expect(app.getByTestId('link-switch-host')).toHaveAttribute('data-state', 'ok');
  });
});

test.describe('the verdict comes from the VM’s own path (issue 22)', () => {
  test.describe('an idle VMnet1 without an address beside the VM’s VMnet8 whose firewall drops ping', () => {
    test.use({ bundleDir: bundle('vmnet1-idle-firewall-blocks') });
    test('the firewall of VMnet8 is the verdict; VMnet1 is "also found"; the picture is VMnet8’s NAT network', async ({
      app,
    }, testInfo) => {
      await runWizard(app);
      const verdict = app.getByTestId('verdict');
      await expect(verdict).toHaveAttribute('data-verdict', 'cause');
      await expect(verdict.getByTestId('finding-HOST_FIREWALL_BLOCKS_ICMP')).toBeVisible();
      await expect(verdict.getByTestId('verdict-hop')).toContainText('That adapter’s network profile and firewall');
      await expect(app.getByTestId('also-found').getByTestId('finding-ADAPTER_NO_ADDRESS')).toContainText('VMnet1');
      const picture = app.getByTestId('topology');
      await expect(picture).toHaveAttribute('data-mode', 'nat');
      await expect(picture).toContainText('VMnet8');
      await expect(picture).not.toContainText('VMnet1');
      await expect(app.getByTestId('link-switch-host')).toHaveAttribute('data-state', 'broken');
      // The path in words: the VM's VMnet8 adapter works, its firewall is the broken hop.
      await expect(app.getByTestId('hop-host-adapter')).toHaveAttribute('data-status', 'pass');
      await expect(app.getByTestId('hop-host-firewall')).toHaveAttribute('data-status', 'fail');
      await expect(app.getByTestId('hop-host-firewall')).toContainText('broken');
      await attachScreenshot(app, testInfo, 'bundle-vmnet1-idle-firewall-en.png');
    });
  });

  test.describe('the firewall could not be read and the VM has a static address', () => {
    test.use({ bundleDir: bundle('firewall-unread-static-vm') });
    test('says it cannot tell, where, and how to find out — never a green "no problem"', async ({ app }, testInfo) => {
      await runWizard(app);
      const verdict = app.getByTestId('verdict');
      await expect(verdict).toHaveAttribute('data-verdict', 'unknown');
      await expect(app.getByTestId('no-findings')).toHaveCount(0);
      await expect(verdict).toContainText('Cannot tell yet: The firewall lets ping in on VMware Network Adapter VMnet8');
      await expect(verdict).toContainText('as administrator');
      await expect(app.getByTestId('hop-host-firewall')).toHaveAttribute('data-status', 'unknown');
      await expect(app.getByTestId('path')).not.toContainText('broken');
      await attachScreenshot(app, testInfo, 'bundle-firewall-unknown-en.png');
      await app.getByTestId('language-select').selectOption('zh-CN');
      await expect(verdict).toContainText('暂时无法判断');
      await expect(verdict).toContainText('以管理员身份');
      await attachScreenshot(app, testInfo, 'bundle-firewall-unknown-zh-CN.png');
    });
  });
});

test.describe('bridged mode, drawn for who bridges', () => {
  test.describe('VMware: VMnet0 took Hyper-V’s vEthernet', () => {
    test.use({ bundleDir: bundle('vmnet0-on-hyperv-switch') });
    test('the VM on your LAN through VMnet0, its link broken, and the fix keeps VMnet0 off the vEthernet', async ({
      app,
    }, testInfo) => {
      await runWizard(app);
      const picture = app.getByTestId('topology');
      await expect(picture).toHaveAttribute('data-mode', 'bridged');
      await expect(picture).toHaveAttribute('data-bridge', 'vmware');
      await expect(picture).toContainText('Your LAN (bridged)VMnet0');
      // The host is this computer, not the VM the failing check names.
      await expect(picture).not.toContainText('This computerUbuntu');
      await expect(app.getByTestId('link-guest-switch')).toHaveAttribute('data-state', 'broken');
      await expect(app.getByTestId('finding-BRIDGE_MISBOUND')).toContainText('vEthernet (Default Switch)');
      await app.getByTestId('fix-vmware.set-bridge').click();
      await expect(app.getByTestId('fix-commands')).toContainText(
        "Disable-NetAdapterBinding -Name 'vEthernet (Default Switch)' -ComponentID vmware_bridge",
      );
      await attachScreenshot(app, testInfo, 'bundle-vmnet0-on-hyperv-en.png');
      await app.getByTestId('language-select').selectOption('zh-CN');
      await expect(picture).toContainText('您的局域网（桥接）VMnet0');
      await attachScreenshot(app, testInfo, 'bundle-vmnet0-on-hyperv-zh-CN.png');
    });
  });

  test.describe('VirtualBox: a VM bridged to a card that is gone', () => {
    test.use({ bundleDir: bundle('virtualbox-bridged-missing-nic') });
    test('the VM on your LAN through VirtualBox’s bridged adapter, its link broken', async ({ app }) => {
      await runWizard(app);
      const picture = app.getByTestId('topology');
      await expect(picture).toHaveAttribute('data-bridge', 'virtualbox');
      await expect(picture).toContainText('Your LAN (bridged)VirtualBox');
      await expect(app.getByTestId('link-guest-switch')).toHaveAttribute('data-state', 'broken');
    });
  });
});

test.describe('bundle mode is wholly the bundle', () => {
  test.use({ bundleDir: bundle('nat-service-stopped') });

  test('the form starts from the symptom the bundle was collected for, and Adapters lists the bundle machine’s adapters', async ({
    app,
  }) => {
    await expect(app.getByTestId('symptom-vm-no-internet')).toBeChecked();
    await app.getByRole('button', { name: 'Adapters', exact: true }).click();
    await expect(app.getByTestId('adapters-table')).toBeVisible();
    const shown = await app
      .getByTestId('adapter-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-adapter-name')));
    expect(shown).toContain('VMware Network Adapter VMnet8');
    expect(shown).not.toContain('lo'); // this Linux machine's loopback is not the bundle's
  });
});

test.describe('a folder that is not a bundle', () => {
  test.use({ bundleDir: fileURLToPath(new URL('../docs/', import.meta.url)) });

  test('is refused at start: a plain error at the top with the focus on it, Start disabled, never live mode', async ({ app }) => {
    const banner = app.getByTestId('bundle-unreadable');
    await expect(banner).toBeVisible();
    await expect(banner).toBeFocused();
    await expect(banner).toContainText('“docs” is not a VMnet Doctor bundle that can be read');
    await expect(app.getByTestId('run-diagnosis')).toBeDisabled();
    await expect(app.getByTestId('bundle-note')).toHaveCount(0);
    await app.getByTestId('language-select').selectOption('zh-CN');
    await expect(banner).toContainText('“docs”不是可以读取的 VMnet Doctor 诊断包');
  });
});

import { readFileSync } from 'node:fs';
import { attachScreenshot, expect, test } from './fixtures.ts';

// A real zh-CN capture (see main/explain/fixtures/README.md): VMnet1, VMnet8, two Wi-Fi Direct
// adapters, Hyper-V's Default Switch, WSL and the Wi-Fi uplink.
const capture = readFileSync(new URL('../main/explain/fixtures/zh-CN.short.hyperv-wsl-vmnet.txt', import.meta.url), 'utf8');

test('pasting a Chinese ipconfig explains every adapter, in English and in 简体中文', async ({ app }, testInfo) => {
  await app.getByRole('button', { name: 'Explain ipconfig' }).click();
  await app.getByTestId('ipconfig-input').fill(capture);
  await app.getByRole('button', { name: 'Explain', exact: true }).click();
  await expect(app.getByTestId('explain-result')).toBeVisible();

  const card = (name: string) => app.locator(`[data-testid="adapter-card"][data-name="${name}"]`);
  await expect(card('VMware Network Adapter VMnet8')).toHaveAttribute('data-category', 'vmware');
  await expect(card('VMware Network Adapter VMnet8')).toContainText('192.168.174.2');
  await expect(card('VMware Network Adapter VMnet1')).toContainText('host-only');
  await expect(card('vEthernet (Default Switch)')).toHaveAttribute('data-category', 'hyper-v');
  await expect(card('本地连接* 1')).toHaveAttribute('data-category', 'wifi-direct');
  await expect(card('本地连接* 1')).toContainText('Wi-Fi Direct');
  await expect(app.getByTestId('group-vm').getByTestId('adapter-card')).toHaveCount(4);
  await expect(app.getByTestId('group-host-uplink')).toContainText('WLAN');
  await expect(app.getByTestId('group-host-uplink')).toContainText('gateway 192.168.0.1');
  await attachScreenshot(app, testInfo, 'explain-en.png');

  await app.getByTestId('language-select').selectOption('zh-CN');
  await expect(app.getByRole('heading', { name: '这么多网卡都是什么？' })).toBeVisible();
  await expect(card('VMware Network Adapter VMnet8')).toContainText('网关和 DNS 应当是 192.168.174.2');
  await expect(card('本地连接* 1')).toContainText('与虚拟机无关');
  await expect(app.getByTestId('group-vm').getByRole('heading', { name: '虚拟机网络' })).toBeVisible();
  await attachScreenshot(app, testInfo, 'explain-zh-CN.png');
});

test('text that is not ipconfig output gets a clear error, in the reader’s language', async ({ app }) => {
  await app.getByRole('button', { name: 'Explain ipconfig' }).click();
  await app.getByTestId('ipconfig-input').fill('roses are red\nviolets are blue');
  await app.getByRole('button', { name: 'Explain', exact: true }).click();
  await expect(app.getByTestId('explain-error')).toContainText('This is not the output of ipconfig');
  await app.getByTestId('language-select').selectOption('zh-CN');
  await expect(app.getByTestId('explain-error')).toContainText('这不是 ipconfig 的输出');
  // The system's own (English) message only behind "technical details".
  await expect(app.getByTestId('explain-error').locator('details pre')).not.toBeVisible();
});

import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode.ts';
import { runProcess } from './process-runner.ts';

const node = process.execPath;

/** Running, sleeping or stopped; a zombie (killed, not yet reaped by init) counts as gone. */
function isAlive(pid: number): boolean {
  try {
    const state = /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return state !== undefined && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

describe('runProcess on real processes', () => {
  it('runs a normal command and captures its output', async () => {
    const r = await runProcess(node, ['-e', 'process.stdout.write("hello")'], { timeoutMs: 10_000 });
    expect(r.status).toBe('ok');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('hello');
  });

  it('reports a missing program as not installed', async () => {
    const r = await runProcess('vmnet-doctor-no-such-tool', ['--x'], { timeoutMs: 5000 });
    expect(r.status).toBe('not-installed');
    expect(r.message).toMatch(/not installed/);
  });

  it('reports a non-zero exit with its code and stderr', async () => {
    const r = await runProcess(node, ['-e', 'console.error("bad"); process.exit(3)'], { timeoutMs: 10_000 });
    expect(r.status).toBe('exit');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('bad');
  });

  it('passes hostile arguments as single arguments, never through a shell', async () => {
    const hostile = `a'b"c $(touch /tmp/pwned) \`id\`; rm -rf / && | \n x`;
    const r = await runProcess(node, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', hostile], {
      timeoutMs: 10_000,
    });
    expect(JSON.parse(r.stdout)).toEqual([hostile]);
  });

  it('kills the whole process tree at the timeout', async () => {
    // The child starts a grandchild that would outlive a plain kill of the child.
    const script = `
      const { spawn } = require('node:child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      console.log(g.pid);
      setInterval(() => {}, 1000);`;
    const started = Date.now();
    const r = await runProcess(node, ['-e', script], { timeoutMs: 1500 });
    expect(r.status).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(6000);
    const grandchild = Number(r.stdout.trim());
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isAlive(grandchild)).toBe(false);
  });

  it('caps oversized output and stops the program', async () => {
    const r = await runProcess(node, ['-e', 'setInterval(() => process.stdout.write("x".repeat(65536)), 1)'], {
      timeoutMs: 10_000,
      maxOutputBytes: 100_000,
    });
    expect(r.status).toBe('output-limit');
    expect(r.stdout.length).toBeLessThanOrEqual(100_000);
  });

  it('decodes UTF-16LE output with and without a BOM', async () => {
    const r = await runProcess(node, ['-e', 'process.stdout.write(Buffer.from("以太网适配器 Ethernet0:", "utf16le"))'], {
      timeoutMs: 10_000,
    });
    expect(r.stdout).toBe('以太网适配器 Ethernet0:');
  });

  it('decodes GBK output with the OEM fallback code page', async () => {
    const gbkHex = iconv.encode('以太网适配器 VMware Network Adapter VMnet8:', 'gbk').toString('hex');
    const r = await runProcess(node, ['-e', `process.stdout.write(Buffer.from("${gbkHex}", "hex"))`], {
      timeoutMs: 10_000,
      fallbackEncoding: 'cp936',
    });
    expect(r.stdout).toBe('以太网适配器 VMware Network Adapter VMnet8:');
  });
});

describe('decodeBytes', () => {
  it('honours BOMs and recognises UTF-8, UTF-16LE, Big5 and GBK', () => {
    const text = '乙太網路卡 乙太網路:';
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).text).toBe(text);
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).text).toBe(text);
    expect(decodeBytes(Buffer.from(text, 'utf8')).encoding).toBe('utf8');
    expect(decodeBytes(iconv.encode(text, 'big5'), 'auto', 'cp950').text).toBe(text);
    expect(decodeBytes(iconv.encode('子网掩码', 'gbk'), 'cp936').text).toBe('子网掩码');
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { AdapterListing } from '../../common/domain.ts';
import { dispatch, senderMatches } from './dispatch.ts';

const APP_URL = 'file:///opt/VMnet%20Doctor/resources/app.asar/out/renderer/index.html';
const trusted = senderMatches(APP_URL);
const ctx = { shell: 'electron' as const, emit: vi.fn() };

describe('dispatch: the one gate of the bridge', () => {
  it('answers a valid request from the app page', async () => {
    const r = await dispatch({ senderUrl: APP_URL, operation: 'app.info', params: {} }, trusted, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ shell: 'electron', version: expect.any(String) });
  });

  it.each([
    ['a web page', 'https://evil.example/index.html'],
    ['another file', 'file:///tmp/evil.html'],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['no sender', null],
    ['garbage', 'not a url'],
  ])('refuses a request from %s', async (_label, senderUrl) => {
    const r = await dispatch({ senderUrl, operation: 'app.info', params: {} }, trusted, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.any(String) } });
  });

  it.each([
    ['an unknown operation', 'shell.exec', {}],
    ['a prototype key as operation', '__proto__', {}],
    ['a non-string operation', 42, {}],
  ])('refuses %s', async (_label, operation, params) => {
    const r = await dispatch({ senderUrl: APP_URL, operation, params }, trusted, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unknown-operation');
  });

  it.each([
    ['an extra key', { timeoutMs: 1000, command: 'rm -rf /' }],
    ['a wrong type', { timeoutMs: '1000' }],
    ['a value out of range', { timeoutMs: 10 }],
    ['a fractional number', { timeoutMs: 1000.5 }],
    ['an array', [1, 2]],
    ['a string', 'ip addr'],
  ])('refuses parameters with %s before running anything', async (_label, params) => {
    const r = await dispatch({ senderUrl: APP_URL, operation: 'adapters.list', params }, trusted, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid-params');
    expect(ctx.emit).not.toHaveBeenCalled();
  });
});

describe('senderMatches', () => {
  it('accepts the same page with a fragment or query, nothing else', () => {
    expect(trusted(`${APP_URL}#/adapters`)).toBe(true);
    expect(trusted(`${APP_URL}?x=1`)).toBe(true);
    expect(trusted(APP_URL.replace('index.html', 'other.html'))).toBe(false);
    const dev = senderMatches('http://localhost:5173/');
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
  });
});

describe('explain operations', () => {
  it('explains pasted text and reports bad input as typed errors', async () => {
    const text =
      'Windows IP Configuration\n\nEthernet adapter VMware Network Adapter VMnet8:\n\n   IPv4 Address. . . . . . . . . . . : 192.168.37.1\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n';
    const good = await dispatch({ senderUrl: APP_URL, operation: 'explain.ipconfig', params: { text } }, trusted, ctx);
    expect(good).toMatchObject({ ok: true, value: { adapters: [{ vmnet: 'VMnet8', relevance: 'vm' }] } });
    const poem = await dispatch(
      { senderUrl: APP_URL, operation: 'explain.ipconfig', params: { text: 'roses are red' } },
      trusted,
      ctx,
    );
    expect(poem).toMatchObject({ ok: false, error: { code: 'not-ipconfig' } });
    const huge = await dispatch(
      { senderUrl: APP_URL, operation: 'explain.ipconfig', params: { text: 'a'.repeat(5 * 1024 * 1024) } },
      trusted,
      ctx,
    );
    expect(huge).toMatchObject({ ok: false, error: { code: 'too-large' } });
    const wrong = await dispatch({ senderUrl: APP_URL, operation: 'explain.ipconfig', params: { text: 42 } }, trusted, ctx);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });

  it('says reading this machine needs Windows, here', async () => {
    const r = await dispatch({ senderUrl: APP_URL, operation: 'explain.thisMachine', params: {} }, trusted, ctx);
    if (process.platform !== 'win32') expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});

describe('bundle mode is wholly the bundle', () => {
  const bundleDir = new URL('../../test/bundles/windows/vmnet8-disabled/', import.meta.url).pathname;
  it('the adapters listed are the bundle machine’s, never this computer’s', async () => {
    const r = await dispatch({ senderUrl: APP_URL, operation: 'adapters.list', params: {} }, trusted, { ...ctx, bundleDir });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const listing = r.value as AdapterListing;
    expect(listing.platform).toBe('windows');
    expect(listing.probe.status).toBe('ok');
    expect(listing.adapters.map((a) => a.name)).toContain('VMware Network Adapter VMnet8');
    expect(listing.adapters.map((a) => a.name)).not.toContain('lo');
  });

  it('a folder that is not a bundle lists nothing, and says why', async () => {
    const r = await dispatch({ senderUrl: APP_URL, operation: 'adapters.list', params: {} }, trusted, {
      ...ctx,
      bundleDir: new URL('../../docs/', import.meta.url).pathname,
    });
    expect(r.ok && r.value).toMatchObject({
      adapters: [],
      probe: { status: 'failed', error: expect.stringMatching(/cannot be read/) },
    });
  });
});

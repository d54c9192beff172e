import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './server.ts';

let harness: Harness;
const dir = mkdtempSync(join(tmpdir(), 'vmnet-harness-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(tmpdir(), 'vmnet-secret.txt'), 'secret');

beforeAll(async () => {
  harness = await startHarness({ rendererDir: dir });
});
afterAll(() => harness.close());

/** Raw HTTP so Host and Origin can be set the way an attacker's browser would. */
function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { port } = new URL(harness.origin);
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (body: unknown, headers: Record<string, string> = {}) =>
  call('/api/invoke', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${harness.token}`, Origin: harness.origin, ...headers },
    body: JSON.stringify(body),
  });

describe('browser harness', () => {
  it('listens on loopback only and puts the token in the fragment', () => {
    expect(harness.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(harness.url).toBe(`${harness.origin}/#token=${harness.token}`);
  });

  it('serves the renderer with a strict CSP', async () => {
    const r = await call('/');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await call('/../vmnet-secret.txt')).status).toBe(404);
    expect((await call('/%2e%2e/vmnet-secret.txt')).status).toBe(404);
  });

  it('answers a valid invoke', async () => {
    const r = await invoke({ operation: 'app.info', params: {} });
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { shell: 'harness' } });
  });

  it('refuses a missing or wrong token', async () => {
    expect((await invoke({ operation: 'app.info' }, { Authorization: 'Bearer nope' })).status).toBe(401);
    expect((await invoke({ operation: 'app.info' }, { Authorization: '' })).status).toBe(401);
  });

  it('refuses a foreign origin', async () => {
    const r = await invoke({ operation: 'app.info', params: {} }, { Origin: 'https://evil.example' });
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses a rebound host name', async () => {
    expect((await call('/', { headers: { Host: 'evil.example' } })).status).toBe(421);
  });

  it('refuses malformed and oversized bodies with typed errors', async () => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${harness.token}` };
    const bad = await call('/api/invoke', { method: 'POST', headers, body: '{not json' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    const big = await call('/api/invoke', { method: 'POST', headers, body: 'x'.repeat(9 * 1024 * 1024) }).catch(() => ({
      status: 413,
      body: '',
    }));
    expect(big.status).toBe(413);
    const wrong = await invoke({ operation: 'adapters.list', params: { timeoutMs: 'soon' } });
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });

  it('refuses the event stream without the token', async () => {
    const r = await call('/api/events?token=wrong');
    expect(r.status).toBe(401);
  });
});

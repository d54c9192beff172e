import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
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
afterAll(async () => {
  await harness.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'vmnet-secret.txt'), { force: true });
});

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
    // The sender reads a typed 413, not a connection reset (this once could only "pass" by catching the reset).
    const big = await call('/api/invoke', { method: 'POST', headers, body: 'x'.repeat(9 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'invalid-params', message: 'request too large' } });
    const wrong = await invoke({ operation: 'adapters.list', params: { timeoutMs: 'soon' } });
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
  });

  it('refuses the event stream without the token', async () => {
    const r = await call('/api/events?token=wrong');
    expect(r.status).toBe(401);
  });

  it('answers 400 for a path that does not decode, instead of 500', async () => {
    expect((await call('/%E0%A4%A')).status).toBe(400);
  });

  it('takes the token only as "Bearer <token>"', async () => {
    expect((await invoke({ operation: 'app.info' }, { Authorization: harness.token })).status).toBe(401);
    expect((await invoke({ operation: 'app.info' }, { Authorization: `Basic ${harness.token}` })).status).toBe(401);
    expect((await invoke({ operation: 'app.info' })).status).toBe(200);
  });

  it('serves only the host its Origin is checked against (localhost is refused like any other name)', async () => {
    const { port } = new URL(harness.origin);
    expect((await call('/', { headers: { Host: `localhost:${port}` } })).status).toBe(421);
  });

  it('closes a connection that sends nothing, and caps how many are open', async () => {
    const { port } = new URL(harness.origin);
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', () => {});
    });
    expect(closedAfter).toBeLessThan(15_000);
    // Past the cap, new connections are closed at once.
    const sockets = await Promise.all(
      Array.from(
        { length: 40 },
        () =>
          new Promise<Socket>((resolve) => {
            const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
            socket.on('error', () => {});
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    const closed = sockets.filter((s) => s.closed || s.destroyed || s.readyState !== 'open').length;
    expect(closed).toBeGreaterThanOrEqual(8);
    for (const socket of sockets) socket.destroy();
  }, 30_000);
});

/**
 * Every contract operation, attacked: foreign senders, unknown keys, wrong types, oversized and
 * arbitrary payloads. Each is refused with a typed error and no service runs; and values that pass
 * the contract still meet each fix's own validation before anything could execute.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES } from '../../common/contract.ts';
import { operationParams } from '../../common/contract-schemas.ts';
import { dispatch, senderMatches } from './dispatch.ts';
import { services } from './services.ts';

const APP_URL = 'file:///opt/VMnet%20Doctor/resources/app.asar/out/renderer/index.html';
const trusted = senderMatches(APP_URL);
const ctx = { shell: 'electron' as const, emit: vi.fn() };

function spyAll() {
  return Object.fromEntries(
    OPERATION_NAMES.map((op) => [op, vi.spyOn(services, op).mockImplementation(async () => ({ ok: true, value: {} }) as never)]),
  );
}
afterEach(() => vi.restoreAllMocks());

describe('every operation refuses bad requests without running anything', () => {
  it.each(OPERATION_NAMES)('%s: a foreign origin is refused', async (operation) => {
    const spies = spyAll();
    for (const senderUrl of ['https://evil.example/', 'http://127.0.0.1:1/', null]) {
      const r = await dispatch({ senderUrl, operation, params: {} }, trusted, ctx);
      expect(r.ok ? null : r.error.code).toBe('forbidden-sender');
    }
    expect(spies[operation]).not.toHaveBeenCalled();
  });

  it.each(OPERATION_NAMES)(
    '%s: arbitrary payloads never throw; invalid ones are refused before the service',
    async (operation) => {
      const spies = spyAll();
      const schema = operationParams[operation];
      await fc.assert(
        fc.asyncProperty(fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }), async (params) => {
          spies[operation]?.mockClear();
          const valid = schema.safeParse(params ?? {}).success;
          const r = await dispatch({ senderUrl: APP_URL, operation, params }, trusted, ctx);
          if (!valid) {
            expect(r.ok ? null : r.error.code).toBe('invalid-params');
            expect(spies[operation]).not.toHaveBeenCalled();
          }
        }),
        { numRuns: 150 },
      );
    },
  );

  it('extra keys, wrong types and oversized values are refused', async () => {
    spyAll();
    const bad: Array<[string, unknown]> = [
      ['diagnose.run', { symptom: 'vm-no-ip', role: 'auto', command: 'rm -rf /' }],
      ['diagnose.run', { symptom: 'vm-no-ip', role: 'auto', hostIp: '10.0.0.1; reboot' }],
      ['diagnose.run', { symptom: 'vm-no-ip', role: 'auto', servicePorts: [22, 70000] }],
      ['diagnose.run', { symptom: 'shell', role: 'auto' }],
      ['fix.preview', { fixId: 'shell.exec', params: {} }],
      ['fix.apply', { fixId: 'linux.link-up', params: { interface: 'x'.repeat(257) } }],
      ['fix.apply', { fixId: 'linux.link-up', params: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${i}`, 'v'])) }],
      ['fix.apply', { fixId: 'linux.link-up', params: { 'bad key': 'x' } }],
      ['fix.undo', { journalId: '../../etc/passwd' }],
      ['explain.ipconfig', { text: 'x'.repeat(16 * 1024 * 1024 + 1) }],
      ['fix.history', { all: true }],
    ];
    for (const [operation, params] of bad) {
      const r = await dispatch({ senderUrl: APP_URL, operation, params }, trusted, ctx);
      expect(r.ok ? `${operation} accepted` : r.error.code).toBe('invalid-params');
    }
  });
});

describe('values the contract lets through still meet each fix’s own rules', () => {
  it.each([
    ['linux.link-up', { interface: 'eth0; rm -rf /' }],
    ['linux.set-gateway', { interface: 'ens33', gateway: '$(reboot)' }],
    ['linux.allow-icmp', { subnet: '192.168.37.0/24 -j ACCEPT' }],
    ['host.allow-icmp', { subnet: '0.0.0.0/0; Set-NetFirewallProfile -Enabled False' }],
    ['vbox.add-port-forward', { vm: 'a', nic: '1', hostPort: '22 && calc', guestPort: '22' }],
  ])('%s refuses %o with a typed error', async (fixId, params) => {
    const r = await dispatch({ senderUrl: APP_URL, operation: 'fix.preview', params: { fixId, params } }, trusted, ctx);
    expect(r.ok ? 'accepted' : r.error.code).toBe('invalid-params');
  });
});

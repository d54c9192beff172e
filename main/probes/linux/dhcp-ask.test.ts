/** What dhclient printed while asking for an address (lab recordings, fixtures/README.md), read as an answer. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProbeSource } from '../source.ts';
import { askDhcp, parseDhclientAnswer } from './dhcp-ask.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/dhclient-ask.${name}.lab.txt`, import.meta.url), 'utf8');

describe('parseDhclientAnswer', () => {
  it('nobody answered: no-server', () => {
    expect(parseDhclientAnswer(fixture('no-server'))).toEqual({ outcome: 'no-server' });
  });
  it('an offer and its ack: offered, with the server and the address', () => {
    expect(parseDhclientAnswer(fixture('offered'))).toMatchObject({ outcome: 'offered', acknowledged: true });
    expect(parseDhclientAnswer(fixture('offered'))).toHaveProperty('server', expect.stringMatching(/^192\.168\.\d+\.1$/));
  });
  it('a NAK followed by an offer is an offer (the network does give an address); a NAK alone is a refusal', () => {
    expect(parseDhclientAnswer(fixture('nak-then-offer'))?.outcome).toBe('offered');
    const nakOnly = fixture('nak-then-offer')
      .split('\n')
      .filter((l) => !/DHCPOFFER|DHCPACK|DHCPREQUEST for 192/.test(l))
      .join('\n');
    expect(parseDhclientAnswer(nakOnly)).toEqual({ outcome: 'refused', server: expect.stringMatching(/^192\.168\.\d+\.1$/) });
  });
  it('output that never asked (dhclient refused to start) says nothing', () => {
    expect(parseDhclientAnswer('Failed to get realpath for ask.leases: No such file or directory\nexiting.')).toBeNull();
    expect(parseDhclientAnswer('DHCPOFFER of not-an-ip from 1.2.3.4')).toBeNull();
  });
});

describe('askDhcp when dhclient cannot ask', () => {
  const source = (stderr: string, status: 'exit' | 'not-installed' = 'exit') =>
    ({
      mode: 'replay',
      run: async (file: string, args: readonly string[]) => ({
        status,
        argv: [file, ...args],
        exitCode: 1,
        signal: null,
        stdout: '',
        stderr,
        durationMs: 3,
      }),
    }) as unknown as ProbeSource;

  it('not installed, refused its sockets or its files: unavailable with the reason, never "no server"', async () => {
    expect(await askDhcp('ens33', source('', 'not-installed'))).toMatchObject({ answer: null, unavailable: 'no-dhclient' });
    const refused = await askDhcp('ens33', source('socket: Operation not permitted\nexiting.'));
    expect(refused.answer).toBeNull();
    // Root is refused only by a confinement (AppArmor); anyone else lacks the rights.
    expect(refused.unavailable).toBe(process.getuid?.() === 0 ? 'confined' : 'needs-root');
    expect(refused.report.status).toBe('unavailable');
  });
});

import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../runner/process-runner.ts';
import type { ProbeSource } from '../source.ts';
import { measurePathMtu, parseToldMtu, probeWaitMs } from './path-mtu.ts';

/** A path that carries `limit` bytes: larger DF pings are lost, or answered by "Frag needed" when `tells`. */
function pathOf(limit: number, tells = false) {
  const sizes: number[] = [];
  const source = {
    run: async (_tool: string, argv: string[]): Promise<RunResult> => {
      const size = Number(argv[argv.indexOf('-s') + 1]) + 28;
      sizes.push(size);
      const base = { argv: ['ping', ...argv], signal: null, stderr: '', durationMs: 1 };
      if (size <= limit)
        return {
          ...base,
          status: 'ok',
          exitCode: 0,
          stdout: `${size - 20} bytes from 203.0.113.10: icmp_seq=1 ttl=63 time=0.2 ms\n`,
        };
      const stdout = tells ? `From 192.168.37.2 icmp_seq=1 Frag needed and DF set (mtu = ${limit})\n` : '';
      return { ...base, status: 'exit', exitCode: 1, stdout: `${stdout}1 packets transmitted, 0 received\n` };
    },
  } as unknown as ProbeSource;
  return { source, sizes };
}

describe('path MTU beyond the gateway', () => {
  it.each([1420, 1400, 1492, 1337, 1281, 600])('finds a silent %i-byte path exactly, in at most three rounds', async (limit) => {
    const { source } = pathOf(limit);
    const r = await measurePathMtu(source, '203.0.113.10', 1500, 0.3);
    expect(r).toMatchObject({ fullSize: false, told: null, pathMtu: limit });
    expect(r.rounds).toBeLessThanOrEqual(limit < 1280 ? 4 : 3);
  });

  it('a full-size path is one round, every probe answered at once', async () => {
    const { source, sizes } = pathOf(1500);
    expect(await measurePathMtu(source, '203.0.113.10', 1500, 0.3)).toMatchObject({ fullSize: true, pathMtu: 1500, rounds: 1 });
    expect(sizes).toContain(1500);
  });

  it('a path that says how large a packet may be is told, not searched', async () => {
    const { source } = pathOf(1400, true);
    expect(await measurePathMtu(source, '203.0.113.10', 1500, 0.3)).toMatchObject({
      fullSize: false,
      told: 1400,
      pathMtu: 1400,
      rounds: 1,
    });
  });

  it('nothing crossing at all is no size', async () => {
    const { source } = pathOf(100);
    expect((await measurePathMtu(source, '203.0.113.10', 1500, 0.3)).pathMtu).toBeNull();
  });

  it('reads what routers and the kernel say, and waits a few round trips', () => {
    expect(parseToldMtu('From 10.0.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)')).toBe(1400);
    expect(parseToldMtu('ping: local error: message too long, mtu=1420')).toBe(1420);
    expect(parseToldMtu('1 packets transmitted, 0 received')).toBeNull();
    expect(probeWaitMs(0.1)).toBe(60);
    expect(probeWaitMs(30)).toBe(170);
    expect(probeWaitMs(null)).toBe(600);
    expect(probeWaitMs(900)).toBe(600);
  });
});

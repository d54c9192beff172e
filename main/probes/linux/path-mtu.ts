/**
 * The largest packet that crosses the whole path to an internet target, with "do not fragment"
 * set. A router that cannot pass a packet says so (ICMP "fragmentation needed", which ping prints
 * as "mtu = N"): the VM's TCP then adapts by itself and nothing is broken. A path that narrows
 * beyond the gateway and says nothing (a VPN or PPPoE link whose ICMP is filtered: a black hole)
 * is the fault: small packets pass, TLS handshakes and downloads hang.
 *
 * The search is parallel: the full size with the usual tunnel and PPPoE sizes at once, then evenly
 * spaced sizes between the largest that passed and the smallest that did not, until they meet —
 * three rounds or so, each as long as one lost probe's wait (from the target's round trip): few
 * probes per round, since starting a process costs more than a lost probe's short wait.
 */
import { displayCommand, pingAnswered } from '../probe.ts';
import type { ProbeSource } from '../source.ts';

/** IPv4 and ICMP headers: a ping of `mtu - 28` bytes of data fills a packet of `mtu`. */
export const ICMP_OVERHEAD = 28;
/** MTUs seen on real paths: PPPoE (1492), tunnels (1480–1380), IPv6-minimum-inspired 1280, down to IPv4's 576. */
const USUAL_MTUS = [1492, 1480, 1460, 1440, 1420, 1400, 1380, 1360, 1300, 1280, 1200, 1000, 576];
/** Sizes tried at once in each refining round. */
const PER_ROUND = 7;
const MAX_ROUNDS = 5;

export interface PathMtu {
  target: string;
  /** The NIC's MTU: the size the VM sends. */
  mtu: number;
  /** A full-size packet crossed. */
  fullSize: boolean;
  /** What a router on the way said its link carries ("fragmentation needed", mtu = N), when one did. */
  told: number | null;
  /** The largest size that crossed, when the path narrows silently; null when none did. */
  pathMtu: number | null;
  /** How long one lost probe waited, and how many rounds the search took. */
  waitMs: number;
  rounds: number;
  durationMs: number;
  command: string;
}

/** "Frag needed and DF set (mtu = 1400)" from a router, or "local error: message too long, mtu=1400" once the kernel knows. */
export function parseToldMtu(text: string): number | null {
  const m = /mtu\s*=\s*(\d{2,5})/i.exec(text);
  const n = m ? Number(m[1]) : Number.NaN;
  return n >= 68 && n <= 65535 ? n : null;
}

/** How long a lost probe waits: a few of the target's round trips, within 60–600 ms. */
export function probeWaitMs(rttMs: number | null): number {
  const rtt = rttMs ?? 150;
  return Math.round(Math.min(600, Math.max(60, rtt * 4 + 50)));
}

export function dfPingArgv(target: string, mtu: number, waitMs: number): string[] {
  return ['-c', '1', '-W', (waitMs / 1000).toFixed(2), '-M', 'do', '-s', String(mtu - ICMP_OVERHEAD), '-n', target];
}

/**
 * Measures the path to `target` for a NIC of `mtu` bytes; `rttMs` is the target's round trip
 * from a small ping that crossed (the caller asks only when one did).
 */
export async function measurePathMtu(source: ProbeSource, target: string, mtu: number, rttMs: number | null): Promise<PathMtu> {
  const started = performance.now();
  const waitMs = probeWaitMs(rttMs);
  let told: number | null = null;
  const probe = async (size: number): Promise<boolean> => {
    const run = await source.run('ping', dfPingArgv(target, size, waitMs), { timeoutMs: waitMs + 1500 });
    told ??= parseToldMtu(`${run.stdout}\n${run.stderr}`);
    return pingAnswered(run) === true;
  };
  const done = (fields: Pick<PathMtu, 'fullSize' | 'pathMtu' | 'rounds'>): PathMtu => ({
    target,
    mtu,
    told,
    waitMs,
    ...fields,
    durationMs: Math.round(performance.now() - started),
    command: displayCommand(['ping', ...dfPingArgv(target, mtu, waitMs)]),
  });
  // The full size first: on a healthy path it answers within a round trip and nothing else runs.
  // When it has not answered by then, the usual sizes go out beside it (round one), then sizes
  // between the largest that passed and the smallest that did not, until they meet.
  const full = probe(mtu);
  const early = await Promise.race([full, sleep(Math.min(30, waitMs / 3)).then(() => null)]);
  if (early === true) return done({ fullSize: true, pathMtu: mtu, rounds: 1 });
  let passed = 0;
  let failed = mtu + 1;
  let sizes = told === null ? USUAL_MTUS.filter((m) => m < mtu) : [];
  let rounds = 0;
  let pending: Promise<boolean> | null = full;
  while (rounds < MAX_ROUNDS) {
    rounds++;
    const answers = await Promise.all([
      ...(pending ? [pending.then((ok) => [mtu, ok] as const)] : []),
      ...sizes.map(async (size) => [size, await probe(size)] as const),
    ]);
    pending = null;
    for (const [size, ok] of answers) {
      if (ok) passed = Math.max(passed, size);
      else failed = Math.min(failed, size);
    }
    if (passed === mtu) return done({ fullSize: true, pathMtu: mtu, rounds });
    if (told !== null || passed === 0 || failed - passed <= 1) break;
    sizes = spaced(passed, failed);
  }
  return done({ fullSize: false, pathMtu: told ?? (passed || null), rounds });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Up to PER_ROUND sizes strictly between `low` and `high`, evenly spaced. */
function spaced(low: number, high: number): number[] {
  const gap = high - low - 1;
  const count = Math.min(PER_ROUND, gap);
  return [...new Set(Array.from({ length: count }, (_, i) => low + Math.round(((i + 1) * (gap + 1)) / (count + 1))))].filter(
    (s) => s > low && s < high,
  );
}

/**
 * `collect` inside the lab's guest, then `diagnose --from` outside any namespace (no packets
 * sent): the replay must give exactly the checks and findings the live run gave.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VmwareNatLab } from '../../lab/lab.ts';
import { cliIn, inject, labAvailable, labPerTest } from './helpers.ts';

const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;

describe.skipIf(!labAvailable())('collect and diagnose --from in the lab', () => {
  const lab = labPerTest(() => new VmwareNatLab());

  it.each([null, 'nat-stopped', 'guest-firewall-icmp'])('replays the guest’s diagnosis (fault: %s)', async (fault) => {
    const l = await lab();
    if (fault) await inject(l, fault);
    const out = join(l.dir, 'bundle');
    const collected = cliIn(l.ns.guest, l.dir, 'collect', '--out', out, '--json', ...l.guestDiagnoseArgs());
    expect(collected.status, collected.stderr).toBe(0);
    const live = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const replay = spawnSync(process.execPath, [cli, 'diagnose', '--from', out, '--json'], { encoding: 'utf8' });
    const replayed = JSON.parse(replay.stdout);
    expect(replayed.checks).toEqual(live.checks);
    expect(replayed.findings).toEqual(live.findings);
    expect(replay.status).toBe(live.findings.some((f: { severity: string }) => f.severity === 'error') ? 1 : 0);
    if (fault === 'nat-stopped') expect(live.findings[0].id).toBe('NO_INTERNET');
    if (fault === 'guest-firewall-icmp')
      expect(live.findings.map((f: { id: string }) => f.id)).toContain('GUEST_FIREWALL_BLOCKS_ICMP');
  });
});

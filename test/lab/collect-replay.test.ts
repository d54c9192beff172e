/**
 * `collect` inside the lab's guest, then `diagnose --from` outside any namespace (no packets
 * sent): the replay must give exactly the checks and findings the live run gave, and the same
 * with the guest's rules in any order.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VmwareNatLab } from '../../lab/lab.ts';
import { englishProse, stringsIn } from '../i18n/english-prose.ts';
import { replayGuestInAnyOrder } from '../rules/any-order.ts';
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
    // The same facts with the guest's rules in every order: the same checks and findings.
    const anyOrder = await replayGuestInAnyOrder(out);
    expect(anyOrder.findings.map((f) => f.id).sort()).toEqual(live.findings.map((f: { id: string }) => f.id).sort());
    expect(replay.status).toBe(live.findings.some((f: { severity: string }) => f.severity === 'error') ? 1 : 0);
    if (fault === 'nat-stopped') expect(live.findings[0].id).toBe('NO_INTERNET');
    if (fault === 'guest-firewall-icmp')
      expect(live.findings.map((f: { id: string }) => f.id)).toContain('GUEST_FIREWALL_BLOCKS_ICMP');
  });

  // The lab's faults as a Chinese reader sees them: collected in the guest, read back through the
  // command line in zh-CN and zh-TW, text and JSON. Names the machine reported are not prose.
  it.each([
    [null, []],
    ['nat-stopped', []],
    ['gateway-dot1', []],
    ['nameserver-dead', []],
    ['interface-down', []],
    ['guest-firewall-icmp', []],
    ['service-on-loopback', ['--service-port', '8080']],
  ] as const)('speaks Chinese about fault %s, with no English prose', async (fault, extra) => {
    const l = await lab();
    if (fault) await inject(l, fault);
    const out = join(l.dir, 'bundle');
    expect(cliIn(l.ns.guest, l.dir, 'collect', '--out', out, ...l.guestDiagnoseArgs(), ...extra).status).toBe(0);
    const live = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    if (fault) expect(live.findings.length).toBeGreaterThan(0);
    await replayGuestInAnyOrder(out);
    const names = stringsIn([
      live.findings.map((f: { params: unknown; evidence: unknown }) => [f.params, f.evidence]),
      live.checks,
    ]);
    for (const lang of ['zh-CN', 'zh-TW']) {
      const text = spawnSync(process.execPath, [cli, 'diagnose', '--from', out, '--lang', lang], { encoding: 'utf8' });
      for (const line of text.stdout.split('\n')) expect(englishProse(line, names), `${lang}: ${line}`).toBeNull();
      const doc = JSON.parse(
        spawnSync(process.execPath, [cli, 'diagnose', '--from', out, '--lang', lang, '--json'], { encoding: 'utf8' }).stdout,
      );
      for (const f of doc.findings) expect(englishProse(`${f.title}\n${f.detail}`, stringsIn(f.params)), f.id).toBeNull();
      for (const c of doc.checks) expect(englishProse(c.title, stringsIn(c.params)), c.id).toBeNull();
    }
  });
});

/**
 * Networks inside the guest (Docker's) that overlap the VM network, on a real lab: a compose
 * network pinned to the VM network's subnet (compassvpn/agent#122, docker/compose#6555) takes the
 * host's address and the gateway's route; the doctor names it on the VM's routing, with the way
 * out, and following that way out heals it. Docker on subnets of its own says nothing.
 */
import { describe, expect, it } from 'vitest';
import { DOCKER_COMPOSE_BRIDGE, dockerBridge, listenOn22 } from '../../lab/faults.ts';
import { VmwareNatLab } from '../../lab/lab.ts';
import { guestDiagnose, inject, labAvailable, labPerTest } from './helpers.ts';

const runLab = labAvailable();
const newLab = labPerTest(() => new VmwareNatLab());

async function hostReachesGuest(l: VmwareNatLab): Promise<boolean> {
  const out = await l.exec(l.ns.host, ['ping', '-c', '1', '-W', '1', '-n', (await l.guestAddress()) ?? ''], true);
  return / 0% packet loss/.test(out);
}

describe.runIf(runLab)('lab: a Docker network inside the guest', () => {
  it('healthy control: docker0 and a compose network on subnets of their own give no finding', async () => {
    const l = await newLab();
    await listenOn22(l); // "the host can't reach the VM" asks about SSH
    await dockerBridge(l, 'docker0', '172.17.0.1/16');
    await dockerBridge(l, DOCKER_COMPOSE_BRIDGE, '172.18.0.1/16');
    for (const symptom of ['auto', 'host-cannot-reach-vm', 'vm-no-internet']) {
      const { report, ids, status } = guestDiagnose(l, '--symptom', symptom);
      expect(ids, symptom).toEqual([]);
      expect(status).toBe(0);
      expect(report.checks.find((c: { id: string }) => c.id === 'routing').status).toBe('pass');
    }
  }, 90_000);

  it('a compose network pinned to the VM network: SUBNET_CONFLICT on the VM’s routing, named with its owner; its way out heals it', async () => {
    const l = await newLab();
    await listenOn22(l);
    await inject(l, 'docker-compose-overlap');
    expect(await hostReachesGuest(l)).toBe(false);
    for (const symptom of ['host-cannot-reach-vm', 'vm-cannot-ping-host', 'vm-no-internet', 'auto']) {
      const { report, ids } = guestDiagnose(l, '--symptom', symptom);
      expect(ids[0], symptom).toBe('SUBNET_CONFLICT');
      expect(report.verdict, symptom).toMatchObject({ kind: 'cause', hop: 'vm-route', finding: 'SUBNET_CONFLICT' });
      // Consequences are not blamed: the host "answering" (the VM itself) and DNS through the captured gateway.
      expect(ids).not.toContain('DNS_BROKEN');
    }
    const { report } = guestDiagnose(l, '--symptom', 'host-cannot-reach-vm');
    const f = report.findings[0];
    expect(f.params).toMatchObject({
      vmnet: l.guestIf,
      subnet: `${l.subnet}.0/24`,
      otherDevice: DOCKER_COMPOSE_BRIDGE,
      otherRoute: `${l.subnet}.0/24`,
      owner: 'docker-network',
      captures: ['host', 'gateway'],
      hostIsOwn: true,
    });
    // No fix that could not be undone is offered: the way out is in the detail, with the exact lines.
    expect(f.offers).toEqual([]);
    expect(f.detail).toContain(`- subnet: ${f.params.free}`);
    expect(report.checks.find((c: { id: string }) => c.id === 'host')).toMatchObject({
      status: 'skip',
      evidence: { reason: 'local-network-capture' },
    });

    // What the way out does: Docker's network on the free subnet (docker compose down/up recreates it there).
    const free: string = f.params.free;
    await l.exec(l.ns.guest, ['ip', 'addr', 'flush', 'dev', DOCKER_COMPOSE_BRIDGE]);
    await l.exec(l.ns.guest, ['ip', 'addr', 'add', free.replace(/\.0\/24$/, '.1/24'), 'dev', DOCKER_COMPOSE_BRIDGE]);
    expect(guestDiagnose(l, '--symptom', 'host-cannot-reach-vm').ids).toEqual([]);
    expect(await hostReachesGuest(l)).toBe(true);
  }, 120_000);
});

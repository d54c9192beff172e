/**
 * A live Windows diagnosis's orchestration, with PowerShell stood in by a host that answers each
 * probe from a scenario bundle's documents: the same findings as the replay, and exactly one
 * process launched — the PowerShell session — for all probes, including the follow-up ping.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFromBundle } from '../../test/powershell-stand-in.ts';
import { readBundle } from '../bundle/bundle.ts';
import { liveSource, ReplaySource } from '../probes/source.ts';
import { PowerShellSession } from '../runner/powershell-session.ts';
import { launchCount } from '../runner/process-runner.ts';
import { diagnose } from './diagnose.ts';
import { gatherWindowsFacts } from './windows-facts.ts';
import { diagnoseWindowsHost } from './windows-rules.ts';

const root = new URL('../../test/bundles/windows/', import.meta.url).pathname;
describe('a live Windows diagnosis (PowerShell stood in)', () => {
  it.each(['vmnet8-disabled', 'firewall-blocks-echo-public', 'virtualbox-nat-unreachable'])(
    '%s: one session, one batch, the firewall on its own budget, the follow-up ping; same findings as the replay',
    async (name) => {
      const dir = join(root, name);
      const bundle = await readBundle(dir);
      const invocations: string[] = [];
      const session = new PowerShellSession({ factory: hostFromBundle(dir, invocations) });
      const before = launchCount();
      const facts = await gatherWindowsFacts(bundle.request, liveSource, session);
      const launched = launchCount() - before;
      await session.dispose();
      const live = diagnoseWindowsHost(facts);
      const replay = await diagnose(bundle.request, new ReplaySource(bundle.records), 'windows');
      expect(live.findings.map((f) => f.id)).toEqual(replay.findings.map((f) => f.id));
      expect(launched).toBe(1);
      expect(invocations).toHaveLength(3);
      expect(invocations[0]).toMatch(
        /^batch:adapters,connection-profiles,services,vmware-config,virtualbox,hyperv,vmware-guests,elevation$/,
      );
      expect(invocations.slice(1)).toEqual(['batch:firewall', 'batch:ping-vm']);
      expect(facts.probes.every((p) => p.status === 'ok')).toBe(true);
    },
  );
});

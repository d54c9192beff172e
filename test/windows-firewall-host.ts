/**
 * A Windows host's firewall as the echo judgement sees it, for the tests and the benchmark: the
 * VMnet8 adapter (192.168.37.1/24) on the Private profile, every profile on with inbound Block by
 * default (as mondoohq/mql's Windows Server 2022 recording shows), and the rules given.
 */
import type { ExplainedLiveAdapter } from '../common/domain.ts';
import type { IcmpRule, WindowsHostFacts } from '../main/diagnosis/windows-facts.ts';

export const VMNET8 = {
  name: 'VMware Network Adapter VMnet8',
  index: 22,
  category: 'vmware',
  ipv4: [{ address: '192.168.37.1', prefixLength: 24, mask: '255.255.255.0' }],
} as ExplainedLiveAdapter;
export const VMNET8_SUBNET = { network: '192.168.37.0', prefixLength: 24 };

export const firewallHost = (rules: IcmpRule[]) =>
  ({
    profiles: [{ alias: VMNET8.name, index: 22, category: 'Private' }],
    firewall: {
      profiles: ['Domain', 'Private', 'Public'].map((name) => ({
        name,
        enabled: true,
        defaultInboundAction: 'Block',
        allowInboundRules: true,
      })),
      icmpRules: rules,
    },
    options: { symptom: 'vm-cannot-ping-host' },
  }) as unknown as WindowsHostFacts;

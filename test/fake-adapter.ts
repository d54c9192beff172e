/** A live adapter for the pure rules' unit tests: an up Ethernet-like NIC with no address, as `over` changes it. */
import type { ExplainedLiveAdapter } from '../common/domain.ts';

export const fakeAdapter = (over: Partial<ExplainedLiveAdapter> = {}): ExplainedLiveAdapter => ({
  name: 'eth0',
  description: null,
  index: 2,
  state: 'up',
  mac: null,
  ipv4: [],
  ipv6: [],
  kind: null,
  gateways: [],
  macVendor: null,
  category: 'physical-ethernet',
  vmnet: null,
  relevance: 'host-uplink',
  ruleId: 'ethernet',
  explanation: { en: '', 'zh-CN': '', 'zh-TW': '' },
  ...over,
});

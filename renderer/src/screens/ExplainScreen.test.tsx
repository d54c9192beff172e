import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/topology.ts';
import { languageName, looksLikeLinux } from './ExplainScreen.tsx';

describe('Explain, for what people really paste', () => {
  it('Linux ip addr or ifconfig output is recognised (the Adapters tab is the answer); ipconfig is not', () => {
    expect(
      looksLikeLinux(
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue\n2: ens33: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500',
      ),
    ).toBe(true);
    expect(looksLikeLinux('ens33: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500')).toBe(true);
    expect(looksLikeLinux('Windows IP Configuration\r\n\r\nEthernet adapter VMware Network Adapter VMnet8:')).toBe(false);
  });

  it('the language of the text is named in the reader’s language, not as a code', () => {
    expect(languageName('de', 'en')).toBe('German');
    expect(languageName('zh-CN', 'zh-CN')).not.toBe('zh-CN');
    expect(languageName('not a code!', 'en')).toBe('not a code!');
  });
});

describe('the picture never contradicts the checklist', () => {
  it('with failed checks but no broken link it counts them', () => {
    const t = buildTopology({ role: 'host', findings: [], checks: [{ id: 'vm-answers', title: 'x', status: 'fail' }] });
    expect(t.links.some((l) => l.state === 'broken')).toBe(false);
    expect(t.failed).toBe(1);
  });
});

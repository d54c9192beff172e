import { describe, expect, it } from 'vitest';
import type { DiagnosisView } from '../../../common/domain.ts';
import { judgedReport } from '../../../test/judged-report.ts';
import { translator } from '../i18n/index.ts';
import { reportMarkdown } from './report.ts';

const view: DiagnosisView = {
  source: 'live',
  report: judgedReport(
    {
      role: 'host',
      platform: 'windows',
      durationMs: 900,
      probes: [],
      checks: [
        { id: 'adapter-enabled:VMnet8', title: 'x', status: 'fail', params: { adapter: 'VMware Network Adapter VMnet8' } },
        { id: 'nat-service', title: 'x', status: 'pass' },
      ],
      findings: [
        {
          id: 'ADAPTER_DISABLED',
          severity: 'error',
          title: 'x',
          detail: 'x',
          params: { adapter: 'VMware Network Adapter VMnet8', product: 'vmware', vmnet: 'VMnet8', nat: true, network: null },
          evidence: {},
          fixes: ['host.enable-adapter'],
          offers: [{ fix: 'host.enable-adapter', params: { adapter: 'VMware Network Adapter VMnet8' } }],
        },
      ],
    },
    'vm-cannot-ping-host',
  ),
};

describe('the forum post', () => {
  it('holds the symptom, the verdict in words, its fix command and the failing checks — no internal ids as prose', () => {
    const md = reportMarkdown(view, translator('en'), true, 'en', 'The VM can’t ping my computer');
    expect(md).toContain('**Problem:** The VM can’t ping my computer');
    expect(md).toContain('**Verdict:** VMware Network Adapter VMnet8 is disabled');
    expect(md).toContain("`vmnet-doctor fix host.enable-adapter --param 'adapter=VMware Network Adapter VMnet8' --dry-run`");
    expect(md).toMatch(/### Checks that failed or could not tell\n\n- ❌ VMware Network Adapter VMnet8 is enabled/);
    expect(md).not.toMatch(/Broken: [a-z]+-[a-z]+/);
    const zh = reportMarkdown(view, translator('zh-CN'), true, 'zh-CN', '虚拟机 ping 不通主机');
    expect(zh).toContain('**问题:** 虚拟机 ping 不通主机');
    expect(zh).toContain('主机 · Windows');
  });
});

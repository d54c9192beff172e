import { describe, expect, it } from 'vitest';
import type { DiagnosisView, FixPreview } from '../../../common/domain.ts';
import { judgedReport } from '../../../test/judged-report.ts';
import { translator } from '../i18n/index.ts';
import { reportHtml, reportMarkdown } from './report.ts';

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
    expect(md).toMatch(
      /### Checks that failed or could not tell\n\n- \*\*✗ failed\*\* · VMware Network Adapter VMnet8 is enabled/,
    );
    expect(md).not.toMatch(/Broken: [a-z]+-[a-z]+/);
    const zh = reportMarkdown(view, translator('zh-CN'), true, 'zh-CN', '虚拟机 ping 不通主机');
    expect(zh).toContain('**问题:** 虚拟机 ping 不通主机');
    expect(zh).toContain('主机 · Windows');
  });
});

/** What the wizard's preview of the offered fix says (its exact commands), as the service returns it. */
const preview: FixPreview = {
  fixId: 'host.enable-adapter',
  params: { adapter: 'VMware Network Adapter VMnet8' },
  platform: 'windows',
  summaryParams: { adapter: 'VMware Network Adapter VMnet8' },
  summary: '',
  steps: ["Enable-NetAdapter -Name 'VMware Network Adapter VMnet8' -Confirm:$false"],
  elevated: [true],
  undo: ["Disable-NetAdapter -Name 'VMware Network Adapter VMnet8' -Confirm:$false"],
  canApply: false,
  whyNot: 'bundle',
};

describe('reports as good as the screen', () => {
  it('the forum post carries the fix’s exact commands (the copied script), not a command to preview them', () => {
    const md = reportMarkdown(view, translator('en'), true, 'en', 'The VM can’t ping my computer', [preview]);
    expect(md).toContain('```powershell\n# VMnet Doctor: ');
    expect(md).toContain("Enable-NetAdapter -Name 'VMware Network Adapter VMnet8' -Confirm:$false\n```");
    expect(md).not.toContain('--dry-run');
  });

  it('the HTML file: symptom, verdict, the picture, the commands, evidence in words, statuses in words — in Chinese too', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const t = translator(lang);
      const html = reportHtml(view, t, true, lang, t('wizard.symptom.vm-cannot-ping-host'), [preview]);
      expect(html).toContain(`${t('report.problem')}:</strong> ${t('wizard.symptom.vm-cannot-ping-host')}`);
      expect(html).toMatch(/<figure><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 740 220"/);
      expect(html).toContain('Enable-NetAdapter -Name &#39;VMware Network Adapter VMnet8&#39; -Confirm:$false');
      expect(html).toContain(`<span class="st fail">✗ ${t('check.status.fail')}</span>`);
      expect(html).not.toMatch(/[✅❌❔➖]/u);
      expect(html).not.toContain('ADAPTER_DISABLED');
      expect(html).toContain(lang === 'en' ? 'host · Windows' : '主机 · Windows');
    }
  });
});

/**
 * Shared reports leak nothing planted: MACs in every form (and the IPv6 link-local made from one),
 * IPv6 and public addresses, user names in paths, host and VM names and .vmx paths — in values,
 * in ids and in JSON keys — through the Markdown, HTML and JSON exports of every scenario bundle.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiagnosisView } from '../../../common/domain.ts';
import { readBundle } from '../../../main/bundle/bundle.ts';
import { diagnose } from '../../../main/diagnosis/diagnose.ts';
import { ReplaySource } from '../../../main/probes/source.ts';
import { handFinding, judgedReport } from '../../../test/judged-report.ts';
import { translator } from '../i18n/index.ts';
import { redact } from './redact.ts';
import { reportHtml, reportJson, reportMarkdown } from './report.ts';

const SECRETS = [
  'DESKTOP-SECRET1',
  'alice.secret',
  'bob.secret',
  '080027465c5b',
  '08:00:27:46:5c:5b',
  '08-00-27-46-5C-5B',
  '0800.2746.5c5b',
  'fe80::a00:27ff:fe46:5c5b',
  '2001:db8:77::42',
  '81.2.69.142',
  '8.8.4.4',
  'pc42.corp.secret-company.com',
  'SecretVM',
  'D:\\VMs\\Hidden Project\\hidden.vmx',
];

/** A report with the secrets planted where real ones turn up: evidence, params, check ids and JSON keys. */
function plant(view: DiagnosisView): DiagnosisView {
  const report = structuredClone(view.report);
  report.checks.push({
    id: 'vbox-cable:SecretVM NIC 1',
    title: 'SecretVM NIC 1: cable connected',
    status: 'fail',
    params: { label: 'SecretVM NIC 1' },
    evidence: { vm: 'SecretVM', '81.2.69.142': 'an address as a key', path: 'C:\\Users\\alice.secret\\AppData' },
  });
  report.findings.push(
    handFinding({
      id: 'DUPLICATE_MAC',
      severity: 'error',
      title: 'x',
      detail: 'x',
      params: {
        mac: '08:00:27:46:5c:5b',
        interface: null,
        linkLocal: 'fe80::a00:27ff:fe46:5c5b',
        vms: ['SecretVM', 'D:\\VMs\\Hidden Project\\hidden.vmx'],
        network: 'VirtualBox hostonly vboxnet0',
        hypervisor: 'VirtualBox',
        vm: 'SecretVM',
        nic: 1,
      },
      evidence: {
        hostName: 'DESKTOP-SECRET1',
        bare: '080027465c5b',
        dashed: '08-00-27-46-5C-5B',
        cisco: '0800.2746.5c5b',
        v6: '2001:db8:77::42',
        dns: ['8.8.4.4'],
        fqdn: 'pc42.corp.secret-company.com',
        home: '/home/bob.secret/vms',
      },
      fixes: ['guest.new-mac'],
      offers: [{ fix: 'guest.new-mac', params: { vm: 'SecretVM', nic: '1', mac: '080027465c5b' } }],
    }),
  );
  return { ...view, report };
}

const bundles = new URL('../../../test/bundles/windows/', import.meta.url).pathname;

describe('redaction', () => {
  it('gives the same value the same placeholder everywhere, and different values different ones', () => {
    const out = redact({
      a: '08:00:27:46:5c:5b',
      b: 'MAC 080027465C5B and 0800.2746.5c5b',
      c: '00:50:56:c0:00:08',
      d: 'C:\\Users\\Alice\\x and C:\\Users\\alice\\y',
    });
    expect(out.a).toBe('[mac-1]');
    expect(out.b).toBe('MAC [mac-1] and [mac-1]');
    expect(out.c).toBe('[mac-2]');
    expect(out.d).toBe('C:\\Users\\[user-1]\\x and C:\\Users\\[user-1]\\y');
  });

  it('keeps what the diagnosis is made of: private addresses, subnets, file names', () => {
    const keep = { gw: '192.168.37.2', net: '192.168.37.0/24', file: 'vmnetdhcp.conf', time: '12:34:56', lo: '::1' };
    expect(redact(keep)).toEqual(keep);
  });

  it('keeps .NET types, command names, label and sysctl keys that look like host names, and still hides host names', () => {
    const keep = {
      type: 'System.Net.NetworkInformation.Ping',
      ns: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.Enabled',
      cmd: 'Get-NetFirewallRule; New-Object System.Net.NetworkInformation.Ping',
      label: 'com.docker.compose.project',
      sysctl: 'net.ipv4.ip_forward and net.bridge.bridge-nf-call-iptables',
      files: '/etc/docker/daemon.json, docker-compose.yml',
    };
    expect(redact(keep)).toEqual(keep);
    const hidden = redact({ a: 'pc42.corp.secret-company.com', b: 'nas.home.lan answered', c: 'DC01.CORP.EXAMPLE.COM' });
    expect(hidden.a).toMatch(/^\[host-\d+\]$/);
    expect(hidden.b).toMatch(/^\[host-\d+\] answered$/);
    expect(hidden.c).toMatch(/^\[host-\d+\]$/);
  });

  for (const name of readdirSync(bundles).sort()) {
    it(`${name}: no planted secret survives in Markdown, HTML or JSON`, async () => {
      const bundle = await readBundle(join(bundles, name));
      const report = await diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
      const view = plant({ report, source: 'bundle', bundleName: name });
      for (const lang of ['en', 'zh-CN'] as const) {
        const t = translator(lang);
        const outputs = {
          md: reportMarkdown(view, t, true, lang),
          html: reportHtml(view, t, true, lang),
          json: reportJson(view, true),
        };
        for (const [kind, text] of Object.entries(outputs)) {
          // HTML and JSON escape backslashes and quotes their own way: compare against every form.
          const forms = (s: string) => [s, s.replace(/\\/g, '\\\\'), s.toLowerCase()];
          for (const secret of SECRETS)
            for (const form of forms(secret))
              expect(text.toLowerCase(), `${kind} ${lang}: ${secret}`).not.toContain(form.toLowerCase());
        }
        // Unredacted, they are all there: the check above can fail.
        expect(reportJson(view, false)).toContain('DESKTOP-SECRET1');
      }
    });
  }

  it('the Markdown export escapes raw HTML, Markdown markup and escape codes coming from names', () => {
    const view: DiagnosisView = {
      source: 'live',
      report: judgedReport({
        role: 'host',
        platform: 'windows',
        durationMs: 1,
        probes: [],
        checks: [],
        findings: [
          {
            id: 'PUBLIC_NETWORK_PROFILE',
            severity: 'warning',
            title: '',
            detail: '',
            params: { adapter: '<img src=x onerror=alert(1)>\u001b]0;t\u0007 **bold** `tick`' },
            evidence: {},
            fixes: ['host.set-private-profile'],
            offers: [{ fix: 'host.set-private-profile', params: { adapter: 'a`b <i>' } }],
          },
        ],
      }),
    };
    const md = reportMarkdown(view, translator('en'), false, 'en');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img');
    expect([...md].some((c) => c === '\u001b' || c === '\u0007')).toBe(false);
    expect(md).toContain('\\u001b');
    expect(md).not.toContain('**bold**');
    expect(md).not.toContain('a`b');
  });
});

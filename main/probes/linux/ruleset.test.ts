import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUfwStatus } from './firewall.ts';
import { rulesetFromIptablesSave, tablesIn, tokenize } from './iptables-ruleset.ts';
import { rulesetFromNftJson } from './nft-ruleset.ts';
import { forwardVerdict, icmpEchoVerdict, inputVerdict, masqueradedSources } from './ruleset.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const nft = (name: string) => rulesetFromNftJson(fixture(name));

describe('nft JSON rulesets (recorded)', () => {
  it('decides whether echo from a source is dropped', () => {
    expect(icmpEchoVerdict(nft('nft-j-ruleset.echo-drop.lab.json')).drops).toBe(true);
    const allowed = nft('nft-j-ruleset.echo-allowed-from-subnet.lab.json');
    expect(icmpEchoVerdict(allowed, '10.1.2.7').drops).toBe(false);
    expect(icmpEchoVerdict(allowed, '10.9.9.9').drops).toBe(true);
    // iptables-nft's "-p icmp --icmp-type 8 -j DROP" shows as an unreadable xt match: a drop we may not miss.
    const xt = icmpEchoVerdict(nft('nft-j-ruleset.iptables-nft-drop.lab.json'));
    expect(xt.drops).toBe(true);
    const policy = icmpEchoVerdict(nft('nft-j-ruleset.policy-drop.lab.json'));
    expect(policy.drops).toBe(true);
    expect(policy.rules.join(';')).toMatch(/policy drop/);
  });

  it('judges TCP ports with the same rules', () => {
    const ruleset = nft('nft-j-ruleset.echo-drop.lab.json'); // accepts tcp/22, drops echo, policy accept
    expect(inputVerdict(ruleset, { kind: 'tcp', port: 22 }).drops).toBe(false);
    expect(inputVerdict(ruleset, { kind: 'tcp', port: 22 }).rules.join()).toMatch(/accept/);
    expect(inputVerdict(ruleset, { kind: 'tcp', port: 8080 }).drops).toBe(false);
    const policy = nft('nft-j-ruleset.policy-drop.lab.json'); // ip table: policy drop, only tcp/22 accepted
    expect(inputVerdict(policy, { kind: 'tcp', port: 22 }).rules.some((r) => r.endsWith('accept'))).toBe(true);
    expect(inputVerdict(policy, { kind: 'tcp', port: 8080 }).drops).toBe(true);
  });

  it('cannot vouch for ufw through nft alone: its accepts are xt matches nft cannot print', () => {
    // The reason iptables-save is read too (see readFirewall): here the same echo would look dropped.
    const ufw = nft('nft-j-ruleset.ufw.lab.json');
    // (ufw's "conntrack INVALID → DROP" is an xt match too, so the walk cannot rule it out.)
    expect(icmpEchoVerdict(ufw, '192.168.37.5')).toMatchObject({
      drops: true,
      rules: [expect.stringMatching(/ufw-before-input handle \d+: drop/)],
    });
  });

  it('reads iptables-nft’s REJECT and MASQUERADE targets', () => {
    const both = nft('nft-j-ruleset.docker-and-libvirt.lab.json');
    expect(masqueradedSources(both).sort()).toEqual(['172.17.0.0/16', '192.168.122.0/24']);
  });
});

describe('iptables-save rulesets (recorded)', () => {
  it('tokenizes quoted comments like iptables-save writes them', () => {
    expect(tokenize('-A INPUT -m comment --comment "a \\"b\\" c" -j ACCEPT')).toEqual([
      '-A',
      'INPUT',
      '-m',
      'comment',
      '--comment',
      'a "b" c',
      '-j',
      'ACCEPT',
    ]);
  });

  it('ufw (nf_tables backend): same answers as through nft, with the decisive rule as text', () => {
    const ufw = rulesetFromIptablesSave(fixture('iptables-save.ufw.lab.txt'));
    expect(ufw.every((c) => c.origin === 'iptables')).toBe(true);
    const echo = icmpEchoVerdict(ufw, '192.168.37.5');
    expect(echo.drops).toBe(false);
    expect(echo.rules.join()).toMatch(/ufw-before-input -A ufw-before-input -p icmp -m icmp --icmp-type 8 -j ACCEPT: accept/);
    expect(inputVerdict(ufw, { kind: 'tcp', port: 22 }, '192.168.37.5').drops).toBe(false);
    const denied = inputVerdict(ufw, { kind: 'tcp', port: 22 }, '10.9.9.9');
    expect(denied.drops).toBe(true);
    expect(denied.rules.join()).toMatch(/INPUT: policy drop/);
    expect(inputVerdict(ufw, { kind: 'tcp', port: 8080 }).drops).toBe(true);
    expect(tablesIn(fixture('iptables-save.ufw.lab.txt'))).toContainEqual({ family: 'ip', table: 'filter' });
  });

  it('ufw status verbose (recorded): active, default deny incoming; inactive; garbage', () => {
    expect(parseUfwStatus(fixture('ufw-status-verbose.lab.txt'))).toEqual({ active: true, incoming: 'deny' });
    expect(parseUfwStatus('Status: inactive\n')).toEqual({ active: false, incoming: null });
    expect(parseUfwStatus('ERROR: You need to be root to run this script\n')).toBeNull();
  });

  it('iptables-legacy: header without a backend means legacy; a scoped echo accept', () => {
    const legacy = rulesetFromIptablesSave(fixture('iptables-legacy-save.echo-from-subnet.lab.txt'));
    expect(legacy[0]?.origin).toBe('iptables-legacy');
    expect(icmpEchoVerdict(legacy, '192.168.56.10').drops).toBe(false);
    expect(icmpEchoVerdict(legacy, '192.168.37.10').drops).toBe(true);
    expect(inputVerdict(legacy, { kind: 'tcp', port: 22 }, '10.0.0.1').drops).toBe(false);
  });

  it('Docker’s FORWARD DROP stops a libvirt network; libvirt’s own chains let it through, both ways', () => {
    const dockerOnly = rulesetFromIptablesSave(fixture('iptables-save.docker-forward-drop.lab.txt'));
    const vm = { iface: 'virbr0', subnet: '192.168.122.0/24' };
    const blocked = forwardVerdict(dockerOnly, vm);
    expect(blocked.drops).toBe(true);
    expect(blocked.rules.join()).toMatch(/FORWARD: policy drop/);
    // Docker's own bridge passes through its rules.
    expect(forwardVerdict(dockerOnly, { iface: 'docker0', subnet: '172.17.0.0/16' }).drops).toBe(false);

    const both = rulesetFromIptablesSave(fixture('iptables-save.docker-and-libvirt.lab.txt'));
    const passes = forwardVerdict(both, vm);
    expect(passes.drops).toBe(false);
    expect(passes.rules.join()).toMatch(/LIBVIRT_FWO -A LIBVIRT_FWO -s 192.168.122.0\/24 -i virbr0 -j ACCEPT: accept/);
    // Another network on the same host is rejected by libvirt's catch-all only if it is on virbr0.
    expect(forwardVerdict(both, { iface: 'virbr1', subnet: '192.168.100.0/24' }).drops).toBe(true);
    expect(masqueradedSources(both).sort()).toEqual(['172.17.0.0/16', '192.168.122.0/24']);
  });

  it('never throws on garbage, and a jump loop ends', () => {
    for (const junk of ['', '\u0000\u0001', '*filter\n-A', '-A INPUT -j', '*filter\n:INPUT DROP\n-A INPUT ! ! -s']) {
      expect(() => icmpEchoVerdict(rulesetFromIptablesSave(junk))).not.toThrow();
    }
    const loop = rulesetFromIptablesSave(
      '*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n',
    );
    expect(icmpEchoVerdict(loop).drops).toBe(false);
  });
});

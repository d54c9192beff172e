import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  icmpEchoVerdict,
  inputVerdict,
  parseArpingReplies,
  parseGetent,
  parseListeningPorts,
  parseNeighbours,
  parsePingRtt,
  parseResolvConf,
  parseRoutes,
} from './parsers.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('Linux parsers on outputs recorded in the lab', () => {
  it('ping: RTT of a reply, nothing for silence', () => {
    expect(parsePingRtt(fixture('ping-reply.lab.txt'))).toBeGreaterThan(0);
    expect(parsePingRtt(fixture('ping-no-reply.lab.txt'))).toBeNull();
  });

  it('arping -D: the MAC that answers for our address, none when free', () => {
    expect(parseArpingReplies(fixture('arping-D-reply.lab.txt'))).toEqual([
      expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
    ]);
    expect(parseArpingReplies(fixture('arping-D-no-reply.lab.txt'))).toEqual([]);
  });

  it('getent, ss, resolv.conf and routes', () => {
    expect(parseGetent(fixture('getent-ahostsv4.lab.txt'))).toEqual(['203.0.113.10']);
    expect(parseListeningPorts(fixture('ss-Htln.lab.txt'))).toEqual([53]);
    const resolv = parseResolvConf(fixture('resolv.conf.dhclient.lab.txt'));
    expect(resolv.nameservers).toHaveLength(1);
    expect(resolv.nameservers[0]).toMatch(/\.2$/);
    const routes = parseRoutes(fixture('ip-j-route.lab.json'));
    expect(routes.find((r) => r.dst === 'default')?.gateway).toMatch(/\.2$/);
  });

  it('nft: decides whether echo from a source is dropped', () => {
    expect(icmpEchoVerdict(fixture('nft-j-ruleset.echo-drop.lab.json')).drops).toBe(true);
    const allowed = fixture('nft-j-ruleset.echo-allowed-from-subnet.lab.json');
    expect(icmpEchoVerdict(allowed, '10.1.2.7').drops).toBe(false);
    expect(icmpEchoVerdict(allowed, '10.9.9.9').drops).toBe(true);
    expect(icmpEchoVerdict(fixture('nft-j-ruleset.iptables-nft-drop.lab.json')).drops).toBe(true);
    const policy = icmpEchoVerdict(fixture('nft-j-ruleset.policy-drop.lab.json'));
    expect(policy.drops).toBe(true);
    expect(policy.rules.join(';')).toMatch(/policy drop/);
  });

  it('nft: judges TCP ports with the same rules', () => {
    const ruleset = fixture('nft-j-ruleset.echo-drop.lab.json'); // accepts tcp/22, drops echo, policy accept
    expect(inputVerdict(ruleset, { kind: 'tcp', port: 22 }).drops).toBe(false);
    expect(inputVerdict(ruleset, { kind: 'tcp', port: 22 }).rules.join()).toMatch(/accept/);
    expect(inputVerdict(ruleset, { kind: 'tcp', port: 8080 }).drops).toBe(false);
    const policy = fixture('nft-j-ruleset.policy-drop.lab.json'); // ip table: policy drop, only tcp/22 accepted
    expect(inputVerdict(policy, { kind: 'tcp', port: 22 }).rules.some((r) => r.endsWith('accept'))).toBe(true);
    expect(inputVerdict(policy, { kind: 'tcp', port: 8080 }).drops).toBe(true);
  });

  it('ip -j neigh: a neighbour that answered ARP, and one that did not', () => {
    const n = parseNeighbours(fixture('ip-j-neigh.lab.json'));
    const states = [...n.values()].map((v) => v.state[0]).sort();
    expect(states).toEqual(['FAILED', 'REACHABLE']);
    expect([...n.values()].find((v) => v.state.includes('REACHABLE'))?.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(parseNeighbours('garbage').size).toBe(0);
  });

  it('never throws on garbage', () => {
    for (const junk of ['', 'x', '{}', '[1,2]', '{"nftables": [{"chain": null}, {"rule": {"expr": "x"}}]}', 'null']) {
      expect(() => [
        parseRoutes(junk),
        parseResolvConf(junk),
        parseGetent(junk),
        parseListeningPorts(junk),
        icmpEchoVerdict(junk),
      ]).not.toThrow();
    }
  });
});

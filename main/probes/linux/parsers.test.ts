import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rulesetFromNftJson } from './nft-ruleset.ts';
import {
  parseArpingReplies,
  parseGetent,
  parseListeningPorts,
  parseNeighbours,
  parsePingRtt,
  parseResolvConf,
  parseRoutes,
} from './parsers.ts';
import { icmpEchoVerdict } from './ruleset.ts';

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
        icmpEchoVerdict(rulesetFromNftJson(junk)),
      ]).not.toThrow();
    }
  });
});

/**
 * Every parser of outside text, with the real fixtures it is fed in tests, for the property-based
 * fuzzing (a bounded run in CI: parsers.property.test.ts; a long one: `npm run fuzz`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseCpuFlags } from '../../main/diagnosis/host-facts.ts';
import { wslNetworkingMode } from '../../main/diagnosis/windows-facts.ts';
import { parseNetXml } from '../../main/probes/libvirt/virsh-parsers.ts';
import { parseDockerNetwork } from '../../main/probes/linux/docker.ts';
import { rulesetFromIptablesSave } from '../../main/probes/linux/iptables-ruleset.ts';
import { rulesetFromNftJson } from '../../main/probes/linux/nft-ruleset.ts';
import {
  parseArpingReplies,
  parseGetent,
  parseNeighbours,
  parsePingRtt,
  parseResolvConf,
} from '../../main/probes/linux/parsers.ts';
import { parseToldMtu } from '../../main/probes/linux/path-mtu.ts';
import { LINUX_PROBES } from '../../main/probes/linux/registry/index.ts';
import {
  forwardVerdict,
  icmpEchoVerdict,
  inputVerdict,
  masqueradedSources,
  natVerdict,
} from '../../main/probes/linux/ruleset.ts';
import { parseHostOnlyIfs, parseMachineReadable } from '../../main/probes/virtualbox/vboxmanage.ts';
import { parseVmnetDhcpConf, parseVmnetNatConf } from '../../main/probes/vmware/vmnet-config.ts';
import { parseVmxEthernet } from '../../main/probes/vmware/vmx.ts';
import { WINDOWS_PROBES } from '../../main/probes/windows/registry/index.ts';

const dir = (path: string) => new URL(`../../main/${path}/`, import.meta.url);
const read = (path: string, match: RegExp) =>
  readdirSync(dir(path))
    .filter((f) => match.test(f))
    .map((f) => readFileSync(new URL(f, dir(path)), 'utf8'));

export interface FuzzedParser {
  name: string;
  parse: (text: string) => unknown;
  seeds: string[];
}

const linux = (match: RegExp) => read('probes/linux/fixtures', match);
const nft = linux(/^nft-/);
const iptables = linux(/^iptables-/);
/** Reading a ruleset and every question asked of it, as the diagnosis does. */
const judgeAll = (ruleset: ReturnType<typeof rulesetFromNftJson>) => [
  icmpEchoVerdict(ruleset, '192.168.37.77', 'ens33'),
  inputVerdict(ruleset, { kind: 'tcp', port: 22 }, '10.0.0.9'),
  forwardVerdict(ruleset, { iface: 'virbr0', subnet: '192.168.122.0/24' }),
  masqueradedSources(ruleset),
  natVerdict(ruleset, { iface: 'virbr0', subnet: '192.168.122.0/24' }),
];

export const PARSERS: FuzzedParser[] = [
  // Every Linux probe of the registry, fed its own fixtures.
  ...LINUX_PROBES.map(
    (probe): FuzzedParser => ({
      name: probe.argv.join(' '),
      parse: probe.parse,
      seeds: read(`probes/${(probe.fixtures.folder ?? 'linux/fixtures/').replace(/\/$/, '')}`, probe.fixtures.match),
    }),
  ),
  { name: 'ip -j neigh', parse: parseNeighbours, seeds: linux(/^ip-j-neigh/) },
  { name: 'resolv.conf', parse: parseResolvConf, seeds: linux(/^resolv/) },
  { name: 'ping', parse: parsePingRtt, seeds: linux(/^ping-/) },
  { name: 'arping', parse: parseArpingReplies, seeds: linux(/^arping/) },
  { name: 'getent', parse: parseGetent, seeds: linux(/^getent/) },
  { name: 'ping (told MTU)', parse: parseToldMtu, seeds: linux(/^ping-/) },
  { name: 'docker network inspect', parse: parseDockerNetwork, seeds: ['shop_default\tshop\n', 'bridge\t<no value>\n'] },
  { name: 'nft -j ruleset and its verdicts', parse: (t) => judgeAll(rulesetFromNftJson(t)), seeds: nft },
  { name: 'iptables-save and its verdicts', parse: (t) => judgeAll(rulesetFromIptablesSave(t)), seeds: iptables },
  { name: 'virsh net-dumpxml', parse: parseNetXml, seeds: read('probes/libvirt/fixtures', /^net-dumpxml/) },
  { name: 'vmnetdhcp.conf', parse: parseVmnetDhcpConf, seeds: read('probes/vmware/fixtures', /^dhcpd/) },
  { name: 'vmnetnat.conf', parse: parseVmnetNatConf, seeds: read('probes/vmware/fixtures', /^nat/) },
  { name: '.vmx network cards', parse: parseVmxEthernet, seeds: read('probes/vmware/fixtures', /^vmx/) },
  { name: 'VBoxManage showvminfo', parse: parseMachineReadable, seeds: read('probes/virtualbox/fixtures', /^showvminfo/) },
  { name: 'VBoxManage list hostonlyifs', parse: parseHostOnlyIfs, seeds: read('probes/virtualbox/fixtures', /^list-/) },
  // Every Windows probe's document reader, fed its fixture (and the adapters' hand-written listing).
  ...WINDOWS_PROBES.map(
    (probe): FuzzedParser => ({
      name: `Windows probe ${probe.id} (JSON)`,
      parse: (t) => {
        let data: unknown;
        try {
          data = JSON.parse(t);
        } catch {
          return null;
        }
        return probe.parse(data);
      },
      seeds: read('probes/windows/fixtures', new RegExp(`^${probe.id}\\.|^${probe.id}-.*\\.json$`)),
    }),
  ),
  { name: '.wslconfig', parse: wslNetworkingMode, seeds: ['[wsl2]\nnetworkingMode=mirrored\n'] },
  { name: '/proc/cpuinfo', parse: parseCpuFlags, seeds: read('diagnosis/fixtures', /^cpuinfo/) },
];

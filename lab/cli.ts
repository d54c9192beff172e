/**
 * `npm run lab -- <command>`: the lab by hand (root needed).
 *   up [--id ID] [--subnet A.B.C] [--host-only | --virtualbox]   build a VMware NAT (or host-only, or
 *                                   VirtualBox host-only) lab and print how to use it
 *   break ID FAULT [--virtualbox]   inject a named fault (list: `faults`)
 *   down ID                         remove one lab;  clean: remove every leftover lab
 */
import { parseArgs } from 'node:util';
import { FAULTS, faultNamed } from './faults.ts';
import { removeStaleLabs, VirtualBoxHostOnlyLab, VmwareNatLab } from './lab.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    id: { type: 'string' },
    subnet: { type: 'string' },
    'host-only': { type: 'boolean' },
    virtualbox: { type: 'boolean' },
  },
});
const [command, ...rest] = positionals;
const labFor = (id: string, subnet?: string) => {
  const options = { id, ...(subnet ? { subnet } : {}) };
  return values.virtualbox === true ? new VirtualBoxHostOnlyLab(options) : new VmwareNatLab(options);
};

if (command === 'up') {
  const common = {
    ...(typeof values.id === 'string' ? { id: values.id } : {}),
    ...(typeof values.subnet === 'string' ? { subnet: values.subnet } : {}),
  };
  const lab =
    values.virtualbox === true
      ? new VirtualBoxHostOnlyLab(common)
      : new VmwareNatLab({ ...common, hostOnly: values['host-only'] === true });
  await lab.up();
  process.stdout.write(
    [
      `lab ${lab.id} is up: VM network ${lab.subnet}.0/24, host ${lab.hostIp}, ${lab.hostOnly ? 'no NAT (host-only)' : `NAT ${lab.natIp}`}, DHCP ${lab.dhcpIp}, guest ${await lab.guestAddress()}`,
      `namespaces: ${Object.values(lab.ns).join(' ')}`,
      `diagnose as the guest:  ip netns exec ${lab.ns.guest} node bin/vmnet-doctor.js diagnose --internet-target 203.0.113.10 --dns-name lab.test --host-ip ${lab.hostIp}`,
      `break it:               npm run lab -- break ${lab.id} <fault> --subnet ${lab.subnet}   (faults: ${FAULTS.map((f) => f.name).join(', ')})`,
      `remove it:              npm run lab -- down ${lab.id}`,
      '',
    ].join('\n'),
  );
} else if (command === 'break' && rest[0] && rest[1]) {
  const fault = faultNamed(rest[1]);
  if (!fault) throw new Error(`no fault ${rest[1]}; see: npm run lab -- faults`);
  await fault.inject(labFor(rest[0], values.subnet));
  process.stdout.write(`${fault.name}: ${fault.description}\n`);
} else if (command === 'faults') {
  for (const f of FAULTS) process.stdout.write(`${f.name.padEnd(22)} ${f.description}\n`);
} else if (command === 'down' && rest[0]) {
  await labFor(rest[0]).down();
} else if (command === 'clean') {
  process.stdout.write(`removed ${await removeStaleLabs()} namespaces\n`);
} else {
  process.stderr.write(
    'usage: npm run lab -- up [--id ID] [--subnet A.B.C] [--host-only | --virtualbox] | break ID FAULT [--subnet A.B.C] [--virtualbox] | faults | down ID | clean\n',
  );
  process.exitCode = 2;
}

#!/usr/bin/env node
// vmrun.exe, VBoxManage.exe and vnetlib64.exe for the stubbed Windows: the program's name is the
// link it was started through. It prints the world's recorded answer for its exact arguments, and
// records the call (program and arguments, as it received them) in $VMNET_STUB_CALLS.
import { appendFileSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

const program = basename(process.argv[1]).replace(/\.exe$/, '');
const args = process.argv.slice(2);
if (process.env.VMNET_STUB_CALLS)
  appendFileSync(process.env.VMNET_STUB_CALLS, `${JSON.stringify({ command: `${program}.exe`, arguments: args })}\n`);
const world = JSON.parse(readFileSync(process.env.VMNET_STUB_WORLD, 'utf8'));
const answer = world.natives?.[program]?.[args.join(' ')];
// vnetlib reports success as exit code 1 (hashicorp/vagrant-vmware-desktop, VNETLIB.md).
const fallback =
  program === 'vnetlib64'
    ? { stdout: '', exitCode: 1 }
    : { stdout: '', exitCode: program === 'VBoxManage' && /^(controlvm|modifyvm|hostonlyif)$/.test(args[0] ?? '') ? 0 : 1 };
const { stdout, exitCode = 0 } = answer ?? fallback;
process.stdout.write(stdout);
process.exitCode = exitCode;

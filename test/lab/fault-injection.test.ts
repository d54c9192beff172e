/**
 * Fault injection in the lab: a tool that hangs is cut off and reported while the other probes
 * still report; a fix killed between its steps leaves a journal that the next run rolls back.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERNET_TARGET, LAB_DNS_NAME, VmwareNatLab } from '../../lab/lab.ts';
import { cliIn, labAvailable } from './helpers.ts';

const runLab = labAvailable();
const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;
let lab: VmwareNatLab | null = null;
afterEach(async () => {
  await lab?.down();
  lab = null;
});

/** A directory of fake tools that hang, put first on PATH. */
function hangingTools(dir: string, names: string[]): string {
  const bin = join(dir, 'fake-bin');
  mkdirSync(bin, { recursive: true });
  for (const name of names) {
    writeFileSync(join(bin, name), '#!/bin/sh\nsleep 60\n');
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

describe.runIf(runLab)('fault injection', () => {
  it('a hanging tool is cut off at the timeout and reported; the other probes still report', async () => {
    lab = new VmwareNatLab();
    await lab.up();
    const bin = hangingTools(lab.dir, ['ss']);
    const started = Date.now();
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(
        'ip',
        [
          'netns',
          'exec',
          lab?.ns.guest ?? '',
          process.execPath,
          cli,
          'diagnose',
          '--json',
          '--timeout-ms',
          '1500',
          '--internet-target',
          INTERNET_TARGET,
          '--dns-name',
          LAB_DNS_NAME,
        ],
        { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } },
      );
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ code, out }));
    });
    const report = JSON.parse(r.out);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(report.probes.find((p: { id: string }) => p.id === 'listening')).toMatchObject({ status: 'timeout' });
    expect(report.probes.filter((p: { status: string }) => p.status === 'ok').length).toBeGreaterThan(5);
    expect(report.checks.find((c: { id: string }) => c.id === 'internet').status).toBe('pass');
  }, 90_000);

  it('a fix killed between its steps is rolled back by the next run, and the journal says so', async () => {
    lab = new VmwareNatLab();
    await lab.up();
    const l = lab;
    await l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'down']);
    // link-up runs `ip link set up`, then dhclient; a dhclient that hangs leaves the fix mid-way.
    const bin = hangingTools(l.dir, ['dhclient']);
    const child = spawn(
      'ip',
      ['netns', 'exec', l.ns.guest, process.execPath, cli, 'fix', 'linux.link-up', '--param', `interface=${l.guestIf}`, '--yes'],
      {
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, VMNET_DOCTOR_STATE_DIR: join(l.dir, 'state') },
        detached: true,
        stdio: 'ignore',
      },
    );
    const journal = join(l.dir, 'state', 'journal');
    const entry = () => {
      const files = (() => {
        try {
          return readdirSync(journal).filter((f) => f.endsWith('.json'));
        } catch {
          return [];
        }
      })();
      return files[0] ? JSON.parse(readFileSync(join(journal, files[0]), 'utf8')) : null;
    };
    const deadline = Date.now() + 20_000;
    while (!(entry()?.stepsDone >= 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(entry()).toMatchObject({ status: 'pending', stepsDone: 1 });
    process.kill(-(child.pid ?? 0), 'SIGKILL');

    // The next run (here: undo) first completes the interrupted fix's rollback.
    const undo = cliIn(l.ns.guest, l.dir, 'undo', '--last');
    expect(undo.status).toBe(2); // nothing applied remains to undo…
    expect(entry()).toMatchObject({ status: 'rolled-back' }); // …because the interrupted one was rolled back
    expect(entry().log.join('\n')).toMatch(/interrupted/);
    const link = JSON.parse(await l.exec(l.ns.guest, ['ip', '-j', 'link', 'show', l.guestIf]))[0];
    expect(link.flags).not.toContain('UP'); // back to the state before the fix, as journaled
  }, 90_000);
});

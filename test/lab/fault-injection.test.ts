/**
 * Fault injection in the lab: a tool that hangs is cut off and reported while the other probes
 * still report; missing tools are named; the network vanishing mid-probe still gives a report;
 * a fix killed between its steps leaves a journal that the next run rolls back.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERNET_TARGET, LAB_DNS_NAME, VmwareNatLab } from '../../lab/lab.ts';
import { runProcess } from '../../main/runner/process-runner.ts';
import { cliIn, labAvailable, systemTool } from './helpers.ts';

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

/** The first fix entry in a journal folder, as written, or null when there is none yet. */
function firstEntry(journal: string) {
  let file: string | undefined;
  try {
    file = readdirSync(journal).find((f) => f.endsWith('.json'));
  } catch {
    return null;
  }
  return file ? JSON.parse(readFileSync(join(journal, file), 'utf8')) : null;
}

/** A PATH with only the named tools of this machine (the rest are "not installed"). */
function onlyTools(dir: string, names: string[]): string {
  const bin = join(dir, 'only-bin');
  mkdirSync(bin, { recursive: true });
  for (const name of names) {
    const found = systemTool(name);
    if (!found) throw new Error(`${name} is not on this machine`);
    symlinkSync(found, join(bin, name));
  }
  return bin;
}

/** `diagnose --json` as the lab's guest with PATH replaced; resolves when the CLI exits. */
function diagnoseWithPath(l: VmwareNatLab, path: string, whileRunning?: () => Promise<void>) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(
      'ip',
      ['netns', 'exec', l.ns.guest, process.execPath, cli, 'diagnose', '--json', ...l.guestDiagnoseArgs()],
      {
        env: { ...process.env, PATH: path },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
    void whileRunning?.();
  });
}

const STATUSES = ['ok', 'failed', 'timeout', 'unavailable'];
type Probe = { id: string; status: string; error?: string };

describe.runIf(runLab)('fault injection', () => {
  it('tools that are not installed are named, and what they would have checked stays unknown', async () => {
    lab = new VmwareNatLab();
    await lab.up();
    // Only ip and systemctl: no ping, nft, arping, ss or getent.
    const bin = onlyTools(lab.dir, ['ip', 'systemctl']);
    const r = await diagnoseWithPath(lab, bin);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    const probe = (id: string): Probe => report.probes.find((p: Probe) => p.id === id);
    for (const id of ['firewall', 'duplicate-address', 'listening', 'dns-lookup', 'ping-gateway', 'ping-host', 'ping-internet']) {
      expect(probe(id), id).toMatchObject({ status: 'unavailable', error: expect.stringMatching(/is not installed/) });
    }
    expect(probe('adapters').status).toBe('ok');
    const check = (id: string) => report.checks.find((c: { id: string }) => c.id === id);
    expect(check('link').status).toBe('pass');
    expect(check('default-route').status).toBe('pass');
    // What could not be checked says so and why, instead of passing or blaming the network.
    for (const id of ['duplicate-address', 'gateway', 'host', 'internet', 'dns', 'guest-firewall']) {
      expect(check(id), id).toMatchObject({
        status: 'unknown',
        evidence: { reason: 'probe-failed', probeError: expect.stringMatching(/not installed/) },
      });
    }
    expect(report.findings).toEqual([]);
  }, 90_000);

  it('the network vanishing in the middle of a diagnosis still gives a complete, valid report', async () => {
    lab = new VmwareNatLab();
    await lab.up();
    const l = lab;
    // A ping that signals when the pings start, then waits: the switch namespace is deleted right then,
    // which destroys the bridge and, with their veth peers, the guest's NIC.
    const bin = join(l.dir, 'slow-bin');
    const mark = join(l.dir, 'pinging');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'ping'), `#!/bin/sh\ntouch '${mark}'\nsleep 1\nexec /usr/bin/ping "$@"\n`);
    chmodSync(join(bin, 'ping'), 0o755);
    const r = await diagnoseWithPath(l, `${bin}:${process.env.PATH}`, async () => {
      const deadline = Date.now() + 20_000;
      while (!existsSync(mark) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      await runProcess('ip', ['netns', 'del', l.ns.sw], { timeoutMs: 10_000 });
    });
    expect([0, 1], r.err).toContain(r.code);
    const report = JSON.parse(r.out);
    for (const p of report.probes as Probe[]) expect(STATUSES).toContain(p.status);
    for (const c of report.checks) expect(['pass', 'fail', 'skip', 'unknown']).toContain(c.status);
    expect(report.checks.find((c: { id: string }) => c.id === 'link').status).toBe('pass'); // read before it vanished
    expect(report.probes.find((p: Probe) => p.id === 'ping-gateway').status).toBe('ok'); // ran, got no answer
    expect(report.checks.find((c: { id: string }) => c.id === 'gateway').status).toBe('fail');
    const links = JSON.parse(await l.exec(l.ns.guest, ['ip', '-j', 'link', 'show']));
    expect(links.map((x: { ifname: string }) => x.ifname)).not.toContain(l.guestIf); // it really vanished
  }, 90_000);

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
    const entry = () => firstEntry(journal);
    const deadline = Date.now() + 20_000;
    const stepsDone = () => (entry()?.log ?? []).filter((l: string) => l.startsWith('done: ')).length;
    while (!(stepsDone() >= 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(entry()).toMatchObject({ status: 'pending' });
    expect(stepsDone()).toBe(1);
    process.kill(-(child.pid ?? 0), 'SIGKILL');

    // The next run (here: undo) first completes the interrupted fix's rollback.
    const undo = cliIn(l.ns.guest, l.dir, 'undo', '--last');
    expect(undo.status).toBe(0);
    expect(undo.stderr).toMatch(/rolled back the interrupted linux\.link-up/); // it says what it rolled back
    expect(entry()).toMatchObject({ status: 'rolled-back' });
    expect(entry().log.join('\n')).toMatch(/interrupted/);
    const link = JSON.parse(await l.exec(l.ns.guest, ['ip', '-j', 'link', 'show', l.guestIf]))[0];
    expect(link.flags).not.toContain('UP'); // back to the state before the fix, as journaled
  }, 90_000);

  /** Starts `fix linux.link-up` in the guest with a dhclient that hangs as `sleep 61`, and waits for its first step. */
  async function fixHangingInDhclient(l: VmwareNatLab) {
    await l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'down']);
    const bin = join(l.dir, 'exec-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'dhclient'), '#!/bin/sh\nexec sleep 61\n');
    chmodSync(join(bin, 'dhclient'), 0o755);
    const child = spawn(
      'ip',
      ['netns', 'exec', l.ns.guest, process.execPath, cli, 'fix', 'linux.link-up', '--param', `interface=${l.guestIf}`, '--yes'],
      {
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, VMNET_DOCTOR_STATE_DIR: join(l.dir, 'state') },
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const journal = join(l.dir, 'state', 'journal');
    const entry = () => firstEntry(journal);
    const deadline = Date.now() + 20_000;
    while (!(entry()?.log ?? []).some((x: string) => x.startsWith('done: ip link set')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    // The hanging step is running now.
    while (!sleepers() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(sleepers()).toBe(true);
    return { child, exited, entry, stderr: () => stderr };
  }
  const sleepers = () => spawnSync('pgrep', ['-f', '^sleep 61$']).status === 0;

  it('Ctrl-C during a fix ends its running step and rolls the fix back; nothing is left running', async () => {
    lab = new VmwareNatLab();
    await lab.up();
    const l = lab;
    const run = await fixHangingInDhclient(l);
    process.kill(run.child.pid ?? 0, 'SIGINT'); // the CLI alone, as a terminal's Ctrl-C would reach it
    const code = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    expect(code).toBe(1); // rolled back
    expect(run.stderr()).toMatch(/SIGINT: stopping the running step/);
    expect(sleepers()).toBe(false);
    expect(run.entry()).toMatchObject({ status: 'rolled-back' });
    expect(run.entry().log.join('\n')).toMatch(/interrupted by SIGINT/);
    const link = JSON.parse(await l.exec(l.ns.guest, ['ip', '-j', 'link', 'show', l.guestIf]))[0];
    expect(link.flags).not.toContain('UP');
  }, 90_000);

  it('a fix killed outright (SIGKILL) takes its running step with it; the next run rolls it back', async () => {
    lab = new VmwareNatLab();
    await lab.up();
    const l = lab;
    const run = await fixHangingInDhclient(l);
    process.kill(run.child.pid ?? 0, 'SIGKILL'); // the CLI alone: its step lives in a group of its own
    await run.exited;
    const until = Date.now() + 3000;
    while (sleepers() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(sleepers()).toBe(false);
    expect(cliIn(l.ns.guest, l.dir, 'undo', '--last').status).toBe(0);
    expect(run.entry()).toMatchObject({ status: 'rolled-back' });
  }, 90_000);
});

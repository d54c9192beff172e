/**
 * VMnet Doctor run by an ordinary user (uid 65534) inside the lab's guest: what needs root is
 * reported, never guessed; a fix asks sudo (or pkexec) for exactly its own commands, and says
 * clearly when neither exists or the rights are refused, leaving the machine as it was.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VmwareNatLab } from '../../lab/lab.ts';
import { labAvailable, labPerTest, systemTool } from './helpers.ts';

const runLab = labAvailable();
const NOBODY = 65534;
const repo = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** Runs `argv` as uid/gid 65534 with no supplementary groups, inside namespace `ns`. */
function asNobody(ns: string, argv: string[], env: Record<string, string>) {
  // Absolute paths: `env.PATH` is the user's (possibly without sudo), not the test's.
  return spawnSync(
    systemTool('ip') ?? 'ip',
    [
      'netns',
      'exec',
      ns,
      systemTool('setpriv') ?? 'setpriv',
      `--reuid=${NOBODY}`,
      `--regid=${NOBODY}`,
      '--clear-groups',
      ...argv,
    ],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env,
      cwd: '/', // as from a user's shell, not from a test runner's directory the user may not enter
    },
  );
}

/**
 * The repository and Node as the ordinary user can reach them. When a parent directory is closed
 * to others (a clone under /root), a read-only bind mount under /tmp opens just these two trees.
 */
const mounts: string[] = [];
function reachable(path: string): boolean {
  return spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'test', '-r', path]).status === 0;
}
function openToNobody(dir: string): string {
  if (reachable(dir)) return dir;
  const target = join(tmpdir(), `vmnet-doctor-ro-${process.pid}-${mounts.length}`);
  mkdirSync(target, { mode: 0o755 });
  for (const args of [
    ['--bind', dir, target],
    ['-o', 'remount,bind,ro', target],
  ]) {
    const r = spawnSync('mount', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mount ${args.join(' ')}: ${r.stderr}`);
  }
  mounts.push(target);
  return target;
}
let node = process.execPath;
let cli = join(repo, 'bin', 'vmnet-doctor.js');
beforeAll(() => {
  if (!runLab) return;
  const nodeBin = openToNobody(dirname(process.execPath));
  node = join(nodeBin, 'node');
  cli = join(openToNobody(repo), 'bin', 'vmnet-doctor.js');
});
afterAll(() => {
  // Unmount before removing the (then empty) mount point: never a recursive delete here.
  for (const target of mounts.splice(0)) {
    spawnSync('umount', [target]);
    rmdirSync(target);
  }
});

/** Sudoers rules a test grants; always removed. */
const grants: string[] = [];
afterEach(() => {
  for (const file of grants.splice(0)) rmSync(file, { force: true });
});

const newLab = labPerTest(() => new VmwareNatLab());

/** A state directory the ordinary user owns, and the environment it runs with. */
function userEnv(l: VmwareNatLab, path = process.env.PATH ?? '') {
  const state = join(l.dir, 'user-state');
  mkdirSync(state, { recursive: true });
  chownSync(state, NOBODY, NOBODY);
  return { PATH: path, HOME: state, VMNET_DOCTOR_STATE_DIR: state, LANG: 'C.UTF-8' };
}

/** PATH without sudo and pkexec: only the tools a link-up fix and a diagnosis use. */
function pathWithoutElevation(l: VmwareNatLab): string {
  const bin = join(l.dir, 'no-sudo-bin');
  mkdirSync(bin, { recursive: true });
  for (const tool of ['ip', 'ping', 'dhclient', 'getent', 'ss', 'nft', 'arping', 'systemctl', 'sh']) {
    const found = systemTool(tool);
    if (found) symlinkSync(found, join(bin, tool));
  }
  chmodSync(bin, 0o755);
  return bin;
}

function linkState(l: VmwareNatLab): string[] {
  const r = spawnSync('ip', ['-n', l.ns.guest, '-j', 'link', 'show', l.guestIf], { encoding: 'utf8' });
  return JSON.parse(r.stdout)[0].flags;
}

describe.runIf(runLab)('as an ordinary user', () => {
  it('diagnoses: the firewall it may not read is "unknown, needs administrator rights", not a verdict', async () => {
    const l = await newLab();
    const r = asNobody(l.ns.guest, [node, cli, 'diagnose', '--json', ...l.guestDiagnoseArgs()], userEnv(l));
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.probes.find((p: { id: string }) => p.id === 'firewall')).toMatchObject({
      status: 'unavailable',
      error: expect.stringMatching(/needs administrator rights/),
    });
    expect(report.checks.find((c: { id: string }) => c.id === 'guest-firewall')).toMatchObject({
      status: 'unknown',
      evidence: { reason: 'probe-failed', probeError: expect.stringMatching(/administrator rights/) },
    });
    // Everything an ordinary user may do still ran and passed.
    for (const id of ['link', 'gateway', 'host', 'internet', 'dns'])
      expect(report.checks.find((c: { id: string }) => c.id === id).status, id).toBe('pass');
    expect(report.findings).toEqual([]);
  }, 90_000);

  it('a fix with neither sudo nor pkexec says so (exit 4) and changes nothing', async () => {
    const l = await newLab();
    await l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'down']);
    const env = userEnv(l, pathWithoutElevation(l));
    const r = asNobody(l.ns.guest, [node, cli, 'fix', 'linux.link-up', '--param', `interface=${l.guestIf}`, '--yes'], env);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/needs administrator rights, and neither sudo nor pkexec is installed/);
    expect(linkState(l)).not.toContain('UP');
  }, 90_000);

  it('a fix whose sudo wants a password is refused clearly (exit 4), and the journal shows it rolled back', async () => {
    const l = await newLab();
    await l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'down']);
    const env = userEnv(l);
    const r = asNobody(
      l.ns.guest,
      [node, cli, 'fix', 'linux.link-up', '--param', `interface=${l.guestIf}`, '--yes', '--json'],
      env,
    );
    expect(r.status, r.stderr).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'needs-elevation',
      message: expect.stringMatching(/^sudo -n ip link set dev .* administrator rights were not granted \(sudo: .*password/),
    });
    expect(linkState(l)).not.toContain('UP');
    const journal = join(env.VMNET_DOCTOR_STATE_DIR, 'journal');
    const [file] = readdirSync(journal).filter((f) => f.endsWith('.json'));
    const entry = JSON.parse(readFileSync(join(journal, file ?? ''), 'utf8'));
    expect(entry).toMatchObject({ fixId: 'linux.link-up', status: 'rolled-back' });
    expect(entry.log.join('\n')).toMatch(/failed: .*not granted/);
  }, 90_000);

  it('a fix granted exactly its own commands by sudo applies, verifies and undoes', async () => {
    const l = await newLab();
    await l.exec(l.ns.guest, ['ip', 'link', 'set', l.guestIf, 'down']);
    const env = userEnv(l);
    const fix = ['linux.link-up', '--param', `interface=${l.guestIf}`];
    const preview = JSON.parse(asNobody(l.ns.guest, [node, cli, 'fix', ...fix, '--dry-run', '--json'], env).stdout);
    // The preview's commands, with absolute paths, are all this user may run as root.
    const commands = [...preview.steps, ...preview.undo].map((c: string) => {
      const [tool = '', ...rest] = c.split(' ');
      return [systemTool(tool), ...rest].join(' ');
    });
    const sudoers = `/etc/sudoers.d/vmnet-doctor-test-${l.id}`;
    grants.push(sudoers);
    writeFileSync(sudoers, `#${NOBODY} ALL=(root) NOPASSWD: ${commands.join(', ')}\n`, { mode: 0o440 });
    expect(spawnSync('visudo', ['-c', '-f', sudoers]).status).toBe(0);

    const applied = asNobody(l.ns.guest, [node, cli, 'fix', ...fix, '--yes', '--json'], env);
    expect(applied.status, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ status: 'verified' });
    expect(linkState(l)).toContain('UP');

    const undone = asNobody(l.ns.guest, [node, cli, 'undo', '--last', '--json'], env);
    expect(undone.status, undone.stderr).toBe(0);
    expect(linkState(l)).not.toContain('UP');
  }, 90_000);
});

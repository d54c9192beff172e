/** Shared by the lab tests: root check (strict under CI) and running the CLI inside a namespace. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { faultNamed } from '../../lab/faults.ts';
import type { VmwareNatLab } from '../../lab/lab.ts';
import { englishProse } from '../i18n/english-prose.ts';
import { expectPathVerdict } from '../path-invariants.ts';

const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;

/** Where this machine keeps a system tool (tests that replace PATH link or call it directly). */
export const systemTool = (tool: string): string | undefined =>
  ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].map((d) => join(d, tool)).find((p) => existsSync(p));

/** Lab tests need root for namespaces. Locally they skip without it; under CI=true they fail. */
export function labAvailable(): boolean {
  const root = process.getuid?.() === 0;
  if (!root && process.env.CI) throw new Error('lab tests need root (CI must run them)');
  return root;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: test helper over JSON the assertions then inspect
  json: () => any;
}

/** Under `npm test`, the CLI in a lab writes down its findings too (test/rules/record-findings.ts, loaded first). */
export const recordFindings = process.env.VMNET_FINDINGS_LOG
  ? ['--import', new URL('../rules/record-findings.ts', import.meta.url).href]
  : [];

/** Runs `vmnet-doctor ARGS` inside namespace `ns`, with the fix journal kept in `stateDir`. */
export function cliIn(ns: string, stateDir: string, ...args: string[]): CliRun {
  const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, ...recordFindings, cli, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, VMNET_DOCTOR_STATE_DIR: join(stateDir, 'state') },
  });
  // Every diagnosis a lab test reads is held to the path's rules (test/path-invariants.ts).
  const diagnosis = args[0] === 'diagnose' && args.includes('--json');
  const json = () => {
    const doc = JSON.parse(r.stdout);
    if (diagnosis) expectPathVerdict(doc, `${ns}: ${args.join(' ')}`);
    return doc;
  };
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

/** One lab per test, always removed afterwards (also when the test fails). */
export function labPerTest<L extends { up(): Promise<void>; down(): Promise<void> }>(make: () => L): () => Promise<L> {
  let lab: L | null = null;
  afterEach(async () => {
    await lab?.down();
    lab = null;
  });
  return async () => {
    lab = make();
    await lab.up();
    return lab;
  };
}

/** `diagnose --json` run as the lab's guest. */
export function guestDiagnose(l: VmwareNatLab, ...extra: string[]) {
  const r = cliIn(l.ns.guest, l.dir, 'diagnose', '--json', ...l.guestDiagnoseArgs(), ...extra);
  const report = r.json();
  return { status: r.status, report, ids: report.findings.map((f: { id: string }) => f.id) as string[] };
}

export async function inject(l: VmwareNatLab, name: string): Promise<void> {
  const fault = faultNamed(name);
  if (!fault) throw new Error(`no fault ${name}`);
  await fault.inject(l);
}

/** `fix ID --param k=v … FLAGS` as the lab's guest, with the journal in the lab's folder. */
export function fixIn(l: VmwareNatLab, fix: string, params: Record<string, string>, ...flags: string[]): CliRun {
  return cliIn(l.ns.guest, l.dir, 'fix', fix, ...Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`]), ...flags);
}

/** The CLI's last line after a fix or an undo: the result and what was read back, without English prose. */
function expectChineseResult(stderr: string, params: Record<string, string>) {
  const said = stderr.trim().split('\n').at(-1) ?? '';
  expect(said, stderr).toMatch(/[\u4e00-\u9fff]/);
  expect(englishProse(said, Object.values(params)), said).toBeNull();
}

/**
 * The cycle every fixable fault goes through: `finding` comes first; its offered `fix` previews,
 * applies and verifies; the finding is gone; undo brings it back (looked at again after `settleMs`
 * pauses when the fault takes a moment to show). Returns the broken diagnosis for more assertions.
 */
export async function healAndUndo(
  l: VmwareNatLab,
  expected: { finding: string; fix: string; diagnoseArgs?: string[]; extraParams?: Record<string, string>; settleMs?: number },
) {
  const args = expected.diagnoseArgs ?? [];
  const broken = guestDiagnose(l, ...args);
  expect(broken.ids[0], JSON.stringify(broken.report.findings[0] ?? null)).toBe(expected.finding);
  expect(broken.report.verdict).toMatchObject({ kind: 'cause', finding: expected.finding });
  const finding = broken.report.findings[0];
  const offer = finding.offers.find((o: { fix: string }) => o.fix === expected.fix);
  expect(offer, `${expected.fix} offered`).toBeDefined();
  const params = { ...offer.params, ...expected.extraParams };
  const dry = fixIn(l, expected.fix, params, '--dry-run', '--json');
  expect(dry.status, dry.stderr).toBe(0);
  expect(dry.json().steps.length).toBeGreaterThan(0);
  // Applied as a Chinese reader runs it: verified (exit 0), and what it read back said in Chinese.
  const applied = fixIn(l, expected.fix, params, '--yes', '--lang', 'zh-CN');
  expect(applied.status, applied.stdout + applied.stderr).toBe(0);
  expectChineseResult(applied.stderr, params);
  expect(guestDiagnose(l, ...args).ids).toEqual([]);
  const undone = cliIn(l.ns.guest, l.dir, 'undo', '--last', '--lang', 'zh-TW');
  expect(undone.status, undone.stderr).toBe(0);
  expectChineseResult(undone.stderr, params);
  let again = guestDiagnose(l, ...args).ids[0];
  for (let look = 0; expected.settleMs && again !== expected.finding && look < 4; look++) {
    await new Promise((r) => setTimeout(r, expected.settleMs));
    again = guestDiagnose(l, ...args).ids[0];
  }
  expect(again).toBe(expected.finding);
  return { broken, dry: dry.json() };
}

/**
 * The wizard's services: diagnose (live, or replaying the bundle the app was opened with), preview
 * a fix, apply it, undo it, list the journal. The renderer names a fix id and its parameters;
 * every fix validates them again, and nothing else can be run.
 */
import { basename } from 'node:path';
import type {
  DiagnosisView,
  FixId,
  FixPreview,
  FixRunResult,
  JournalSummary,
  ProbeProgressEvent,
  WizardSymptom,
} from '../../common/domain.ts';
import { BundleError, readBundle } from '../bundle/bundle.ts';
import { type DiagnoseRequest, diagnose, thisPlatform } from '../diagnosis/diagnose.ts';
import { listEntries } from '../fixes/journal.ts';
import { applyFix, describeStep, type FixOutcome, fixDefinition, planFix, undoFix } from '../fixes/run-fix.ts';
import { liveSource, ProgressSource, ReplaySource } from '../probes/source.ts';
import { OperationFailure } from './services.ts';

export interface WizardContext {
  /** A collect bundle the app was opened with (--bundle DIR): diagnose replays it, fixes only preview. */
  bundleDir?: string;
  emit: (payload: ProbeProgressEvent) => void;
}

/** Used when the user names no --internet-target: public resolvers reachable from China and elsewhere. */
export const DEFAULT_INTERNET_TARGETS = ['223.5.5.5', '1.1.1.1'];

export interface DiagnoseParams {
  symptom: WizardSymptom;
  role: 'auto' | 'host' | 'guest';
  hostIp?: string;
  vmIp?: string;
  servicePorts?: number[];
  internetTargets?: string[];
  dnsName?: string;
}

export async function runDiagnosis(params: DiagnoseParams, ctx: WizardContext): Promise<DiagnosisView> {
  if (ctx.bundleDir) {
    let bundle: ReturnType<typeof readBundle>;
    try {
      bundle = readBundle(ctx.bundleDir);
    } catch (error) {
      if (error instanceof BundleError) throw new OperationFailure('unreadable', `the bundle cannot be read: ${error.message}`);
      throw error;
    }
    const source = new ProgressSource(new ReplaySource(bundle.records), ctx.emit);
    const report = await diagnose(bundle.request, source, bundle.platform);
    return { report, source: 'bundle', bundleName: basename(ctx.bundleDir) };
  }
  if (thisPlatform() === null) throw new OperationFailure('unavailable', `diagnosis does not run on ${process.platform}`);
  const request: DiagnoseRequest = {
    role: params.role,
    symptom: params.symptom === 'cloned' ? 'auto' : params.symptom,
    internetTargets: params.internetTargets?.length ? params.internetTargets : DEFAULT_INTERNET_TARGETS,
    servicePorts: params.servicePorts ?? [],
    dnsName: params.dnsName ?? 'www.microsoft.com',
    timeoutMs: 4000,
    ...(params.hostIp ? { hostIp: params.hostIp } : {}),
    ...(params.vmIp ? { vmIp: params.vmIp } : {}),
  };
  const report = await diagnose(request, new ProgressSource(liveSource, ctx.emit));
  return { report, source: 'live' };
}

function bundlePlatform(ctx: WizardContext): 'linux' | 'windows' | undefined {
  if (!ctx.bundleDir) return undefined;
  try {
    return readBundle(ctx.bundleDir).platform;
  } catch {
    return undefined;
  }
}

export async function previewFix(fixId: FixId, params: Record<string, string>, ctx: WizardContext): Promise<FixPreview> {
  const planned = await planFix(fixId, params, bundlePlatform(ctx));
  if (!planned.ok) throw new OperationFailure('invalid-params', planned.message);
  const here = thisPlatform();
  const whyNot = ctx.bundleDir
    ? 'This diagnosis comes from a bundle: run these commands on the machine it was collected on.'
    : planned.definition.platform !== here
      ? `This fix changes a ${planned.definition.platform} machine: run these commands there.`
      : undefined;
  return {
    fixId,
    params: planned.params,
    platform: planned.definition.platform,
    summary: planned.plan.summary,
    steps: planned.plan.steps.map(describeStep),
    undo: planned.plan.undo.map(describeStep),
    canApply: whyNot === undefined,
    ...(whyNot ? { whyNot } : {}),
  };
}

function toResult(outcome: FixOutcome, undone = false): FixRunResult {
  if (outcome.status === 'invalid') throw new OperationFailure('invalid-params', outcome.message);
  if (outcome.status === 'needs-elevation') return { status: 'needs-elevation', evidence: outcome.message };
  if (undone && outcome.status === 'verified')
    return { status: 'undone', journalId: outcome.entry.id, evidence: outcome.evidence };
  return { status: outcome.status, journalId: outcome.entry.id, evidence: outcome.evidence };
}

export async function applyFixFromWizard(
  fixId: FixId,
  params: Record<string, string>,
  ctx: WizardContext,
): Promise<FixRunResult> {
  if (ctx.bundleDir) throw new OperationFailure('unavailable', 'fixes are not applied to a bundle; preview them instead');
  const definition = fixDefinition(fixId);
  if (!definition || definition.platform !== thisPlatform())
    throw new OperationFailure('unavailable', `${fixId} cannot be applied on this machine`);
  return toResult(await applyFix(fixId, params));
}

export async function undoFromWizard(journalId: string): Promise<FixRunResult> {
  return toResult(await undoFix(journalId), true);
}

export function fixHistory(): JournalSummary[] {
  return listEntries()
    .reverse()
    .map((e) => ({
      id: e.id,
      fixId: e.fixId,
      params: e.params,
      createdAt: e.createdAt,
      status: e.status,
      summary: (e.log[0] ?? '').replace(/^plan: /, ''),
    }));
}

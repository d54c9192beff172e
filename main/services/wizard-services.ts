/**
 * The wizard's services: diagnose (live, or replaying the bundle the app was opened with), preview
 * a fix, apply it, undo it, list the journal. The renderer names a fix id and its parameters;
 * every fix validates them again, and nothing else can be run.
 */
import { basename } from 'node:path';
import { fixSummary } from '../../common/catalogue/render.ts';
import type { OperationInput } from '../../common/contract.ts';
import { diagnoseRequestSchema } from '../../common/diagnose-request.ts';
import type {
  AdapterListing,
  BundleInfo,
  DiagnosisView,
  FixId,
  FixPreview,
  FixRunResult,
  JournalSummary,
  ProbeProgressEvent,
  UiLanguage,
} from '../../common/domain.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { BundleError, readBundle } from '../bundle/bundle.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import { listEntries } from '../fixes/journal.ts';
import { fixDefinition } from '../fixes/registry.ts';
import { applyFix, describeStep, type FixOutcome, planFix, stepElevated, undoFix } from '../fixes/run-fix.ts';
import { probeLinuxAdapters } from '../probes/linux/registry/adapters.ts';
import { liveSource, type ProbeSource, ProgressSource, ReplaySource } from '../probes/source.ts';
import { parseWindowsAdapters } from '../probes/windows/adapters.ts';
import { thisPlatform } from '../runner/platform.ts';

export interface WizardContext {
  /** A collect bundle the app was opened with (--bundle DIR): diagnose replays it, fixes only preview. */
  bundleDir?: string;
  emit: (payload: ProbeProgressEvent) => void;
}

export async function runDiagnosis(params: OperationInput<'diagnose.run'>, ctx: WizardContext): Promise<Result<DiagnosisView>> {
  if (ctx.bundleDir) {
    let bundle: Awaited<ReturnType<typeof readBundle>>;
    try {
      bundle = await readBundle(ctx.bundleDir);
    } catch (error) {
      if (error instanceof BundleError) return err('unreadable', `the bundle cannot be read: ${error.message}`);
      throw error;
    }
    const source = new ProgressSource(new ReplaySource(bundle.records), ctx.emit);
    // The bundle reproduces the run; the symptom the user picks here steers which finding comes first.
    const symptom = params.symptom === 'cloned' ? 'auto' : (params.symptom ?? bundle.request.symptom);
    const report = await diagnose({ ...bundle.request, symptom }, source, bundle.platform);
    return ok({ report, source: 'bundle', bundleName: basename(ctx.bundleDir) });
  }
  if (thisPlatform() === null) return err('unavailable', `diagnosis does not run on ${process.platform}`);
  // "I cloned a VM" runs the automatic diagnosis, which checks for duplicates.
  const request = diagnoseRequestSchema.parse({ ...params, symptom: params.symptom === 'cloned' ? 'auto' : params.symptom });
  const report = await diagnose(request, new ProgressSource(liveSource, ctx.emit));
  return ok({ report, source: 'live' });
}

/**
 * The bundle's machine's adapters, as it recorded them (bundle mode is wholly the bundle: never
 * this computer's). An unreadable bundle is a failed listing that says why.
 */
export async function bundleAdapters(bundleDir: string, timeoutMs: number): Promise<AdapterListing> {
  const started = performance.now();
  const failed = (platform: AdapterListing['platform'], error: string): AdapterListing => ({
    platform,
    adapters: [],
    probe: { id: 'adapters', status: 'failed', durationMs: Math.round(performance.now() - started), command: '', error },
  });
  let bundle: Awaited<ReturnType<typeof readBundle>>;
  try {
    bundle = await readBundle(bundleDir);
  } catch (error) {
    return failed(
      thisPlatform() ?? 'other',
      `the bundle cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const source = new ReplaySource(bundle.records);
  if (bundle.platform === 'linux') {
    const outcome = await probeLinuxAdapters(timeoutMs, source);
    return { platform: 'linux', adapters: outcome.data ?? [], probe: outcome.report };
  }
  const result = await source.script('adapters', {});
  if (result.status !== 'ok') return failed('windows', result.message);
  const parsed = parseWindowsAdapters(result.data);
  if (!parsed.ok) return failed('windows', parsed.error.message);
  return {
    platform: 'windows',
    adapters: parsed.value,
    probe: {
      id: 'adapters',
      status: 'ok',
      durationMs: result.durationMs,
      command: 'Get-NetAdapter -IncludeHidden; Get-NetIPAddress',
    },
  };
}

/** What the app tells the wizard about the bundle it replays: where and when it was collected. */
export async function bundleInfo(ctx: WizardContext): Promise<BundleInfo | undefined> {
  if (!ctx.bundleDir) return undefined;
  try {
    const bundle = await readBundle(ctx.bundleDir);
    return {
      name: basename(ctx.bundleDir),
      platform: bundle.platform,
      hostName: bundle.hostName ?? null,
      createdAt: bundle.createdAt ?? null,
      symptom: bundle.request.symptom ?? null,
    };
  } catch (error) {
    // Opened on a folder that is not a bundle: said at once, never shown as this computer's live mode.
    return {
      name: basename(ctx.bundleDir),
      platform: thisPlatform() ?? 'other',
      hostName: null,
      createdAt: null,
      unreadable: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Where a preview reads the state a fix starts from: the bundle's machine when one is open (its platform and its recording), else this one. */
async function previewSource(ctx: WizardContext): Promise<{ platform?: 'linux' | 'windows'; source: ProbeSource }> {
  if (!ctx.bundleDir) return { source: liveSource };
  try {
    const bundle = await readBundle(ctx.bundleDir);
    return { platform: bundle.platform, source: new ReplaySource(bundle.records) };
  } catch {
    // An unreadable bundle is refused at start; nothing of this machine stands in for it.
    return { source: new ReplaySource([]) };
  }
}

export async function previewFix(
  fixId: FixId,
  params: Record<string, string>,
  ctx: WizardContext,
  lang: UiLanguage = 'en',
): Promise<Result<FixPreview>> {
  const { platform, source } = await previewSource(ctx);
  const planned = await planFix(fixId, params, platform, source);
  if (!planned.ok) return planned;
  const { definition, plan } = planned.value;
  const whyNot = ctx.bundleDir ? 'bundle' : definition.platform !== thisPlatform() ? 'other-platform' : undefined;
  return ok({
    fixId,
    params: planned.value.params,
    platform: definition.platform,
    summaryParams: plan.summary,
    summary: fixSummary(fixId, plan.summary, lang),
    steps: plan.steps.map(describeStep),
    elevated: plan.steps.map(stepElevated),
    undo: planned.value.undo.map(describeStep),
    canApply: whyNot === undefined,
    ...(whyNot ? { whyNot } : {}),
  });
}

function toResult(outcome: FixOutcome, undone = false): Result<FixRunResult> {
  if (outcome.status === 'invalid') return err('invalid-params', outcome.message);
  if (outcome.status === 'needs-elevation') return ok({ status: 'needs-elevation', evidence: outcome.message });
  const readBack = outcome.readBack ? { readBack: outcome.readBack } : {};
  if (undone && outcome.status === 'verified')
    return ok({ status: 'undone', journalId: outcome.entry.id, evidence: outcome.evidence, ...readBack });
  return ok({ status: outcome.status, journalId: outcome.entry.id, evidence: outcome.evidence, ...readBack });
}

export async function applyFixFromWizard(
  fixId: FixId,
  params: Record<string, string>,
  ctx: WizardContext,
): Promise<Result<FixRunResult>> {
  if (ctx.bundleDir) return err('unavailable', 'fixes are not applied to a bundle; preview them instead');
  const definition = fixDefinition(fixId);
  if (!definition || definition.platform !== thisPlatform())
    return err('unavailable', `${fixId} cannot be applied on this machine`);
  return toResult(await applyFix(fixId, params));
}

/** A bundle is another machine's: nothing of this machine's journal is undone while one is open. */
export async function undoFromWizard(journalId: string, ctx: WizardContext): Promise<Result<FixRunResult>> {
  if (ctx.bundleDir) return err('unavailable', 'a bundle is open: nothing on this computer is changed or undone');
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
      summary: fixSummary(e.fixId, e.summary, 'en'),
      summaryParams: e.summary,
    }));
}

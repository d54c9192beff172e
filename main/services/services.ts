/**
 * The services behind every contract operation, in plain Node. Electron's IPC, the browser
 * harness and the command line all call these same functions.
 */
import { createRequire } from 'node:module';
import type { OperationName, OperationResults } from '../../common/contract.ts';
import type { AdapterListing, AppInfo, FixId, IpconfigExplanation, ProbeProgressEvent } from '../../common/domain.ts';
import type { ErrorCode } from '../../common/result.ts';
import { explainIpconfig } from '../explain/explain-ipconfig.ts';
import { probeLinuxAdapters } from '../probes/linux/ip-addr.ts';
import { probeWindowsAdapters } from '../probes/windows/adapters.ts';
import { runProcess } from '../runner/process-runner.ts';
import { currentPlatform, systemLocale } from './platform.ts';
import {
  applyFixFromWizard,
  type DiagnoseParams,
  fixHistory,
  previewFix,
  runDiagnosis,
  undoFromWizard,
} from './wizard-services.ts';

export interface ServiceContext {
  shell: AppInfo['shell'];
  emit: (payload: ProbeProgressEvent) => void;
  /** Set when the app was opened on a collect bundle (--bundle DIR). */
  bundleDir?: string;
}

const DEFAULT_PROBE_TIMEOUT_MS = 8000;

export function appVersion(): string {
  const require = createRequire(import.meta.url);
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'vmnet-doctor' && pkg.version) return pkg.version;
    } catch {
      // Not at this depth: bundled and source layouts differ.
    }
  }
  return '0.0.0';
}

export async function listAdapters(timeoutMs: number, emit: ServiceContext['emit']): Promise<AdapterListing> {
  const platform = currentPlatform();
  emit({ probeId: 'adapters', phase: 'started' });
  const outcome =
    platform === 'windows'
      ? await probeWindowsAdapters(timeoutMs)
      : platform === 'linux'
        ? await probeLinuxAdapters(timeoutMs)
        : null;
  const probe = outcome?.report ?? {
    id: 'adapters',
    status: 'unavailable' as const,
    durationMs: 0,
    command: '',
    error: `adapter listing is not supported on ${process.platform}`,
  };
  emit({ probeId: 'adapters', phase: 'finished', status: probe.status, durationMs: probe.durationMs });
  return { platform, adapters: outcome?.data ?? [], probe };
}

/** A service's expected failure: dispatch turns it into a typed error result. */
export class OperationFailure extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

function explainBytes(bytes: Uint8Array): IpconfigExplanation {
  const outcome = explainIpconfig(bytes, 'en');
  if (!outcome.ok) throw new OperationFailure(outcome.code, outcome.message);
  return outcome.value;
}

/** Runs this Windows machine's `ipconfig /all`; the bytes are kept as they are (latin1 is lossless) for detection. */
async function explainThisMachine(): Promise<IpconfigExplanation> {
  if (currentPlatform() !== 'windows') {
    throw new OperationFailure('unavailable', 'ipconfig exists only on Windows; paste its output instead');
  }
  const run = await runProcess('ipconfig', ['/all'], { timeoutMs: DEFAULT_PROBE_TIMEOUT_MS, encoding: 'latin1' });
  if (run.status !== 'ok') throw new OperationFailure('probe-failed', run.message ?? 'ipconfig failed');
  return explainBytes(Buffer.from(run.stdout, 'latin1'));
}

type Handlers = { [N in OperationName]: (params: never, ctx: ServiceContext) => Promise<OperationResults[N]> };

/** One handler per operation; parameters arrive already validated against the contract. */
export const handlers: Handlers = {
  'app.info': async (_params: Record<string, never>, ctx) => ({
    version: appVersion(),
    platform: currentPlatform(),
    locale: systemLocale(),
    shell: ctx.shell,
  }),
  'adapters.list': async (params: { timeoutMs?: number }, ctx) =>
    listAdapters(params.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, ctx.emit),
  'explain.ipconfig': async (params: { text: string }) => explainBytes(Buffer.from(params.text, 'utf8')),
  'explain.thisMachine': async () => explainThisMachine(),
  'diagnose.run': async (params: DiagnoseParams, ctx) => runDiagnosis(params, ctx),
  'fix.preview': async (params: { fixId: FixId; params: Record<string, string> }, ctx) =>
    previewFix(params.fixId, params.params, ctx),
  'fix.apply': async (params: { fixId: FixId; params: Record<string, string> }, ctx) =>
    applyFixFromWizard(params.fixId, params.params, ctx),
  'fix.undo': async (params: { journalId: string }) => undoFromWizard(params.journalId),
  'fix.history': async () => fixHistory(),
};

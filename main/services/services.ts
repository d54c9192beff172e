/**
 * The services behind every contract operation, in plain Node. Electron's IPC, the browser
 * harness and the command line all call these same functions.
 */
import { createRequire } from 'node:module';
import type { z } from 'zod';
import type { OperationInput, OperationName, OperationResults } from '../../common/contract.ts';
import { operationParams } from '../../common/contract-schemas.ts';
import type { AdapterListing, AppInfo, IpconfigExplanation, ProbeProgressEvent } from '../../common/domain.ts';
import { err, ok, type Result } from '../../common/result.ts';
import { explainIpconfig } from '../explain/explain-ipconfig.ts';
import { probeLinuxAdapters } from '../probes/linux/registry/adapters.ts';
import { probeWindowsAdapters } from '../probes/windows/registry/adapters.ts';
import { currentPlatform, systemLocale } from '../runner/platform.ts';
import { runProcess } from '../runner/process-runner.ts';
import {
  applyFixFromWizard,
  bundleAdapters,
  bundleInfo,
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

const explainBytes = (bytes: Uint8Array): Result<IpconfigExplanation> => explainIpconfig(bytes, 'en');

/** Runs this Windows machine's `ipconfig /all`; the bytes are kept as they are (latin1 is lossless) for detection. */
async function explainThisMachine(): Promise<Result<IpconfigExplanation>> {
  if (currentPlatform() !== 'windows') return err('unavailable', 'ipconfig exists only on Windows; paste its output instead');
  const run = await runProcess('ipconfig', ['/all'], { timeoutMs: DEFAULT_PROBE_TIMEOUT_MS, encoding: 'latin1' });
  if (run.status !== 'ok') return err('probe-failed', run.message ?? 'ipconfig failed');
  return explainBytes(Buffer.from(run.stdout, 'latin1'));
}

/**
 * One entry per operation: its contract schema bound to its handler, so the handler's parameters
 * are the schema's output by type, and what comes back is a Result.
 */
function bind<S extends z.ZodType, R>(schema: S, handler: (params: z.output<S>, ctx: ServiceContext) => Promise<Result<R>>) {
  return async (params: unknown, ctx: ServiceContext): Promise<Result<R>> => {
    const parsed = schema.safeParse(params);
    if (parsed.success) return handler(parsed.data, ctx);
    const issue = parsed.error.issues[0];
    return err('invalid-params', `invalid parameters${issue ? `: ${issue.path.join('.') || '(root)'} ${issue.message}` : ''}`);
  };
}

/** The services, one per operation, with the parameters the contract's schema gives. */
export const services: {
  [N in OperationName]: (params: OperationInput<N>, ctx: ServiceContext) => Promise<Result<OperationResults[N]>>;
} = {
  'app.info': async (_params, ctx) => {
    const bundle = await bundleInfo(ctx);
    return ok({
      version: appVersion(),
      platform: currentPlatform(),
      locale: systemLocale(),
      shell: ctx.shell,
      ...(bundle ? { bundle } : {}),
    });
  },
  // Opened on a bundle, the adapters are the bundle's machine's, never this computer's.
  'adapters.list': async (params, ctx) => {
    const timeoutMs = params.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    return ok(ctx.bundleDir ? await bundleAdapters(ctx.bundleDir, timeoutMs) : await listAdapters(timeoutMs, ctx.emit));
  },
  'explain.ipconfig': async (params) => explainBytes(Buffer.from(params.text, 'utf8')),
  'explain.thisMachine': async () => explainThisMachine(),
  'diagnose.run': runDiagnosis,
  'fix.preview': async (params, ctx) => previewFix(params.fixId, params.params, ctx),
  'fix.apply': async (params, ctx) => applyFixFromWizard(params.fixId, params.params, ctx),
  'fix.undo': async (params, ctx) => undoFromWizard(params.journalId, ctx),
  'fix.history': async () => ok(fixHistory()),
};

/** What dispatch calls: each operation's schema, then its service (looked up at call time). */
export const operations: {
  [N in OperationName]: (params: unknown, ctx: ServiceContext) => Promise<Result<OperationResults[N]>>;
} = {
  'app.info': bind(operationParams['app.info'], (p, c) => services['app.info'](p, c)),
  'adapters.list': bind(operationParams['adapters.list'], (p, c) => services['adapters.list'](p, c)),
  'explain.ipconfig': bind(operationParams['explain.ipconfig'], (p, c) => services['explain.ipconfig'](p, c)),
  'explain.thisMachine': bind(operationParams['explain.thisMachine'], (p, c) => services['explain.thisMachine'](p, c)),
  'diagnose.run': bind(operationParams['diagnose.run'], (p, c) => services['diagnose.run'](p, c)),
  'fix.preview': bind(operationParams['fix.preview'], (p, c) => services['fix.preview'](p, c)),
  'fix.apply': bind(operationParams['fix.apply'], (p, c) => services['fix.apply'](p, c)),
  'fix.undo': bind(operationParams['fix.undo'], (p, c) => services['fix.undo'](p, c)),
  'fix.history': bind(operationParams['fix.history'], (p, c) => services['fix.history'](p, c)),
};

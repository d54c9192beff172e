/**
 * The services behind every contract operation, in plain Node. Electron's IPC, the browser
 * harness and the command line all call these same functions.
 */
import { createRequire } from 'node:module';
import type { OperationName, OperationResults } from '../../common/contract.ts';
import type { AdapterListing, AppInfo, ProbeProgressEvent } from '../../common/domain.ts';
import { probeLinuxAdapters } from '../probes/linux/ip-addr.ts';
import { probeWindowsAdapters } from '../probes/windows/adapters.ts';
import { currentPlatform, systemLocale } from './platform.ts';

export interface ServiceContext {
  shell: AppInfo['shell'];
  emit: (payload: ProbeProgressEvent) => void;
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
};

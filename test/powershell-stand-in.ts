/**
 * A stand-in for PowerShell (none runs here) that answers the session's batch and single calls from
 * a scenario bundle's probe documents, decoding the Base64 line exactly as PowerShell would.
 * Used by the orchestration test and the benchmark's process count.
 */
import { readBundle } from '../main/bundle/bundle.ts';
import { WINDOWS_PROBE_SCRIPTS } from '../main/probes/windows/host-scripts.ts';
import type { PowerShellHost } from '../main/runner/powershell-session.ts';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

export function hostFromBundle(dir: string, invocations: string[] = []): () => Promise<PowerShellHost> {
  return async () => {
    const documents = new Map<string, unknown>();
    for (const r of (await readBundle(dir)).records)
      if (r.kind === 'script' && r.result.status === 'ok') documents.set(r.probeId, r.result.data);
    return hostOf(documents, invocations);
  };
}

function hostOf(documents: Map<string, unknown>, invocations: string[]): PowerShellHost {
  return {
    async invoke(line) {
      const script = decode(/FromBase64String\('([^']*)'\)/.exec(line)?.[1] ?? '');
      const params = JSON.parse(decode(/FromBase64String\('([^']*)'\)/.exec(script)?.[1] ?? '') || '{}');
      const batch = script.includes('$All = $Params');
      if (batch) {
        invocations.push(`batch:${Object.keys(params).join(',')}`);
        const out = Object.fromEntries(Object.keys(params).map((id) => [id, { ok: true, ms: 1, data: documents.get(id) }]));
        return { stdout: JSON.stringify(out), stderr: '', hadErrors: false };
      }
      // A probe run alone: known by its own script text inside the sent one.
      const id = Object.entries(WINDOWS_PROBE_SCRIPTS).find(([, text]) => script.includes(text.trim()))?.[0] ?? 'unknown';
      invocations.push(`single:${id}`);
      return { stdout: JSON.stringify(documents.get(id)), stderr: '', hadErrors: false };
    },
    async dispose() {},
  };
}

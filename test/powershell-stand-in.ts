/**
 * A stand-in for PowerShell (none runs here) that answers the session's batch and single calls from
 * a scenario bundle's probe documents, decoding the Base64 line exactly as PowerShell would.
 * Used by the orchestration test and the benchmark's process count.
 */
import { readBundle } from '../main/bundle/bundle.ts';
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
      // Every call is a batch (a probe run alone is a batch of one): answer each probe in its envelope.
      invocations.push(`batch:${Object.keys(params).join(',')}`);
      const out = Object.fromEntries(Object.keys(params).map((id) => [id, { ok: true, ms: 1, data: documents.get(id) }]));
      return { stdout: JSON.stringify(out), stderr: '', hadErrors: false };
    },
    async dispose() {},
  };
}

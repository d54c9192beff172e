/**
 * Collect bundles (docs/bundle-format.md): a directory holding manifest.json and one raw file per
 * observation, so `diagnose --from DIR` replays a user's machine anywhere. Reading is defensive:
 * a bundle is outside input (size limits, paths confined to the bundle, every field validated).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { type DiagnoseRequest, diagnoseRequestSchema } from '../../common/diagnose-request.ts';
import type { Role } from '../../common/domain.ts';
import type { DiagnosePlatform } from '../diagnosis/diagnose.ts';
import type { FileRead, ScriptResult, SourceRecord } from '../probes/source.ts';
import type { RunResult } from '../runner/process-runner.ts';

export const BUNDLE_FORMAT = 'vmnet-doctor-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

const rawPath = z.string().regex(/^raw\/[A-Za-z0-9._-]{1,120}$/, 'a file name under raw/');
const runStatus = z.enum(['ok', 'exit', 'timeout', 'not-installed', 'permission-denied', 'output-limit', 'error']);
const recordSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('process'),
    argv: z.array(z.string()).min(1),
    status: runStatus,
    exitCode: z.number().int().nullable().default(null),
    signal: z.string().nullable().default(null),
    durationMs: z.number().nonnegative().default(0),
    message: z.string().optional(),
    stdout: rawPath.nullable().default(null),
    stderr: rawPath.nullable().default(null),
  }),
  z.object({
    kind: z.literal('file'),
    path: z.string().min(1),
    status: z.enum(['ok', 'missing', 'denied', 'failed']),
    message: z.string().optional(),
    content: rawPath.nullable().default(null),
  }),
  z.object({ kind: z.literal('exists'), path: z.string().min(1), exists: z.boolean() }),
  z.object({
    kind: z.literal('script'),
    probeId: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
    status: z.enum(['ok', 'failed', 'timeout', 'unavailable']),
    durationMs: z.number().nonnegative().default(0),
    message: z.string().optional(),
    data: rawPath.nullable().default(null),
  }),
]);

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  createdAt: z.string().optional(),
  tool: z.object({ name: z.string(), version: z.string() }).optional(),
  platform: z.enum(['linux', 'windows']),
  role: z.enum(['host', 'guest', 'auto']).default('auto'),
  // The request as validated everywhere else (the role travels beside it); its defaults are the same.
  request: diagnoseRequestSchema.omit({ role: true }).default(diagnoseRequestSchema.omit({ role: true }).parse({})),
  records: z.array(recordSchema),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

export interface Bundle {
  platform: DiagnosePlatform;
  request: DiagnoseRequest;
  records: SourceRecord[];
}

export class BundleError extends Error {}

const safeName = (text: string) =>
  text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'x';

export function writeBundle(
  dir: string,
  bundle: { platform: DiagnosePlatform; role: Role | 'auto'; request: DiagnoseRequest; records: SourceRecord[] },
  tool: { name: string; version: string },
): string {
  mkdirSync(join(dir, 'raw'), { recursive: true });
  let n = 0;
  const write = (stem: string, ext: string, content: string): string => {
    n += 1;
    const name = `raw/${String(n).padStart(3, '0')}-${safeName(stem)}.${ext}`;
    writeFileSync(join(dir, name), content);
    return name;
  };
  const records = bundle.records.map((r) => {
    if (r.kind === 'process') {
      const stem = r.result.argv.slice(0, 4).join('-');
      return {
        kind: r.kind,
        argv: r.argv,
        status: r.result.status,
        exitCode: r.result.exitCode,
        signal: r.result.signal,
        durationMs: r.result.durationMs,
        ...(r.result.message ? { message: r.result.message } : {}),
        stdout: r.result.stdout ? write(stem, 'stdout.txt', r.result.stdout) : null,
        stderr: r.result.stderr ? write(stem, 'stderr.txt', r.result.stderr) : null,
      };
    }
    if (r.kind === 'file') {
      return {
        kind: r.kind,
        path: r.path,
        status: r.read.status,
        ...(r.read.status === 'denied' || r.read.status === 'failed' ? { message: r.read.message } : {}),
        content: r.read.status === 'ok' ? write(r.path, 'txt', r.read.text) : null,
      };
    }
    if (r.kind === 'exists') return r;
    return {
      kind: r.kind,
      probeId: r.probeId,
      params: r.params,
      status: r.result.status,
      durationMs: r.result.durationMs,
      ...(r.result.status !== 'ok' ? { message: r.result.message } : {}),
      data: r.result.status === 'ok' ? write(r.probeId, 'json', `${JSON.stringify(r.result.data, null, 2)}\n`) : null,
    };
  });
  const { role: _auto, ...request } = bundle.request;
  const manifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    tool,
    platform: bundle.platform,
    role: bundle.role,
    request,
    records,
  };
  const path = join(dir, 'manifest.json');
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}

export function readBundle(dir: string): Bundle {
  let total = 0;
  const readText = (name: string): string => {
    const path = join(dir, name);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new BundleError(`${name} is missing from the bundle`);
    }
    total += size;
    if (size > MAX_FILE_BYTES || total > MAX_TOTAL_BYTES) throw new BundleError(`the bundle is too large (${name})`);
    const bytes = readFileSync(path);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      throw new BundleError(`${name} is not UTF-8 text`);
    }
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readText('manifest.json'));
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('manifest.json is not valid JSON');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError(`manifest.json: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`);
  }
  const m = parsed.data;
  const records = m.records.map((r): SourceRecord => {
    if (r.kind === 'process') {
      const result: RunResult = {
        status: r.status,
        argv: r.argv,
        exitCode: r.exitCode,
        signal: r.signal,
        stdout: r.stdout ? readText(r.stdout) : '',
        stderr: r.stderr ? readText(r.stderr) : '',
        durationMs: r.durationMs,
        ...(r.message ? { message: r.message } : {}),
      };
      return { kind: 'process', argv: r.argv, result };
    }
    if (r.kind === 'file') {
      const read: FileRead =
        r.status === 'ok'
          ? { status: 'ok', text: r.content ? readText(r.content) : '' }
          : r.status === 'missing'
            ? { status: 'missing' }
            : { status: r.status, message: r.message ?? `cannot read ${r.path}` };
      return { kind: 'file', path: r.path, read };
    }
    if (r.kind === 'exists') return r;
    let result: ScriptResult;
    if (r.status === 'ok') {
      if (!r.data) throw new BundleError(`probe ${r.probeId} is ok but has no data file`);
      let data: unknown;
      try {
        data = JSON.parse(readText(r.data));
      } catch (error) {
        if (error instanceof BundleError) throw error;
        throw new BundleError(`${r.data} is not valid JSON`);
      }
      result = { status: 'ok', data, durationMs: r.durationMs };
    } else {
      result = { status: r.status, message: r.message ?? r.status, durationMs: r.durationMs };
    }
    return { kind: 'script', probeId: r.probeId, params: r.params, result };
  });
  return { platform: m.platform, request: { role: m.role, ...m.request }, records };
}

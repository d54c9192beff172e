/**
 * Collect bundles (docs/bundle-format.md): a directory holding manifest.json and one raw file per
 * observation, so `diagnose --from DIR` replays a user's machine anywhere. Reading is defensive:
 * a bundle is outside input (size limits, paths confined to the bundle, every field validated).
 */
import { constants, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { type FileHandle, lstat, open, realpath, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { type DiagnoseRequest, diagnoseRequestSchema } from '../../common/diagnose-request.ts';
import type { Role } from '../../common/domain.ts';
import type { DiagnosePlatform } from '../diagnosis/diagnose.ts';
import { LINUX_PROBES } from '../probes/linux/registry/index.ts';
import type { FileRead, ScriptResult, SourceRecord } from '../probes/source.ts';
import { migrateDocument } from '../probes/windows/registry/declare.ts';
import { WINDOWS_PROBES, windowsProbe } from '../probes/windows/registry/index.ts';
import type { RunResult } from '../runner/process-runner.ts';
import { writeExclusive } from '../runner/safe-files.ts';

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
    // The shape of its document (main/probes/windows/registry); bundles before shapes were written hold shape 1.
    shape: z.number().int().min(1).max(10_000).optional(),
    status: z.enum(['ok', 'failed', 'timeout', 'unavailable']),
    durationMs: z.number().nonnegative().default(0),
    message: z.string().optional(),
    data: rawPath.nullable().default(null),
  }),
]);

const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  createdAt: z.string().max(64).optional(),
  /** The name of the machine it was collected on (shown as "collected on …"; redacted in reports). */
  hostName: z.string().max(253).optional(),
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
  /** When and where it was collected, when the bundle says. */
  createdAt?: string;
  hostName?: string;
}

export class BundleError extends Error {}

const safeName = (text: string) =>
  text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'x';

export function writeBundle(
  dir: string,
  bundle: {
    platform: DiagnosePlatform;
    role: Role | 'auto';
    request: DiagnoseRequest;
    records: SourceRecord[];
    /** The machine's name; this one's unless given (constructed bundles name their own). */
    hostName?: string;
  },
  tool: { name: string; version: string },
): string {
  prepareOutDir(dir);
  mkdirSync(join(dir, 'raw'), { mode: 0o700 });
  let n = 0;
  const write = (stem: string, ext: string, content: string): string => {
    n += 1;
    const name = `raw/${String(n).padStart(3, '0')}-${safeName(stem)}.${ext}`;
    writeNew(join(dir, name), content);
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
    const shape = r.shape ?? windowsProbe(r.probeId)?.shape;
    return {
      kind: r.kind,
      probeId: r.probeId,
      params: r.params,
      ...(shape ? { shape } : {}),
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
    hostName: bundle.hostName ?? hostname(),
    tool,
    platform: bundle.platform,
    role: bundle.role,
    request,
    records,
  };
  const path = join(dir, 'manifest.json');
  writeNew(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}

/**
 * `collect --out DIR` may run as root in a folder someone else prepared: DIR must be new, or an
 * empty real folder of this user's; nothing is written through a link planted there.
 */
export function prepareOutDir(dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: 0o700 });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const st = lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory())
    throw new BundleError(`${dir} exists and is not a folder of its own (a link or a file)`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) throw new BundleError(`${dir} belongs to user ${st.uid}, not to you`);
  if (readdirSync(dir).length > 0) throw new BundleError(`${dir} is not empty: collect into a new folder`);
}

/** A new file in a bundle (readable by whoever the user sends it to), never through a link. */
export const writeNew = (path: string, content: string): void => writeExclusive(path, content, 0o644);

/** How a bundle is read: every limit is on what is really read, never on what the file system claims. */
export interface ReadLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  /** The whole read, so a slow or hostile folder never blocks the app. */
  budgetMs: number;
  /** JSON nested deeper than this is refused (it would crash later serialisation). */
  maxDepth: number;
}
const LIMITS: ReadLimits = { maxFileBytes: MAX_FILE_BYTES, maxTotalBytes: MAX_TOTAL_BYTES, budgetMs: 10_000, maxDepth: 64 };

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/** The deepest nesting of a JSON value, counted without recursion. */
export function jsonDepth(value: unknown, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAt) return deepest;
    for (const child of Object.values(v as object)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Reads a bundle as outside input: only regular files inside the folder, opened without following
 * links or waiting on pipes and devices, sizes enforced on the bytes read, within a time budget.
 */
export async function readBundle(dir: string, limits: Partial<ReadLimits> = {}): Promise<Bundle> {
  const L = { ...LIMITS, ...limits };
  const deadline = Date.now() + L.budgetMs;
  let total = 0;
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new BundleError(`${dir} is not a bundle folder`);
  }
  const rawDir = await lstat(join(root, 'raw')).catch(() => null);
  if (rawDir && !rawDir.isDirectory()) throw new BundleError('raw/ is not a folder (a link or a file)');

  const readText = async (name: string): Promise<string> => {
    if (Date.now() > deadline) throw new BundleError(`reading the bundle took longer than ${L.budgetMs} ms`);
    let handle: FileHandle;
    try {
      handle = await open(join(root, name), constants.O_RDONLY | NOFOLLOW | NONBLOCK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || code === 'EMLINK')
        throw new BundleError(`${name} is a link: bundles are read without following links`);
      throw new BundleError(`${name} is missing from the bundle`);
    }
    try {
      if (!(await handle.stat()).isFile()) throw new BundleError(`${name} is not a regular file`);
      const room = Math.min(L.maxFileBytes, L.maxTotalBytes - total) + 1;
      const buffer = Buffer.alloc(Math.min(room, 1024 * 1024));
      const chunks: Buffer[] = [];
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        length += bytesRead;
        total += bytesRead;
        if (length > L.maxFileBytes || total > L.maxTotalBytes) throw new BundleError(`the bundle is too large (${name})`);
        if (Date.now() > deadline) throw new BundleError(`reading the bundle took longer than ${L.budgetMs} ms`);
        chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
      }
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
      } catch {
        throw new BundleError(`${name} is not UTF-8 text`);
      }
    } finally {
      await handle.close();
    }
  };
  const readJson = async (name: string): Promise<unknown> => {
    const text = await readText(name);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new BundleError(`${name} is not valid JSON`);
    }
    if (jsonDepth(value, L.maxDepth) > L.maxDepth) throw new BundleError(`${name} is nested deeper than ${L.maxDepth} levels`);
    return value;
  };
  const raw = await readJson('manifest.json');
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError(`manifest.json: ${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`);
  }
  const m = parsed.data;
  const records: SourceRecord[] = [];
  for (const r of m.records) records.push(await toRecord(r));
  requireUsable(m.platform, records);
  return {
    platform: m.platform,
    request: { role: m.role, ...m.request },
    records,
    ...(m.createdAt ? { createdAt: m.createdAt } : {}),
    ...(m.hostName ? { hostName: m.hostName } : {}),
  };

  async function toRecord(r: BundleManifest['records'][number]): Promise<SourceRecord> {
    if (r.kind === 'process') {
      const result: RunResult = {
        status: r.status,
        argv: r.argv,
        exitCode: r.exitCode,
        signal: r.signal,
        stdout: r.stdout ? await readText(r.stdout) : '',
        stderr: r.stderr ? await readText(r.stderr) : '',
        durationMs: r.durationMs,
        ...(r.message ? { message: r.message } : {}),
      };
      return { kind: 'process', argv: r.argv, result };
    }
    if (r.kind === 'file') {
      const read: FileRead =
        r.status === 'ok'
          ? { status: 'ok', text: r.content ? await readText(r.content) : '' }
          : r.status === 'missing'
            ? { status: 'missing' }
            : { status: r.status, message: r.message ?? `cannot read ${r.path}` };
      return { kind: 'file', path: r.path, read };
    }
    if (r.kind === 'exists') return r;
    let result: ScriptResult;
    if (r.status === 'ok') {
      if (!r.data) throw new BundleError(`probe ${r.probeId} is ok but has no data file`);
      result = upgraded(r.probeId, r.shape ?? 1, await readJson(r.data), r.durationMs);
    } else {
      result = { status: r.status, message: r.message ?? r.status, durationMs: r.durationMs };
    }
    return { kind: 'script', probeId: r.probeId, params: r.params, result };
  }
}

/**
 * A probe's document in today's shape: an older bundle's goes through the probe's migrations; one
 * from a newer release, whose shape this release does not know, is not guessed at (unavailable).
 */
function upgraded(probeId: string, shape: number, data: unknown, durationMs: number): ScriptResult {
  const probe = windowsProbe(probeId);
  if (!probe) return { status: 'ok', data, durationMs };
  const migrated = migrateDocument(probe, data, shape);
  if (migrated === null)
    return {
      status: 'unavailable',
      message: `${probeId} was written by a newer release (shape ${shape}; this one reads up to ${probe.shape})`,
      durationMs,
    };
  return { status: 'ok', data: migrated, durationMs };
}

/**
 * A diagnosis needs at least the machine's adapters: a bundle whose adapter listing is missing,
 * failed, or not a document of adapters (null, a number) cannot be diagnosed, and saying "no
 * problem found" about it would be a false all-clear.
 */
function requireUsable(platform: DiagnosePlatform, records: SourceRecord[]): void {
  const usable =
    platform === 'windows'
      ? WINDOWS_PROBES.filter((p) => 'required' in p && p.required).every((probe) =>
          records.some(
            (r) =>
              r.kind === 'script' && r.probeId === probe.id && r.result.status === 'ok' && probe.parse(r.result.data) !== null,
          ),
        )
      : LINUX_PROBES.filter((p) => p.required).every((probe) =>
          records.some(
            (r) =>
              r.kind === 'process' &&
              r.argv.join('\0') === probe.argv.join('\0') &&
              r.result.status === 'ok' &&
              probe.parse(r.result.stdout) !== null,
          ),
        );
  if (!usable) throw new BundleError('cannot diagnose: the bundle holds no usable adapter listing');
}

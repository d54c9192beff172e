/**
 * The bridge contract: every operation the renderer may ask for and every event main may push.
 * Runtime parameter schemas live beside it in contract-schemas.ts (main side only, so zod stays
 * out of the renderer and preload bundles); the types here are derived from them. There is
 * deliberately no operation that runs an arbitrary command.
 */
import type { z } from 'zod';
import type { operationParams } from './contract-schemas.ts';
import type {
  AdapterListing,
  AppInfo,
  DiagnosisView,
  FixPreview,
  FixRunResult,
  IpconfigExplanation,
  JournalSummary,
  ProbeProgressEvent,
} from './domain.ts';
import type { Result } from './result.ts';

export const OPERATION_NAMES = [
  'app.info',
  'adapters.list',
  'explain.ipconfig',
  'explain.thisMachine',
  'diagnose.run',
  'fix.preview',
  'fix.apply',
  'fix.undo',
  'fix.history',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** The schemas cover exactly these operations: one missing or one extra does not compile (checked here, so no import climbs back). */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const SCHEMAS_COVER_OPERATIONS: Exactly<keyof typeof operationParams, OperationName> = true;

export interface OperationResults {
  'app.info': AppInfo;
  'adapters.list': AdapterListing;
  'explain.ipconfig': IpconfigExplanation;
  'explain.thisMachine': IpconfigExplanation;
  'diagnose.run': DiagnosisView;
  'fix.preview': FixPreview;
  'fix.apply': FixRunResult;
  'fix.undo': FixRunResult;
  'fix.history': JournalSummary[];
}

/** What the renderer sends for an operation (defaults may be left out). */
export type OperationParams<N extends OperationName> = z.input<(typeof operationParams)[N]>;
/** What a handler receives: the parameters after validation, defaults filled in. */
export type OperationInput<N extends OperationName> = z.output<(typeof operationParams)[N]>;

export interface EventPayloads {
  'probe.progress': ProbeProgressEvent;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES: readonly EventName[] = ['probe.progress'];

/** The object the preload script (or the harness adapter) exposes as `window.vmnetDoctor`. */
export type VmnetDoctorApi = {
  [N in OperationName]: (params: OperationParams<N>) => Promise<Result<OperationResults[N]>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** IPC channel names (Electron). */
export const IPC_INVOKE_CHANNEL = 'vmnet-doctor:invoke';
export const IPC_EVENT_CHANNEL = 'vmnet-doctor:event';

export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && (OPERATION_NAMES as readonly string[]).includes(value);
}

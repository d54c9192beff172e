/**
 * The preload API implemented over the browser harness's HTTP endpoints, for running the real
 * renderer in a plain browser. The per-run token arrives in the URL fragment.
 */
import {
  EVENT_NAMES,
  type EventName,
  type EventPayloads,
  OPERATION_NAMES,
  type VmnetDoctorApi,
} from '../../../common/contract.ts';
import { err, type Result } from '../../../common/result.ts';

const TOKEN_KEY = 'vmnet-doctor-token';

export function takeHarnessToken(location: Location, storage: Storage): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    // Keep the secret out of the address bar and history.
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY);
}

export function createHttpApi(token: string): VmnetDoctorApi {
  const invoke = async (operation: string, params: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ operation, params }),
      });
      return (await response.json()) as Result<unknown>;
    } catch {
      return err('unavailable', 'the VMnet Doctor service is not reachable');
    }
  };
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(message.data as string) as { event: EventName; payload: never };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    };
  };
  const api = Object.fromEntries(OPERATION_NAMES.map((name) => [name, (params: unknown) => invoke(name, params ?? {})]));
  return {
    ...(api as Omit<VmnetDoctorApi, 'on'>),
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${event}`);
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}

/**
 * Exposes `window.vmnetDoctor`: one method per contract operation and event subscriptions that
 * return an unsubscribe function. Nothing from Electron itself reaches the page.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  EVENT_NAMES,
  type EventName,
  type EventPayloads,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  OPERATION_NAMES,
  type VmnetDoctorApi,
} from '../common/contract.ts';

const api = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (params: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, params ?? {})]),
) as Omit<VmnetDoctorApi, 'on'>;

function on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
  const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (name === event) listener(payload as EventPayloads[E]);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, wrapped);
  };
}

contextBridge.exposeInMainWorld('vmnetDoctor', Object.freeze({ ...api, on }) satisfies VmnetDoctorApi);

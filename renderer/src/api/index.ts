import { OPERATION_NAMES, type VmnetDoctorApi } from '../../../common/contract.ts';
import { err } from '../../../common/result.ts';
import { createHttpApi, takeHarnessToken } from './http-adapter.ts';

declare global {
  interface Window {
    vmnetDoctor?: VmnetDoctorApi;
  }
}

/** The preload bridge inside Electron; the harness adapter in a plain browser. */
export function resolveApi(): VmnetDoctorApi {
  if (window.vmnetDoctor) return window.vmnetDoctor;
  const token = takeHarnessToken(window.location, window.sessionStorage);
  if (token) return createHttpApi(token);
  return unavailableApi();
}

function unavailableApi(): VmnetDoctorApi {
  const fail = async () => err('unavailable', 'no VMnet Doctor service: start the app or `npm run web`');
  const ops = Object.fromEntries(OPERATION_NAMES.map((name) => [name, fail])) as unknown as Omit<VmnetDoctorApi, 'on'>;
  return { ...ops, on: () => () => {} };
}

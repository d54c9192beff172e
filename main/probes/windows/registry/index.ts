/**
 * Every Windows probe, in the order a bundle lists them. A new probe is one file in this folder
 * (declared with defineWindowsProbe) plus its fixture, and one line here; registry.test.ts fails
 * on a probe file that is not listed.
 */
import { adaptersProbe } from './adapters.ts';
import { connectionProfilesProbe } from './connection-profiles.ts';
import type { WindowsProbe } from './declare.ts';
import { elevationProbe } from './elevation.ts';
import { firewallProbe } from './firewall.ts';
import { hypervProbe } from './hyperv.ts';
import { pingVmProbe } from './ping-vm.ts';
import { servicesProbe } from './services.ts';
import { virtualboxProbe } from './virtualbox.ts';
import { vmwareConfigProbe } from './vmware-config.ts';
import { vmwareGuestsProbe } from './vmware-guests.ts';

export const WINDOWS_PROBES = [
  adaptersProbe,
  connectionProfilesProbe,
  firewallProbe,
  servicesProbe,
  vmwareConfigProbe,
  virtualboxProbe,
  hypervProbe,
  vmwareGuestsProbe,
  elevationProbe,
  pingVmProbe,
] as const;

export type WindowsProbeId = (typeof WINDOWS_PROBES)[number]['id'];
/** The document a probe's parser gives. */
export type WindowsProbeDoc<Id extends WindowsProbeId> = NonNullable<
  ReturnType<Extract<(typeof WINDOWS_PROBES)[number], { id: Id }>['parse']>
>;

/** Each probe by its id, typed by it: \`PROBE_BY_ID.firewall.script\`. */
export const PROBE_BY_ID = Object.fromEntries(WINDOWS_PROBES.map((p) => [p.id, p])) as {
  readonly [Id in WindowsProbeId]: Extract<(typeof WINDOWS_PROBES)[number], { id: Id }>;
};

const byId = new Map<string, WindowsProbe>(WINDOWS_PROBES.map((p) => [p.id, p as WindowsProbe]));
/** The probe of that id, or undefined for an id this release does not know (a newer bundle's). */
export const windowsProbe = (id: string): WindowsProbe | undefined => byId.get(id);

export type { WindowsProbe } from './declare.ts';
export { FIREWALL_BUDGET_MS } from './firewall.ts';
export { BRIDGE_DRIVERS, WINDOWS_SERVICES } from './services.ts';

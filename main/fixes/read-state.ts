/**
 * The state a Linux fix starts from, read the way the probes read it (the same argv), through the
 * plan's source: live it is this machine; in a bundle's preview it is the bundle's recording, which
 * holds exactly these outputs. Verification after a fix reads live (it runs only where it applied).
 */
import { parseIpAddrJson } from '../probes/linux/ip-addr.ts';
import { parseRoutes } from '../probes/linux/parsers.ts';
import { adaptersProbe } from '../probes/linux/registry/adapters.ts';
import { defaultRoutesProbe } from '../probes/linux/registry/default-routes.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';

const T = { timeoutMs: 8000 };
const [ipFile, ...ipArgs] = adaptersProbe.argv;
const [routeFile, ...routeArgs] = defaultRoutesProbe.argv;

/** `ip -d -j addr show` as it ran, or null. */
async function addrJson(source: ProbeSource): Promise<string | null> {
  const run = await source.run(ipFile, ipArgs, T);
  return run.status === 'ok' ? run.stdout : null;
}

/** Every interface, parsed; empty when `ip` did not answer. */
export async function links(source: ProbeSource = liveSource) {
  const text = await addrJson(source);
  const parsed = text === null ? null : parseIpAddrJson(text);
  return parsed?.ok ? parsed.value : [];
}

/** One interface by name, or null when there is none. */
export async function linkInfo(name: string, source: ProbeSource = liveSource) {
  return (await links(source)).find((l) => l.name === name) ?? null;
}

/** The default routes (`ip -j route show default`). */
export async function defaultRoutes(source: ProbeSource = liveSource) {
  const run = await source.run(routeFile, routeArgs, T);
  return run.status === 'ok' ? parseRoutes(run.stdout) : [];
}

/** The gateway of `dev`'s default route, if it has one. */
export async function defaultGatewayOf(dev: string, source: ProbeSource = liveSource): Promise<string | undefined> {
  return (await defaultRoutes(source)).find((r) => r.dev === dev && r.gateway)?.gateway ?? undefined;
}

/** Whether `dev` got its IPv4 from DHCP (a finite lifetime: "dynamic"), or has none at all. */
export async function usesDhcp(dev: string, source: ProbeSource = liveSource): Promise<boolean> {
  const text = await addrJson(source);
  try {
    const all = JSON.parse(text ?? '[]') as Array<{ ifname?: string; addr_info?: Array<{ family?: string; dynamic?: boolean }> }>;
    const infos = (all.find((l) => l.ifname === dev)?.addr_info ?? []).filter((a) => a.family === 'inet');
    return infos.length === 0 || infos.some((a) => a.dynamic === true);
  } catch {
    return false;
  }
}

/** A file's text, or `fallback` when it is missing or cannot be read. */
export async function textOr<T>(path: string, fallback: T, source: ProbeSource = liveSource): Promise<string | T> {
  const read = await source.readText(path);
  return read.status === 'ok' ? read.text : fallback;
}

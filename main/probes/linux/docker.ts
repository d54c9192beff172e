/**
 * What Docker says of a network whose bridge is br-<id>: its name and, when docker compose made
 * it, the compose project (the label compose puts on its networks). Asked only for a bridge that
 * matters to the diagnosis; no Docker CLI, no daemon or no permission leaves it unknown.
 */
import type { ProbeSource } from '../source.ts';

/** A user-defined Docker network's bridge: br- and the first 12 hex digits of the network's id. */
export const DOCKER_NETWORK_BRIDGE = /^br-([0-9a-f]{12})$/;

export interface DockerNetwork {
  name: string;
  project: string | null;
}

const FORMAT = '{{.Name}}\t{{index .Labels "com.docker.compose.project"}}';

/** `docker network inspect` for each bridge given (by device name); the ones Docker answered for. */
export async function readDockerNetworks(
  bridges: readonly string[],
  source: ProbeSource,
  timeoutMs: number,
): Promise<Record<string, DockerNetwork>> {
  const answers = await Promise.all(
    bridges.map(async (bridge): Promise<Array<[string, DockerNetwork]>> => {
      const id = DOCKER_NETWORK_BRIDGE.exec(bridge)?.[1];
      if (!id) return [];
      const run = await source.run('docker', ['network', 'inspect', '--format', FORMAT, id], {
        timeoutMs: Math.min(timeoutMs, 3000),
      });
      const network = run.status === 'ok' ? parseDockerNetwork(run.stdout) : null;
      return network ? [[bridge, network]] : [];
    }),
  );
  return Object.fromEntries(answers.flat());
}

/** One line "name<TAB>project"; "<no value>" is what the template prints for a missing label. */
export function parseDockerNetwork(text: string): DockerNetwork | null {
  const [name, project] = (text.trim().split('\n')[0] ?? '').split('\t');
  if (!name || !/^[\w.-]{1,128}$/.test(name)) return null;
  const label = project?.trim() ?? '';
  return { name, project: label && label !== '<no value>' && /^[\w.-]{1,128}$/.test(label) ? label : null };
}

import { describe, expect, it } from 'vitest';
import { localNetworkOwner } from '../../diagnosis/guest-local-capture.ts';
import type { ProbeSource } from '../source.ts';
import { parseDockerNetwork, readDockerNetworks } from './docker.ts';

describe('Docker networks', () => {
  it('reads the network name and its compose project; "<no value>" is no project', () => {
    expect(parseDockerNetwork('shop_default\tshop\n')).toEqual({ name: 'shop_default', project: 'shop' });
    expect(parseDockerNetwork('backend\t<no value>\n')).toEqual({ name: 'backend', project: null });
    // Hostile text (a terminal escape, a shell line) is no name.
    expect(parseDockerNetwork('\u001b[2Jx\tshop')).toBeNull();
    expect(parseDockerNetwork('a b;rm -rf /\t')).toBeNull();
    expect(parseDockerNetwork('')).toBeNull();
  });

  it('asks Docker only about br-<id> bridges, by id; an unanswered question is left out', async () => {
    const asked: string[][] = [];
    const source = {
      run: async (_tool: string, argv: string[]) => {
        asked.push(argv);
        const id = argv.at(-1);
        return id === '5c1a9d0e7f21'
          ? { status: 'ok', stdout: 'shop_default\tshop\n', stderr: '', argv, durationMs: 3 }
          : { status: 'not-installed', stdout: '', stderr: '', argv, durationMs: 1, message: 'docker: not found' };
      },
    } as unknown as ProbeSource;
    const got = await readDockerNetworks(['br-5c1a9d0e7f21', 'docker0', 'br-00000000000a'], source, 4000);
    expect(got).toEqual({ 'br-5c1a9d0e7f21': { name: 'shop_default', project: 'shop' } });
    expect(asked.map((a) => a.at(-1))).toEqual(['5c1a9d0e7f21', '00000000000a']);
  });

  it.each([
    ['docker0', 'bridge', 'docker'],
    ['br-5c1a9d0e7f21', 'bridge', 'docker-network'],
    ['podman0', 'bridge', 'podman'],
    ['cni-podman0', 'bridge', 'podman'],
    ['virbr0', 'bridge', 'libvirt'],
    ['lxdbr0', 'bridge', 'lxc'],
    ['br0', 'bridge', 'bridge'],
    ['ens33', null, null],
    ['tun0', 'tun', null],
  ])('%s (%s) is owned by %s', (name, kind, owner) => {
    expect(localNetworkOwner({ name, kind })).toBe(owner);
  });
});

/** Probe: the TCP sockets that listen, and which program holds each. */
import { parseListeners } from '../parsers.ts';
import { defineLinuxProbe } from './declare.ts';

export const listeningProbe = defineLinuxProbe({
  id: 'listening',
  platforms: ['linux'],
  argv: ['ss', '-Htlnp'],
  budgetMs: (t) => t,
  parse: parseListeners,
  fixtures: { match: /^ss-Htln/, origin: 'iproute2 6.1.0 ss in the lab’s namespaces' },
});

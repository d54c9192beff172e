/** Question: where the kernel sends a target's packets (`ip route get` follows every policy rule and table). */
import { parseRouteGet, type RouteLookup } from '../parsers.ts';
import { defineLinuxQuestion } from './declare.ts';

export const routeGetQuestion = defineLinuxQuestion({
  id: 'route-get',
  platforms: ['linux'],
  argv: (p: { target: string }) => ['ip', '-j', 'route', 'get', p.target],
  budgetMs: (t) => t,
  packets: false,
  read: (run, p): RouteLookup | null => (run.status === 'ok' ? parseRouteGet(p.target, run.stdout) : null),
  fixtures: {
    match: /^ip-j-route-get\./,
    origin: 'iproute2 6.1.0 in a throw-away namespace: through the gateway, and to its own address',
    example: { target: '203.0.113.10' },
  },
});

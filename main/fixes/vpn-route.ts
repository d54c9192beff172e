/**
 * linux.release-vpn-route: takes away the exact policy rule (wg-quick's `not fwmark … table …`, a
 * TUN proxy's rule) or main-table routes (OpenVPN's 0/1 + 128/1) that send the VM's traffic into a
 * tunnel where nothing answers. The rule or routes are read back from the kernel and journaled as
 * data; undo re-creates exactly those. A rule with selectors this fix does not model is refused,
 * because it could not be put back faithfully.
 */

import { z } from 'zod';
import { readBack as said } from '../../common/catalogue/read-backs.ts';
import { isIpv4, parseCidr } from '../net/ipv4.ts';
import { parseRouteGet, parseRoutes, parseRules, type RoutingRule } from '../probes/linux/parsers.ts';
import { liveSource, type ProbeSource } from '../probes/source.ts';
import { runProcess } from '../runner/process-runner.ts';
import { defineFix } from './definition.ts';
import type { Step } from './journal.ts';
import { ifname, ipv4 } from './params.ts';

const T = { timeoutMs: 8000 };
/** A routing table by name or number; local, main and default are the kernel's own and never removed. */
const tableName = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,32}$/, 'a routing table name or number')
  .refine((t) => !['local', 'main', 'default', '0', '253', '254', '255'].includes(t), 'not one of the kernel’s own tables');
const priority = z
  .string()
  .regex(/^\d{1,5}$/, 'a rule priority')
  .refine((p) => Number(p) >= 1 && Number(p) <= 32765, 'a priority between 1 and 32765 (0, 32766, 32767 are the kernel’s)');
/** Networks as the kernel prints them: canonical CIDR or "default"; wider than /0 is meaningless. */
const routeDst = z
  .string()
  .refine((v) => v === 'default' || parseCidr(v)?.network === v.split('/')[0], 'a network like 0.0.0.0/1');
const selector = z.string().regex(/^[0-9./]{1,18}$/, 'an address or network');

const ruleRecord = z.object({
  priority: z.number().int().min(1).max(32765),
  table: tableName,
  not: z.boolean(),
  src: selector.nullable(),
  dst: selector.nullable(),
  fwmark: z
    .string()
    .regex(/^0x[0-9a-f]{1,8}(\/0x[0-9a-f]{1,8})?$/)
    .nullable(),
  iif: ifname.nullable(),
  oif: ifname.nullable(),
  suppressPrefixlen: z.number().int().min(0).max(32).nullable(),
});
const routeRecord = z.object({
  dst: routeDst,
  dev: ifname,
  gateway: ipv4.nullable(),
  metric: z.number().int().min(0).max(0xffffffff).nullable(),
});

const params = z
  .object({
    device: ifname,
    priority: priority.optional(),
    table: tableName.optional(),
    routes: z
      .string()
      .max(200)
      .refine((v) => v.split(',').every((r) => routeDst.safeParse(r).success), 'networks separated by commas')
      .optional(),
    target: ipv4.optional(),
  })
  .strict()
  .refine((p) => (p.priority !== undefined && p.table !== undefined) !== (p.routes !== undefined), {
    message: 'either a rule (priority and table) or routes',
  });

/** The selector and action of a rule, as `ip rule add|del` takes them. */
export function ruleArgs(r: z.infer<typeof ruleRecord>): string[] {
  return [
    ...(r.not ? ['not'] : []),
    'from',
    r.src ?? 'all',
    ...(r.dst ? ['to', r.dst] : []),
    ...(r.fwmark ? ['fwmark', r.fwmark] : []),
    ...(r.iif ? ['iif', r.iif] : []),
    ...(r.oif ? ['oif', r.oif] : []),
    'priority',
    String(r.priority),
    'table',
    r.table,
    ...(r.suppressPrefixlen !== null ? ['suppress_prefixlength', String(r.suppressPrefixlen)] : []),
  ];
}

const routeArgs = (r: z.infer<typeof routeRecord>) => [
  r.dst,
  ...(r.gateway ? ['via', r.gateway] : []),
  'dev',
  r.dev,
  ...(r.metric !== null ? ['metric', String(r.metric)] : []),
];

async function ipJson<T>(argv: string[], parse: (text: string) => T, source: ProbeSource = liveSource): Promise<T> {
  const run = await source.run('ip', argv, T);
  if (run.status !== 'ok') throw new Error(`ip ${argv.join(' ')}: ${run.message ?? run.stderr.trim()}`);
  return parse(run.stdout);
}

/** Where the kernel now sends `target`: the device, or null when it cannot tell. */
async function deviceFor(target: string): Promise<string | null> {
  const run = await runProcess('ip', ['-j', 'route', 'get', target], T);
  return run.status === 'ok' ? (parseRouteGet(target, run.stdout)?.dev ?? null) : null;
}

function recordOf(rule: RoutingRule): z.infer<typeof ruleRecord> {
  if (rule.other.length > 0)
    throw new Error(`rule ${rule.priority} has selectors this fix cannot put back (${rule.other.join(', ')}); change it by hand`);
  return ruleRecord.parse({
    priority: rule.priority,
    table: rule.table,
    not: rule.not,
    src: rule.src,
    dst: rule.dst,
    fwmark: rule.fwmark,
    iif: rule.iif,
    oif: rule.oif,
    suppressPrefixlen: rule.suppressPrefixlen,
  });
}

const before = z.strictObject({ rule: ruleRecord.nullable(), routes: z.array(routeRecord).max(16) });

export const releaseVpnRoute = defineFix({
  id: 'linux.release-vpn-route',
  platform: 'linux',
  params,
  before,
  plan: async ({ device = '', priority: prio, table, routes, target }, { source }) => {
    let rule: z.infer<typeof ruleRecord> | null = null;
    let removed: Array<z.infer<typeof routeRecord>> = [];
    if (prio !== undefined && table !== undefined) {
      const found = (await ipJson(['-j', 'rule', 'show'], parseRules, source)).find(
        (r) => r.priority === Number(prio) && r.table === table,
      );
      if (!found) throw new Error(`there is no rule ${prio} for table ${table} any more`);
      rule = recordOf(found);
    } else {
      const main = await ipJson(['-j', 'route', 'show'], parseRoutes, source);
      removed = (routes ?? '').split(',').map((dst) => {
        const r = main.find((m) => m.dst === dst && m.dev === device);
        if (!r) throw new Error(`there is no route ${dst} through ${device} any more`);
        return routeRecord.parse({ dst, dev: device, gateway: r.gateway, metric: r.metric });
      });
    }
    const steps: Step[] = rule
      ? [{ kind: 'run', argv: ['ip', 'rule', 'del', ...ruleArgs(rule)] }]
      : removed.map((r) => ({ kind: 'run', argv: ['ip', 'route', 'del', ...routeArgs(r)] }));
    return {
      summary: {
        device,
        how: rule ? 'rule' : 'routes',
        rule: rule ? ruleArgs(rule).join(' ') : '',
        routes: removed.map((r) => r.dst),
      },
      steps,
      before: { rule, routes: removed },
      verify: async () => {
        // What the finding was about: the target no longer goes into the tunnel.
        const via = target && isIpv4(target) ? await deviceFor(target) : null;
        const gone = rule
          ? !(await ipJson(['-j', 'rule', 'show'], parseRules)).some(
              (r) => r.priority === rule?.priority && r.table === rule.table,
            )
          : !(await ipJson(['-j', 'route', 'show'], parseRoutes)).some((m) =>
              removed.some((r) => r.dst === m.dst && m.dev === device),
            );
        return {
          ok: gone && via !== device,
          readBack: said('vpn-route', {
            rule: rule ? rule.priority : null,
            routes: removed.map((r) => r.dst),
            gone,
            target: target ?? null,
            via: via ?? null,
          }),
        };
      },
    };
  },
  undo: (_params, before) =>
    before.rule
      ? [{ kind: 'run', argv: ['ip', 'rule', 'add', ...ruleArgs(before.rule)] }]
      : before.routes.map((r) => ({ kind: 'run', argv: ['ip', 'route', 'add', ...routeArgs(r)] })),
});

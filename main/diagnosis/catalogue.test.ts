/**
 * Walks the catalogue (common/catalogue): every finding, check, reason and fix has its words in
 * all three languages, every offer's parameters pass its fix's schema on the platform that runs
 * it, every fix id exists where it says, and every finding id is declared by a rule.
 */
import { describe, expect, it } from 'vitest';
import { CHECKS, type CheckDecl, LEARN, type LearnId, REASONS } from '../../common/catalogue/checks.ts';
import { FINDING_IDS, FINDINGS, type FindingDecl } from '../../common/catalogue/findings.ts';
import { FIX_IDS, FIXES } from '../../common/catalogue/fixes.ts';
import { HOP_IDS } from '../../common/catalogue/hops.ts';
import { checkTitle, findingText, hopName, learnText, reasonText } from '../../common/catalogue/render.ts';
import type { Params } from '../../common/catalogue/text.ts';
import { UI_LANGUAGES } from '../../common/domain.ts';
import { hopOf } from '../../common/path.ts';
import { englishProse, stringsIn } from '../../test/i18n/english-prose.ts';
import { declaredRules } from '../../test/rules/declared-rules.ts';
import { ALL_FIXES, fixDefinition } from '../fixes/registry.ts';
import { Checklist, declareRule, offersFor } from './checklist.ts';

const decl = (id: (typeof FINDING_IDS)[number]) => FINDINGS[id] as unknown as FindingDecl<Params>;

describe('the catalogue', () => {
  it('gives every finding a meaning, a title and a detail in every language, for every example', () => {
    for (const id of FINDING_IDS) {
      for (const lang of UI_LANGUAGES) {
        expect(decl(id).meaning[lang], `${id} meaning ${lang}`).toMatch(/\S/);
        for (const params of decl(id).examples) {
          const text = findingText({ id, params }, lang);
          expect(text.title, `${id} ${lang}`).toMatch(/\S/);
          expect(text.detail, `${id} ${lang}`).toMatch(/\S/);
          expect(`${text.title} ${text.detail}`, `${id} ${lang}`).not.toMatch(/undefined|\[object/);
        }
      }
    }
  });

  it('writes no English prose into the Chinese texts of any finding, check, reason or fix', () => {
    for (const lang of ['zh-CN', 'zh-TW'] as const) {
      for (const id of FINDING_IDS) {
        expect(englishProse(decl(id).meaning[lang]), `${id} meaning`).toBeNull();
        for (const params of decl(id).examples) {
          const text = findingText({ id, params }, lang);
          expect(englishProse(`${text.title}\n${text.detail}`, stringsIn(params)), `${id} ${lang}`).toBeNull();
        }
      }
      for (const id of Object.keys(CHECKS)) {
        const title = checkTitle(
          { id, params: { adapter: 'eth0', vmnet: 'VMnet8', network: 'default', label: 'vm NIC 1', mac: 'm' } },
          lang,
        );
        expect(englishProse(title, ['eth0', 'vm NIC 1']), id).toBeNull();
      }
      for (const reason of Object.keys(REASONS)) {
        expect(englishProse(reasonText({ evidence: { reason, dependsOn: 'link' } }, lang) ?? ''), reason).toBeNull();
      }
      for (const id of FIX_IDS) expect(englishProse(FIXES[id].name[lang]({})), id).toBeNull();
    }
  });

  it('offers fixes only with parameters their schema accepts, on the platform that runs them; every offer is reachable', () => {
    for (const id of FINDING_IDS) {
      const reached = new Set<string>();
      for (const params of decl(id).examples) {
        const passed: Array<{ fix: string; params: Record<string, string> }> = [];
        for (const offer of decl(id).offers ?? []) {
          const fixParams = offer.params(params);
          if (fixParams === null) continue;
          const definition = fixDefinition(offer.fix, offer.platform);
          expect(definition?.platform, `${id} → ${offer.fix} on ${offer.platform}`).toBe(offer.platform);
          const parsed = definition?.params.safeParse(fixParams);
          expect(parsed?.success, `${id} → ${offer.fix} ${JSON.stringify(fixParams)}`).toBe(true);
          reached.add(`${offer.fix}@${offer.platform}`);
          passed.push({ fix: offer.fix, params: fixParams });
        }
        // The engine offers exactly these, in the catalogue's order.
        expect(offersFor(id, params), id).toEqual(passed);
      }
      for (const offer of decl(id).offers ?? [])
        expect(reached, `${id} never offers ${offer.fix}`).toContain(`${offer.fix}@${offer.platform}`);
    }
  });

  it('moves toward the expected state: no offer’s new value is the value its finding calls wrong', () => {
    const checked: string[] = [];
    for (const id of FINDING_IDS) {
      for (const params of decl(id).examples) {
        for (const offer of decl(id).offers ?? []) {
          const fixParams = offer.params(params);
          if (!fixParams || !offer.replaces) continue;
          const observed = offer.replaces.observed(params);
          const wrong = observed === null ? [] : typeof observed === 'string' ? [observed] : [...observed];
          const next = fixParams[offer.replaces.with];
          expect(next, `${id} → ${offer.fix}: no parameter ${offer.replaces.with}`).toBeDefined();
          expect(wrong, `${id} → ${offer.fix} ${JSON.stringify(params)}`).not.toContain(next);
          checked.push(`${id}→${offer.fix}`);
        }
      }
    }
    // The fixes that change a value say which one: a gateway, DNS, MTU, subnet, address, bridge.
    expect(new Set(checked)).toEqual(
      new Set([
        'GATEWAY_MISMATCH→linux.set-gateway',
        'DNS_BROKEN→linux.set-dns',
        'ADAPTER_NO_ADDRESS→vbox.set-hostonly-address',
        'SUBNET_CONFLICT→vmware.change-subnet',
        'BRIDGE_MISBOUND→vmware.set-bridge',
        'MTU_MISMATCH→linux.set-mtu',
        'WRONG_SUBNET→guest.config',
      ]),
    );
  });

  it('names the hop of the path every finding and check speaks for, and words for every hop and every way to learn an unknown', () => {
    for (const id of FINDING_IDS)
      for (const params of decl(id).examples) expect(HOP_IDS, `${id} ${JSON.stringify(params)}`).toContain(hopOf(id, params));
    for (const [id, c] of Object.entries(CHECKS) as Array<[string, CheckDecl]>)
      for (const hop of typeof c.hop === 'string' ? [c.hop] : c.hop) expect(HOP_IDS, id).toContain(hop);
    for (const lang of UI_LANGUAGES) {
      for (const hop of HOP_IDS) expect(hopName(hop, lang), hop).toMatch(/\S/);
      for (const id of Object.keys(LEARN) as LearnId[]) expect(learnText(id, lang), id).toMatch(/\S/);
    }
    for (const lang of ['zh-CN', 'zh-TW'] as const) {
      for (const hop of HOP_IDS) expect(englishProse(hopName(hop, lang), ['DHCP', 'NAT', 'DNS']), hop).toBeNull();
      for (const id of Object.keys(LEARN) as LearnId[])
        expect(englishProse(learnText(id, lang), ['VMware Tools', 'Guest Additions', 'ip addr', 'ip link']), id).toBeNull();
    }
  });

  it('has a definition for every fix id on each platform it names, and no definition outside the catalogue', () => {
    for (const id of FIX_IDS) {
      for (const platform of FIXES[id].platforms) {
        expect(
          ALL_FIXES.some((f) => f.id === id && f.platform === platform),
          `${id} on ${platform}`,
        ).toBe(true);
      }
      expect(FIXES[id].name.en({})).toMatch(/\S/);
    }
    for (const f of ALL_FIXES) expect(FIXES[f.id].platforms, f.id).toContain(f.platform);
  });

  it('has every finding id declared by a rule, and every rule declares only catalogue ids (test/rules/check-emitted.ts holds each to a run that produced it)', async () => {
    const rules = await declaredRules();
    expect(rules.length).toBeGreaterThanOrEqual(12);
    const declared = new Set(rules.flatMap((r) => r.emits));
    for (const id of FINDING_IDS) expect(declared.has(id), `${id} is declared by no rule`).toBe(true);
    for (const id of declared) expect(FINDING_IDS, id).toContain(id);
  });

  it('refuses a finding its rule does not declare, and one written outside any rule', () => {
    const list = new Checklist();
    const rule = declareRule('scratch', ['LINK_DOWN']);
    list.as(rule).found('LINK_DOWN', { interface: 'ens33', disabled: false }, {});
    expect(list.findings.map((f) => f.id)).toEqual(['LINK_DOWN']);
    // A rule's sub-function handed the list untyped still answers to the rule's declaration.
    const untyped = list.as(rule) as unknown as Checklist;
    expect(() => untyped.found('NO_IPV4', { interface: 'ens33', apipa: null, dhcpClient: null } as never, {})).toThrow(
      /rule scratch emitted NO_IPV4, which it does not declare/,
    );
    expect(() => list.found('LINK_DOWN', { interface: 'ens33', disabled: false }, {})).toThrow(/outside any rule/);
  });

  it('gives every check a title in every language and a reason in words for every reason id', () => {
    for (const id of Object.keys(CHECKS)) {
      for (const lang of UI_LANGUAGES)
        expect(checkTitle({ id, params: { adapter: 'a', vmnet: 'b', network: 'c', label: 'd', mac: 'e' } }, lang)).toMatch(/\S/);
    }
    for (const reason of Object.keys(REASONS)) {
      for (const lang of UI_LANGUAGES) expect(reasonText({ evidence: { reason, dependsOn: 'link' } }, lang)).toMatch(/\S/);
    }
  });
});

/**
 * A Chinese-reading user meets no English prose: every finding, check title and reason, fix
 * summary and step text of every scenario bundle, rendered in zh-CN and zh-TW; the same through
 * the command line (`diagnose --from DIR --lang zh-CN`); and the Markdown and HTML reports.
 * Names the machine reported (adapters, rules, services) and commands are not prose.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTitle, findingText, fixSummary, reasonText } from '../../common/catalogue/render.ts';
import type { DiagnosisReport, DiagnosisView } from '../../common/domain.ts';
import { readBundle } from '../../main/bundle/bundle.ts';
import { diagnose } from '../../main/diagnosis/diagnose.ts';
import { describeStep, planFix } from '../../main/fixes/run-fix.ts';
import { ReplaySource } from '../../main/probes/source.ts';
import { translator } from '../../renderer/src/i18n/index.ts';
import { reportHtml, reportMarkdown } from '../../renderer/src/report/report.ts';
import { englishProse, stringsIn } from './english-prose.ts';

const bundlesDir = new URL('../bundles/windows/', import.meta.url).pathname;
const bundles = readdirSync(bundlesDir).sort();
const cli = new URL('../../bin/vmnet-doctor.js', import.meta.url).pathname;
const LANGS = ['zh-CN', 'zh-TW'] as const;

async function replay(name: string): Promise<DiagnosisReport> {
  const bundle = await readBundle(join(bundlesDir, name));
  return diagnose(bundle.request, new ReplaySource(bundle.records), bundle.platform);
}

/** The names a report may quote: every string of its findings' params and checks' params and evidence. */
const namesOf = (report: DiagnosisReport) =>
  stringsIn([report.findings.map((f) => [f.params, f.evidence]), report.checks.map((c) => [c.params, c.evidence])]);

describe('no English prose for a Chinese reader', () => {
  it('has scenario bundles to read', () => expect(bundles.length).toBeGreaterThanOrEqual(7));

  for (const name of bundles) {
    it(`${name}: findings, checks, reasons, fix summaries and steps`, async () => {
      const report = await replay(name);
      for (const lang of LANGS) {
        for (const f of report.findings) {
          const text = findingText(f, lang);
          expect(englishProse(`${text.title}\n${text.detail}`, stringsIn(f.params)), `${f.id} ${lang}`).toBeNull();
          for (const offer of f.offers) {
            const planned = await planFix(offer.fix, offer.params, 'windows');
            if (!planned.ok) throw new Error(`${offer.fix}: ${planned.error.message}`);
            const summary = fixSummary(offer.fix, planned.value.plan.summary, lang);
            expect(
              englishProse(summary, stringsIn([planned.value.plan.summary, offer.params])),
              `${offer.fix} ${lang}`,
            ).toBeNull();
            for (const step of [...planned.value.plan.steps, ...planned.value.undo]) {
              const text = describeStep(step);
              // A step is a command: no UI label, and any comment in it is no sentence.
              expect(text, offer.fix).not.toMatch(/as administrator|\(elevated\)/i);
              for (const comment of text.match(/(^|\s)#.*$/gm) ?? [])
                expect(englishProse(comment), `${offer.fix}: ${comment}`).toBeNull();
            }
          }
        }
        for (const c of report.checks) {
          expect(englishProse(checkTitle(c, lang), stringsIn(c.params)), `${c.id} ${lang}`).toBeNull();
          expect(englishProse(reasonText(c, lang) ?? ''), `${c.id} reason ${lang}`).toBeNull();
        }
      }
    });
  }

  // One test per bundle: four CLI runs each, so the time each needs does not grow with the bundles.
  it.each(bundles)('the command line prints the diagnosis of %s in Chinese (--lang zh-CN / zh-TW)', async (name) => {
    const report = await replay(name);
    for (const lang of LANGS) {
      const r = spawnSync(process.execPath, [cli, 'diagnose', '--from', join(bundlesDir, name), '--lang', lang], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status, r.stderr).toBeLessThan(2);
      expect(r.stdout.length).toBeGreaterThan(0);
      for (const line of r.stdout.split('\n')) expect(englishProse(line, namesOf(report)), `${name} ${lang}: ${line}`).toBeNull();
      const json = spawnSync(process.execPath, [cli, 'diagnose', '--from', join(bundlesDir, name), '--lang', lang, '--json'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      const doc = JSON.parse(json.stdout) as DiagnosisReport;
      for (const f of doc.findings) expect(englishProse(`${f.title}\n${f.detail}`, stringsIn(f.params)), f.id).toBeNull();
      for (const c of doc.checks) expect(englishProse(c.title, stringsIn(c.params)), c.id).toBeNull();
    }
  });

  it('the Markdown and HTML reports of every bundle are Chinese outside names, commands and raw evidence', async () => {
    for (const name of bundles) {
      const report = await replay(name);
      const view: DiagnosisView = { report, source: 'bundle', bundleName: name };
      for (const lang of LANGS) {
        const t = translator(lang);
        const md = reportMarkdown(view, t, false, lang);
        for (const line of md.split('\n')) expect(englishProse(line, namesOf(report)), `${name} md ${lang}: ${line}`).toBeNull();
        // The raw evidence (<pre>) is data for the technically minded; everything else is read.
        const html = reportHtml(view, t, false, lang)
          .replace(/<style>[\s\S]*?<\/style>/, '')
          .replace(/<pre>[\s\S]*?<\/pre>/g, '')
          .replace(/<[^>]+>/g, '\n')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&');
        for (const line of html.split('\n'))
          expect(englishProse(line, namesOf(report)), `${name} html ${lang}: ${line}`).toBeNull();
      }
    }
  });
});

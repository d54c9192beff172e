/**
 * Every PowerShell text the project hands to Windows: each probe alone and as the batch sends it,
 * the read-backs, the elevation launcher, and each fix's steps and undo as the elevated file (or
 * the user's script) that runs them, plus the command shown to the user, who may paste it.
 */

import { WINDOWS_FIXES, WINDOWS_READ_BACK_SCRIPTS } from '../../main/fixes/windows-fixes.ts';
import { liveSource } from '../../main/probes/source.ts';
import { WINDOWS_PROBES } from '../../main/probes/windows/registry/index.ts';
import { buildElevatedStepFile, buildScript, ELEVATION_LAUNCHER } from '../../main/runner/powershell.ts';
import { buildBatchScript } from '../../main/runner/powershell-session.ts';
import { CASES } from './fix-cases.ts';
import type { PowerShellStep } from './steps.ts';

export interface EmittedScript {
  name: string;
  text: string;
}

export async function emittedScripts(): Promise<EmittedScript[]> {
  const scripts: EmittedScript[] = WINDOWS_PROBES.map(({ id, script }) => ({
    name: `probe ${id}`,
    text: buildScript(script, {}),
  }));
  scripts.push({
    name: 'probe batch',
    text: buildBatchScript(WINDOWS_PROBES.map(({ id, script }) => ({ id, script, params: {} }))),
  });
  for (const [i, text] of WINDOWS_READ_BACK_SCRIPTS.entries())
    scripts.push({ name: `read-back ${i + 1}`, text: buildScript(text, {}) });
  scripts.push({ name: 'elevation launcher', text: buildScript(ELEVATION_LAUNCHER, {}) });
  for (const c of CASES) {
    const fix = WINDOWS_FIXES.find((f) => f.id === c.id);
    if (!fix) throw new Error(`no fix ${c.id}`);
    const params = fix.params.parse(c.params);
    const plan = await fix.plan(params, { source: liveSource });
    const undo = await fix.undo(params, fix.before.parse(plan.before));
    [...plan.steps, ...undo].forEach((step, i) => {
      if (step.kind !== 'powershell') return;
      const s = step as PowerShellStep;
      const text = s.elevated
        ? buildElevatedStepFile(s.script, s.params, 'C:\\result.json')
        : buildScript(`${s.script}\n$true`, s.params);
      scripts.push({ name: `${c.id} step ${i + 1}`, text }, { name: `${c.id} step ${i + 1} as shown`, text: s.display });
    });
  }
  return scripts;
}

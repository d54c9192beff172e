/** Every fix definition, by id and platform: the one place the engine, the CLI and the wizard look fixes up. */
import type { FixPlatform } from '../../common/catalogue/fixes.ts';
import type { FixId } from '../../common/domain.ts';
import { thisPlatform } from '../runner/platform.ts';
import type { FixDefinition } from './definition.ts';
import { LINUX_FIXES } from './linux-fixes.ts';
import { WINDOWS_FIXES } from './windows-fixes.ts';

export type { FixPlatform };
export const ALL_FIXES: readonly FixDefinition[] = [...LINUX_FIXES, ...WINDOWS_FIXES];

/** The fix for `platform` (this machine's by default), else (previews of another machine's bundle) the other platform's. */
export function fixDefinition(id: string, platform: FixPlatform | null = thisPlatform()): FixDefinition | null {
  const candidates = ALL_FIXES.filter((f) => f.id === (id as FixId));
  return candidates.find((f) => f.platform === platform) ?? candidates[0] ?? null;
}

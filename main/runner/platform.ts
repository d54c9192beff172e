/** The one place that asks which platform and language this process runs with. */
import type { Platform } from '../../common/domain.ts';

export function currentPlatform(): Platform {
  if (process.platform === 'win32') return 'windows';
  if (process.platform === 'linux') return 'linux';
  return 'other';
}

/** The platforms diagnosis and fixes run on, or null elsewhere (a bundle can still be read there). */
export function thisPlatform(): 'linux' | 'windows' | null {
  const p = currentPlatform();
  return p === 'other' ? null : p;
}

/** The OS display language as BCP 47, from the environment the app was started in. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || 'en';
  const tag = raw.split('.')[0]?.replace('_', '-') ?? 'en';
  return tag === 'C' || tag === 'POSIX' || tag === '' ? 'en' : tag;
}

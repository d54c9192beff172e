/** File primitives for places an attacker may have prepared: nothing is followed, nothing existing is reused. */
import { closeSync, constants, openSync, writeSync } from 'node:fs';

/** A new file: never an existing one, never the target of a link planted at `path`. */
export function writeExclusive(path: string, content: string, mode = 0o600): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

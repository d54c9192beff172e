/** Everything the command line prints goes through here: outside data shows its control characters as escapes. */
import { visibleControls } from '../../common/visible.ts';

export const out = (text: string): boolean => process.stdout.write(visibleControls(text));
export const errOut = (text: string): boolean => process.stderr.write(visibleControls(text));

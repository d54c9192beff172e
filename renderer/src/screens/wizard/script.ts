/**
 * "Copy the commands": a script that can be pasted as it is — the labels become comments, the
 * machine it is for is named in a comment, and on Linux every step is run through sudo (a file
 * written with a here-document goes through `sudo tee`, since a shell's redirection is not sudo's).
 */
import type { FixPreview } from '../../../../common/domain.ts';

export interface ScriptWords {
  /** "VMnet Doctor: <fix> — <summary>" */
  title: string;
  /** "Run on …" (the machine the commands are for). */
  runOn: string;
  /** "Run in PowerShell as administrator" or "Run in the VM's terminal". */
  how: string;
}

/** `cat > PATH <<'EOF'` (as describeStep writes a file) → `sudo tee PATH > /dev/null <<'EOF'`. */
function sudoLine(step: string): string {
  const heredoc = /^cat > (\S+) <<'EOF'\n/.exec(step);
  if (heredoc) return step.replace(/^cat > (\S+) <<'EOF'\n/, `sudo tee ${heredoc[1]} > /dev/null <<'EOF'\n`);
  return `sudo ${step}`;
}

/** One line of comment: no line break can end it early. */
const comment = (text: string) => `# ${text.replace(/[\r\n]+/g, ' ')}`;

export function fixScript(preview: Pick<FixPreview, 'platform' | 'steps'>, words: ScriptWords): string {
  const steps = preview.platform === 'linux' ? preview.steps.map(sudoLine) : preview.steps;
  return `${[comment(words.title), comment(words.runOn), comment(words.how), ...steps].join('\n')}\n`;
}

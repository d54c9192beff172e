/**
 * What the command line prints can carry outside data (adapter names, bundle contents, paths).
 * Control characters in it could retitle the terminal, write the clipboard (OSC 52), move the
 * cursor or hide text, so every one of them — C0 but tab and newline, DEL, C1, and the bidi
 * overrides — is printed as a visible \uXXXX escape (also valid inside JSON strings).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

export const out = (text: string): boolean => process.stdout.write(terminalSafe(text));
export const errOut = (text: string): boolean => process.stderr.write(terminalSafe(text));

/**
 * Control characters in outside data (names, bundle contents) could retitle a terminal, write
 * its clipboard (OSC 52), move the cursor, or hide text in a report. Each one — C0 but tab and
 * newline, DEL, C1, and the bidi overrides — is shown as a visible \uXXXX escape (also valid
 * inside JSON strings). Used by the command line and the reports.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what this is for
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function visibleControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

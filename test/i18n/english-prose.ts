/**
 * Finds English prose in text meant for a Chinese reader: a run of four or more English words
 * outside what needs no translation — commands, identifiers, addresses, quoted names and the
 * values the text was given (adapter names, rule texts). Used by the i18n tests.
 */
const QUOTED = /“[^”]*”|「[^」]*」|"[^"]*"|'[^']*'|`[^`]*`|（[^）]*[A-Za-z][^）]*）|\([^)]*\)/g;
const TECHNICAL = /\S*[\d./:_=@\\$-]\S*/g; // addresses, paths, flags, ids, versions
const RUN = /(?:\b[A-Za-z][A-Za-z’']*\b[ ,]+){3}\b[A-Za-z][A-Za-z’']*\b/;

export function englishProse(text: string, names: readonly string[] = []): string | null {
  let rest = text;
  // Longest first, so "VMware Network Adapter VMnet8" goes before "VMnet8".
  for (const name of [...names].filter((n) => n.length > 2).sort((a, b) => b.length - a.length))
    rest = rest.split(name).join(' ');
  rest = rest.replace(QUOTED, ' ').replace(TECHNICAL, ' ');
  return RUN.exec(rest)?.[0] ?? null;
}

/** Every string inside a value (params, evidence): the names a sentence may quote. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** tree-sitter-powershell (its WASM grammar), for tests that must prove a text parses as PowerShell. */
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';

let parser: Parser | null = null;

/** Loads the grammar once; call before powershellSyntaxError (in a beforeAll). */
export async function loadPowershellParser(): Promise<void> {
  if (parser) return;
  await Parser.init();
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
  const p = new Parser();
  p.setLanguage(await Language.load(wasm));
  parser = p;
}

/** The syntax tree of a script (the grammar must be loaded). */
export function powershellTree(script: string) {
  if (!parser) throw new Error('call loadPowershellParser() first');
  return parser.parse(script);
}

/** The first syntax error's line, or null when the text parses cleanly. */
export function powershellSyntaxError(script: string): string | null {
  const tree = powershellTree(script);
  if (!tree?.rootNode.hasError) return null;
  const bad = tree.rootNode.descendantsOfType(['ERROR', 'MISSING'])[0] ?? tree.rootNode;
  return `line ${bad.startPosition.row + 1}: ${script.split('\n')[bad.startPosition.row]}`;
}

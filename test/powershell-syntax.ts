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

/** CIM-backed cmdlets (the NetSecurity, NetTCPIP, NetAdapter and NetConnection modules' Get-Net*, and Get-Cim*). */
const isCim = (name: string) => /^Get-(Net[A-Za-z]+|CimInstance)$/.test(name);

/** Every CIM cmdlet call in a script, and whether it sits inside a loop (foreach, ForEach-Object, Where-Object, while). */
export function cimCalls(script: string): Array<{ name: string; inLoop: boolean }> {
  const tree = powershellTree(script);
  const calls: Array<{ name: string; inLoop: boolean }> = [];
  for (const node of tree?.rootNode.descendantsOfType('command_name') ?? []) {
    if (!node || !isCim(node.text)) continue;
    let inLoop = false;
    for (let p = node.parent; p; p = p.parent) {
      if (['foreach_statement', 'while_statement', 'for_statement', 'do_statement'].includes(p.type)) inLoop = true;
      if (p.type === 'script_block_expression' || p.type === 'script_block') {
        const command = p.parent?.parent?.parent;
        const called = command?.descendantsOfType('command_name')[0]?.text ?? '';
        if (/^(ForEach-Object|Where-Object|%|\?)$/i.test(called)) inLoop = true;
      }
    }
    calls.push({ name: node.text, inLoop });
  }
  return calls;
}

/** CIM queries a script makes on a machine with `items` rules (or adapters): once per call outside a loop, `items` times inside one. */
export function cimQueriesFor(script: string, items: number): number {
  return cimCalls(script).reduce((n, c) => n + (c.inLoop ? items : 1), 0);
}

/**
 * The programs a script calls by a bare name that is not a cmdlet (Verb-Noun): found only when on
 * PATH. A program called through `& $path` is resolved and not listed.
 */
export function barePrograms(script: string): string[] {
  const names = powershellTree(script)?.rootNode.descendantsOfType('command_name') ?? [];
  return names.flatMap((n) => (n && !/^[A-Za-z]+-[A-Za-z0-9]+$/.test(n.text) ? [n.text] : []));
}

#!/usr/bin/env node
// In a checkout, run the TypeScript source (Node >= 22.18 strips types natively), so the command
// is never a stale build; an installed package ships only the built out/main/cli.js.
import { existsSync } from 'node:fs';

const source = new URL('../main/cli/main.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('../out/main/cli.js', import.meta.url).href);

#!/usr/bin/env node
// Runs the built CLI when present (installed package), else the TypeScript source (checkout;
// Node >= 22.18 strips types natively).
import { existsSync } from 'node:fs';

const built = new URL('../out/main/cli.js', import.meta.url);
await import(existsSync(built) ? built.href : new URL('../main/cli/main.ts', import.meta.url).href);

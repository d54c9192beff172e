/** Probe: whether this PowerShell runs as administrator (what a fix will need to ask for). */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { readWith } from './documents.ts';

const SCRIPT = `
$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
$principal = New-Object Security.Principal.WindowsPrincipal $identity
@{ elevated = $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) }
`;

export const elevationProbe = defineWindowsProbe({
  id: 'elevation',
  platforms: ['windows'],
  runs: 'batch',
  budgetMs: (t) => t * 2,
  script: SCRIPT,
  command: 'WindowsPrincipal.IsInRole(Administrator)',
  params: () => ({}),
  parse: readWith(z.object({ elevated: z.boolean() })),
  shape: 1,
  migrations: [],
  fixture: {
    file: 'elevation.healthy-vmware.constructed.json',
    origin: 'constructed',
    source: 'WindowsPrincipal.IsInRole returns a boolean: a user who did not start the app as administrator',
  },
});

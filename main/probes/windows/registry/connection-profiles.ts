/** Probe: the network category (Public, Private, DomainAuthenticated) Windows files each connection under. */
import { z } from 'zod';
import { defineWindowsProbe } from './declare.ts';
import { list, readWith, str } from './documents.ts';

const SCRIPT = `
@{ profiles = @(Get-NetConnectionProfile -ErrorAction SilentlyContinue | ForEach-Object {
  [pscustomobject]@{
    InterfaceAlias = [string]$_.InterfaceAlias
    InterfaceIndex = [int]$_.InterfaceIndex
    NetworkCategory = [string]$_.NetworkCategory
  }
}) }
`;

const doc = z.object({
  profiles: list(z.object({ InterfaceAlias: z.string(), InterfaceIndex: z.number(), NetworkCategory: str })),
});

export const connectionProfilesProbe = defineWindowsProbe({
  id: 'connection-profiles',
  platforms: ['windows'],
  runs: 'batch',
  budgetMs: (t) => t * 2,
  script: SCRIPT,
  command: 'Get-NetConnectionProfile',
  params: () => ({}),
  parse: readWith(doc),
  shape: 1,
  migrations: [],
  fixture: {
    file: 'connection-profiles.healthy-vmware.constructed.json',
    origin: 'constructed',
    source: 'Get-NetConnectionProfile members as documented; the shape of get-netconnectionprofile.vmnet1-public.recorded.txt',
  },
});

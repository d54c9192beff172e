/**
 * The house's import rules (issue 25), checked by `npm test` with dependency-cruiser: no import
 * circle, and no arrow that climbs. The floors, lowest first: an import may go to its own floor or
 * below, never above. The flow (probes → facts → rules → fixes → wizard) is the data's; the
 * imports stand the other way: what decides stands on what observes.
 */
const FLOORS = [
  ['common'],
  ['main/net', 'main/runner'],
  ['main/adapters', 'main/probes'],
  ['main/fixes', 'main/explain'],
  ['main/diagnosis', 'main/bundle'],
  ['main/services', 'main/cli'],
  ['main/electron', 'main/harness'],
];
const under = (dirs) => `^(${dirs.join('|')})/`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'an import circle (type-only imports count)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...FLOORS.slice(0, -1).map((floor, i) => ({
      name: `floor-${i}-climbs`,
      comment: `${floor.join(', ')} may not import from a floor above it`,
      severity: 'error',
      from: { path: under(floor) },
      to: { path: under(FLOORS.slice(i + 1).flat()) },
    })),
    {
      name: 'renderer-and-preload-stand-on-common',
      comment: 'the renderer and the preload reach main only through the bridge contract',
      severity: 'error',
      from: { path: '^(renderer|preload)/' },
      to: { path: '^main/' },
    },
    {
      name: 'main-does-not-import-the-renderer',
      severity: 'error',
      from: { path: '^(main|common)/' },
      to: { path: '^(renderer|preload)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.test\\.tsx?$|^out/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};

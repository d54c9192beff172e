/**
 * One Windows probe, declared in one file (registry/*.ts), as node_exporter keeps one collector
 * per file: what it runs, how long it may take, how its document is read, the fixture it is tested
 * on and where that came from, and how an older bundle's document becomes today's. Everything that
 * lists probes — the facts, `collect`, the bundle reader, the scenario bundles, the engine tests,
 * the fuzzers and the bench — reads the registry (registry/index.ts), never a list of its own.
 */
export type ProbeRun =
  /** In the one PowerShell round trip with the other batch probes. */
  | 'batch'
  /** Alone, with its own budget (it may take tens of seconds and must not hold up the rest). */
  | 'alone'
  /** After the batch, once the VM's address is known (typed by the user or reported by the hypervisor). */
  | 'after-discovery';

/** A document's older shape made into the next one: returns a new value, never edits its input. */
export type Migration = (doc: unknown) => unknown;

export interface WindowsProbe<Id extends string = string, Doc = unknown> {
  readonly id: Id;
  readonly platforms: readonly ['windows'];
  readonly runs: ProbeRun;
  /** Its time budget, from the diagnosis's own timeout (a batch gets its members' largest). */
  readonly budgetMs: (timeoutMs: number) => number;
  /** The PowerShell that leaves one object as its output; outside values only through $Params. */
  readonly script: string;
  /** What the user sees as "the command" of this probe. */
  readonly command: string;
  /** Its $Params; `vmIp` is the VM address the diagnosis asks about, when there is one. */
  readonly params: (ask: { vmIp?: string | undefined }) => Record<string, unknown>;
  /** Reads its document (today's shape); null when the document is not this probe's. */
  readonly parse: (data: unknown) => Doc | null;
  /** The shape its document has today (1 for the first), and `migrations[n - 1]` makes shape n into n + 1. */
  readonly shape: number;
  readonly migrations: readonly Migration[];
  /** A diagnosis cannot start without it (a bundle lacking it is refused). */
  readonly required?: boolean;
  /** Its fixture (main/probes/windows/fixtures/): a document of a healthy VMware host, and its origin. */
  readonly fixture: { readonly file: string; readonly origin: 'recorded' | 'constructed'; readonly source: string };
}

/** Declares a probe; the shape and its migrations must agree, or the declaration is refused. */
export function defineWindowsProbe<const Id extends string, Doc>(probe: WindowsProbe<Id, Doc>): WindowsProbe<Id, Doc> {
  if (probe.migrations.length !== probe.shape - 1)
    throw new Error(
      `probe ${probe.id}: shape ${probe.shape} needs ${probe.shape - 1} migrations, has ${probe.migrations.length}`,
    );
  return probe;
}

/** Brings a document of shape `from` to the probe's shape; null when it is newer than this release knows. */
export function migrateDocument(probe: WindowsProbe, doc: unknown, from: number): unknown | null {
  if (from > probe.shape) return null;
  let value = doc;
  for (let shape = from; shape < probe.shape; shape++) value = (probe.migrations[shape - 1] as Migration)(value);
  return value;
}

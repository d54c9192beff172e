/** vitest's global setup: the scenario bundles, written afresh before any test file is read. */
import { writeScenarioBundles } from './write-bundles.ts';

export default function setup(): void {
  writeScenarioBundles();
}

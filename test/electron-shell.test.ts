/**
 * The Electron shell by contract (no Electron binary runs here): the built main and preload are
 * loaded under Node with a recording double of `electron`, and their wiring is checked — the
 * window's webPreferences, one IPC handler that reaches every contract operation, the navigation,
 * window-open and permission handlers, and a preload exposing exactly the contract's methods.
 * This catches a wrong preload path or module format, which unit tests of the services cannot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../common/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../main/electron/security.ts';

const root = new URL('../', import.meta.url);
const built = existsSync(new URL('out/main/index.js', root)) && existsSync(new URL('out/preload/index.cjs', root));

describe('the Electron shell, by contract', () => {
  it('is built (npm test builds it before the unit tests)', () => {
    expect(built, 'build the app first (npm run build)').toBe(true);
  });

  it.runIf(built)('wires a hardened window, every operation, and a preload exposing exactly the contract', () => {
    const r = spawnSync(
      process.execPath,
      [new URL('test/electron-shell/load-shell.mjs', root).pathname, JSON.stringify(OPERATION_NAMES)],
      { encoding: 'utf8', timeout: 30_000, cwd: root.pathname },
    );
    expect(r.status, r.stderr).toBe(0);
    const shell = JSON.parse(r.stdout);
    expect(shell.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(shell.webPreferences.preload).toMatch(/out\/preload\/index\.cjs$/);
    expect(shell.preloadExists).toBe(true);
    expect(shell.loaded).toMatch(/^file:\/\/.*\/out\/renderer\/index\.html$/);
    expect(shell.ipcChannels).toEqual(['vmnet-doctor:invoke']);
    // Each operation has a service behind it: extra keys are refused by its own schema, never "unknown".
    expect(Object.keys(shell.operations).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const [name, outcome] of Object.entries(shell.operations)) expect(outcome, name).toBe('invalid-params');
    expect(shell.foreign).toBe('forbidden-sender');
    expect(shell.appInfo).toBe('electron');
    expect(shell.navigationPrevented).toBe(3);
    expect(shell.windowOpen).toEqual({ action: 'deny' });
    expect(shell.permission).toBe(false);
    expect(shell.permissionCheck).toBe(false);
    expect(shell.csp).toBe(CONTENT_SECURITY_POLICY);
    expect(shell.extraContentsHardened).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect']));
    expect(shell.exposedKeys).toEqual([...OPERATION_NAMES, 'on'].sort());
    expect(shell.exposedFrozen).toBe(true);
  });
});

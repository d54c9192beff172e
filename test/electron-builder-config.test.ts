import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const root = new URL('../', import.meta.url);
const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8'));

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", () => {
    const schema = require('app-builder-lib/scheme.json');
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check itself rejects a wrong key', () => {
    const ajv = new Ajv({ strict: false, allowUnionTypes: true });
    expect(ajv.validate(require('app-builder-lib/scheme.json'), { ...config, winn: {} })).toBe(false);
  });

  it('asks for no elevation at start and builds the promised targets', () => {
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('sets the Electron fuses that keep the packaged app from being used as a Node runtime', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('points at icons that exist', () => {
    for (const file of [
      'assets/icon.ico',
      'assets/icon.png',
      'assets/icon.svg',
      'assets/icons/256x256.png',
      'assets/icons/512x512.png',
    ]) {
      expect(readFileSync(new URL(file, root)).length).toBeGreaterThan(100);
    }
  });
});

/**
 * Loads the built Electron main (out/main/index.js, ESM) and preload (out/preload/index.cjs, CJS)
 * under plain Node, with `electron` resolved to the recording double; then exercises what they
 * registered and prints one JSON summary. Run by test/electron-shell.test.ts.
 */
import { createRequire, registerHooks } from 'node:module';

const root = new URL('../../', import.meta.url);
const double = new URL('electron-double.cjs', import.meta.url);
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: double.href, shortCircuit: true, format: 'commonjs' };
    return next(specifier, context);
  },
});
const require = createRequire(import.meta.url);
const Module = require('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? double.pathname : resolveFilename.call(this, request, ...rest);
};

await import(new URL('out/main/index.js', root).href);
await new Promise((r) => setTimeout(r, 50));
const record = globalThis.__electronRecord;
const win = record.windows[0];

// Every contract operation reaches a service through the one IPC handler (bad params → typed refusal).
const invoke = record.ipcHandlers['vmnet-doctor:invoke'];
const event = { senderFrame: { url: win?.loaded ?? null }, sender: { send() {} } };
const operations = {};
for (const name of JSON.parse(process.argv[2] ?? '[]')) {
  const r = await invoke(event, name, { unexpected: true });
  operations[name] = r.ok ? 'ok' : r.error.code;
}
const foreign = await invoke({ senderFrame: { url: 'https://evil.example/' }, sender: { send() {} } }, 'app.info', {});
const appInfo = await invoke(event, 'app.info', {});

const wc = win?.webContents;
let prevented = 0;
for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
  for (const h of wc?.events[name] ?? []) h({ preventDefault: () => prevented++ }, 'https://evil.example/');
}
let permission = null;
record.sessionHandlers.permissionRequest?.(null, 'media', (granted) => {
  permission = granted;
});
let csp = null;
record.sessionHandlers.headersReceived?.({ responseHeaders: {} }, (r) => {
  csp = r.responseHeaders['Content-Security-Policy']?.[0] ?? null;
});
// web-contents-created hardens every other contents too.
const extra = { on() {}, setWindowOpenHandler() {} };
const extraEvents = [];
extra.on = (name) => extraEvents.push(name);
for (const h of record.appEvents['web-contents-created'] ?? []) h({}, extra);

// The preload, as Electron's sandbox would run it.
require(new URL('out/preload/index.cjs', root).pathname);
const exposed = record.exposed.vmnetDoctor;

process.stdout.write(
  JSON.stringify({
    webPreferences: { ...win?.options.webPreferences },
    preloadExists: win ? require('node:fs').existsSync(win.options.webPreferences.preload) : false,
    loaded: win?.loaded ?? null,
    ipcChannels: Object.keys(record.ipcHandlers),
    operations,
    foreign: foreign.ok ? 'ok' : foreign.error.code,
    appInfo: appInfo.ok ? appInfo.value.shell : appInfo.error.code,
    navigationPrevented: prevented,
    windowOpen: wc?.windowOpenHandler?.({ url: 'https://evil.example/' }) ?? null,
    permission,
    permissionCheck: record.sessionHandlers.permissionCheck?.() ?? null,
    csp,
    extraContentsHardened: extraEvents,
    exposedKeys: exposed ? Object.keys(exposed).sort() : null,
    exposedFrozen: exposed ? Object.isFrozen(exposed) : null,
  }),
);
process.exit(0);

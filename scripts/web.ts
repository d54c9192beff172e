/**
 * `npm run web`: serves the built renderer and the real services on loopback, for using and
 * testing the app in a browser where Electron is not available.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startHarness } from '../main/harness/server.ts';

const argValue = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
// --build: build first, in this same process's lifetime, so `npm run web` is one process that a
// signal to npm (which forwards it) really stops — no shell left between them holding the server.
if (process.argv.includes('--build')) {
  const bin = fileURLToPath(new URL('../node_modules/.bin/electron-vite', import.meta.url));
  const built = spawnSync(bin, ['build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const bundleDir = argValue('bundle');
const harness = await startHarness({
  rendererDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
  port: Number(argValue('port') ?? 0),
  // --bundle=DIR: the wizard replays a collect bundle; fixes are previewed, not applied.
  ...(bundleDir ? { bundleDir } : {}),
});
process.stdout.write(`VMnet Doctor is running at ${harness.url}\n(open it in a browser; Ctrl+C stops it)\n`);
const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// Whoever started it is gone (killed without passing the signal on): stop too, rather than linger.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 1000).unref();

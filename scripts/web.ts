/**
 * `npm run web`: serves the built renderer and the real services on loopback, for using and
 * testing the app in a browser where Electron is not available.
 */
import { fileURLToPath } from 'node:url';
import { startHarness } from '../main/harness/server.ts';

const argValue = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
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

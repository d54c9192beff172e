/**
 * The Electron shell: one hardened window and one IPC entry point. Everything it serves comes
 * from the plain-Node services, which are tested without Electron.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../common/contract.ts';
import { setElevationOwner } from '../fixes/run-fix.ts';
import { dispatch, senderMatches } from '../services/dispatch.ts';
import { hardenSession, hardenWebContents } from './security.ts';

const rendererUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const isTrustedSender = senderMatches(rendererUrl);

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 800,
    minHeight: 560,
    title: 'VMnet Doctor',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // A middle click must not open links in new windows (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}

/** The window's HWND as a decimal string (a pointer-sized little-endian buffer on Windows). */
function windowHandle(window: BrowserWindow): string | null {
  const handle = window.getNativeWindowHandle();
  if (handle.length === 8) return handle.readBigUInt64LE().toString();
  return handle.length === 4 ? String(handle.readUInt32LE()) : null;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  // `vmnet-doctor-app --bundle=DIR` opens a collect bundle: diagnosis replays it, fixes only preview.
  const bundleDir = process.argv.find((a) => a.startsWith('--bundle='))?.slice('--bundle='.length);
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    ipcMain.handle(IPC_INVOKE_CHANNEL, (event, operation: unknown, params: unknown) =>
      dispatch({ senderUrl: event.senderFrame?.url ?? null, operation, params }, isTrustedSender, {
        shell: 'electron',
        ...(bundleDir ? { bundleDir } : {}),
        emit: (payload) => event.sender.send(IPC_EVENT_CHANNEL, 'probe.progress', payload),
      }),
    );
    mainWindow = createWindow();
    // UAC prompts for a fix's steps belong to this window, so they come up in front of it.
    if (process.platform === 'win32') setElevationOwner(windowHandle(mainWindow));
  });
  app.on('window-all-closed', () => app.quit());
}

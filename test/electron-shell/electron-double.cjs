/**
 * A recording stand-in for the `electron` module (no Electron binary runs here): the built main
 * and preload are loaded with it, and everything they ask Electron to do is written down.
 */
const record = {
  windows: [],
  ipcHandlers: {},
  appEvents: {},
  sessionHandlers: {},
  webContents: [],
  exposed: {},
  ipcRendererInvokes: [],
};
globalThis.__electronRecord = record;

function recordingWebContents() {
  const wc = { events: {}, windowOpenHandler: null, sent: [] };
  wc.on = (event, handler) => {
    wc.events[event] ??= [];
    wc.events[event].push(handler);
    return wc;
  };
  wc.setWindowOpenHandler = (handler) => {
    wc.windowOpenHandler = handler;
  };
  wc.send = (...args) => wc.sent.push(args);
  record.webContents.push(wc);
  return wc;
}

class BrowserWindow {
  constructor(options) {
    this.options = options;
    this.webContents = recordingWebContents();
    this.loaded = null;
    record.windows.push(this);
  }
  once() {}
  on() {}
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  loadURL(url) {
    this.loaded = url;
    return Promise.resolve();
  }
}

const app = {
  requestSingleInstanceLock: () => true,
  on: (event, handler) => {
    record.appEvents[event] ??= [];
    record.appEvents[event].push(handler);
    return app;
  },
  whenReady: () => Promise.resolve(),
  quit: () => {
    record.quit = true;
  },
};

const ipcMain = {
  handle: (channel, handler) => {
    record.ipcHandlers[channel] = handler;
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => {
      record.sessionHandlers.permissionRequest = h;
    },
    setPermissionCheckHandler: (h) => {
      record.sessionHandlers.permissionCheck = h;
    },
    webRequest: {
      onHeadersReceived: (h) => {
        record.sessionHandlers.headersReceived = h;
      },
    },
  },
};

const contextBridge = {
  exposeInMainWorld: (key, api) => {
    record.exposed[key] = api;
  },
};

const ipcRenderer = {
  invoke: (...args) => {
    record.ipcRendererInvokes.push(args);
    return Promise.resolve({ ok: true, value: null });
  },
  on: () => {},
  removeListener: () => {},
};

module.exports = { app, BrowserWindow, ipcMain, session, contextBridge, ipcRenderer };

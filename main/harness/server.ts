/**
 * The browser harness: serves the built renderer and answers the same contract over HTTP, so the
 * real renderer and the real services can be driven in Chromium where Electron is absent.
 * Loopback only, a per-run secret token, and Host/Origin checks against DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, sep } from 'node:path';
import type { ProbeProgressEvent } from '../../common/domain.ts';
import { err } from '../../common/result.ts';
import { CONTENT_SECURITY_POLICY } from '../electron/security.ts';
import { dispatch } from '../services/dispatch.ts';

export interface Harness {
  url: string;
  origin: string;
  token: string;
  close: () => Promise<void>;
}

// Above the explainer's own 4 MiB limit, so a too-large paste gets its typed, explained error.
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** A larger body is read (and dropped) up to here so its sender gets the 413; past it, the connection is cut. */
const MAX_DRAIN_BYTES = 32 * 1024 * 1024;
/** Connections at once (the renderer needs a handful: requests and one event stream). */
const MAX_CONNECTIONS = 32;
/** A connection that says nothing for this long is closed. */
const IDLE_MS = 5000;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export async function startHarness(options: { rendererDir: string; port?: number; bundleDir?: string }): Promise<Harness> {
  const token = randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  const rootDir = await realpath(options.rendererDir);
  let origin = '';

  const tokenOk = (candidate: string | undefined | null) => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const broadcast = (payload: ProbeProgressEvent) => {
    const line = `data: ${JSON.stringify({ event: 'probe.progress', payload })}\n\n`;
    for (const stream of streams) stream.write(line);
  };

  // Sockets that say nothing are closed fast (checked every second); the number of connections is capped.
  const server = createServer(
    { headersTimeout: 5000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 },
    async (req, res) => {
      // While a request is answered its socket may be quiet (a diagnosis takes seconds); idle again after.
      req.socket.setTimeout(0);
      res.on('finish', () => req.socket.setTimeout(IDLE_MS));
      try {
        // DNS rebinding: only our own loopback host name is answered (the origin the token was given for).
        if ((req.headers.host ?? '') !== new URL(origin).host) return send(res, 421, 'wrong host');
        const url = new URL(req.url ?? '/', origin);
        if (url.pathname === '/api/invoke') return await handleInvoke(req, res);
        if (url.pathname === '/api/events') return handleEvents(url, res);
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
        return await serveStatic(url.pathname, res);
      } catch {
        if (!res.headersSent) send(res, 500, 'internal error');
      }
    },
  );

  async function handleInvoke(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return send(res, 405, 'method not allowed');
    const requestOrigin = req.headers.origin ?? null;
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!tokenOk(auth)) return sendJson(res, 401, err('forbidden-sender', 'missing or wrong token'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'json only');
    const body = await readBody(req);
    if (body === null) {
      res.setHeader('Connection', 'close');
      return sendJson(res, 413, err('invalid-params', 'request too large'));
    }
    let request: { operation?: unknown; params?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return sendJson(res, 400, err('invalid-params', 'body is not JSON'));
    }
    // A browser always sends Origin on a cross-origin POST; same-origin fetches carry our own.
    const senderUrl = requestOrigin ?? origin;
    const result = await dispatch(
      { senderUrl, operation: request?.operation, params: request?.params },
      (sender) => sender === origin,
      { shell: 'harness', emit: broadcast, ...(options.bundleDir ? { bundleDir: options.bundleDir } : {}) },
    );
    return sendJson(res, 200, result);
  }

  function handleEvents(url: URL, res: ServerResponse) {
    if (!tokenOk(url.searchParams.get('token'))) return send(res, 401, 'missing or wrong token');
    res.writeHead(200, { 'Content-Type': 'text/event-stream', ...SECURITY_HEADERS, Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  async function serveStatic(pathname: string, res: ServerResponse) {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    } catch {
      return send(res, 400, 'bad path');
    }
    let file: string;
    try {
      file = await realpath(join(rootDir, relative));
    } catch {
      return send(res, 404, 'not found');
    }
    if (file !== rootDir && !file.startsWith(rootDir + sep)) return send(res, 404, 'not found');
    const content = await readFile(file).catch(() => null);
    if (!content) return send(res, 404, 'not found');
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', ...SECURITY_HEADERS });
    res.end(content);
  }

  server.keepAliveTimeout = IDLE_MS;
  server.on('connection', (socket) => {
    socket.setTimeout(IDLE_MS);
    socket.on('timeout', () => socket.destroy());
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The body, or null when it is larger than allowed. A too-large body is drained (not kept) so the
 * sender reads the 413 instead of a reset; one past the drain limit, or announced as such, is cut.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  const announced = Number(req.headers['content-length'] ?? 0);
  if (announced > MAX_DRAIN_BYTES) {
    req.socket.destroy();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.socket.destroy();
        resolve(null);
        return;
      }
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...SECURITY_HEADERS });
  res.end(JSON.stringify(value));
}

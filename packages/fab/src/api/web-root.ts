// The dashboard's static files at / (docs/fab.md §5, docs/web.md §2): a file under the web root when the path names
// one, otherwise index.html, so a client route (/tools/B1, /signin) opened from a plain URL loads the
// app, which routes in the browser. /api/* is never answered here: an unknown API path keeps its JSON
// 404. The files need no sign-in (the app asks /api/me and shows its sign-in page on a 401). A path
// that decodes to `..`, a backslash or a NUL is refused, and the file's real path (symbolic links
// followed) must lie under the root's.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// Nothing the app loads comes from another origin (fabs are closed networks): the browser refuses it.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Serve the files under `root` at / (GET and HEAD), with index.html for paths that name no file. */
export async function registerWebRoot(app: FastifyInstance, root: string): Promise<void> {
  // Resolved once: a symlinked root (a workspace link) still contains its files.
  const base = await realpath(root);
  const index = join(base, 'index.html');
  const indexStat = await stat(index).catch(() => undefined);
  if (indexStat === undefined || !indexStat.isFile())
    throw new Error(`webRoot ${root}: no index.html there (build the dashboard: npm run build)`);

  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = (req.params as { '*'?: string })['*'] ?? '';
    if (path === 'api' || path.startsWith('api/')) return reply.callNotFound();
    const file = fileOf(base, path);
    if (file === undefined) return reply.code(400).send({ code: 'bad-path', message: 'not a file path' });
    const found = await stat(file).catch(() => undefined);
    // A symbolic link under the root may point anywhere: only a file whose real path is inside counts.
    const real = found?.isFile() === true ? await realpath(file).catch(() => undefined) : undefined;
    if (found !== undefined && real !== undefined && real.startsWith(base + sep) === true)
      return sendFile(reply, real, found.size, path.startsWith('assets/'));
    // A missing asset (a name with an extension) is a 404, not the app: a stale page must not get HTML
    // for its script.
    if (extname(path) !== '') return reply.callNotFound();
    return sendFile(reply, index, (await stat(index)).size, false);
  });
}

/** The file a URL path names under `base`, or undefined when the path could leave it. */
export function fileOf(base: string, path: string): string | undefined {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || p.includes('\\') || p.includes('\0'))) return undefined;
  const file = join(base, ...parts);
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

function sendFile(reply: FastifyReply, file: string, size: number, hashed: boolean): FastifyReply {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  reply
    .header('content-type', type)
    .header('content-length', String(size))
    .header('x-content-type-options', 'nosniff')
    // Vite names each asset by its content hash: it never changes. index.html names the current ones.
    .header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (type.startsWith('text/html')) reply.header('content-security-policy', CSP);
  return reply.send(createReadStream(file));
}

/** Where the shipped models are on disk, and which of their files may be served. */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** lib/models/generated, relative to the folder the server runs in (the project). */
export function shippedModelsDir(): string {
  return resolve(/*turbopackIgnore: true*/ process.cwd(), 'lib/models/generated');
}

/** The manifest, or a model or config it names; nothing else (no stamp, no log, no path). */
export async function shippedModelFile(name: string, dir: string = shippedModelsDir()): Promise<{ path: string; contentType: string } | null> {
  if (name === 'models.json') {
    const path = join(dir, name);
    return (await stat(path).catch(() => null))?.isFile() ? { path, contentType: 'application/json' } : null;
  }
  const manifest = await readFile(join(dir, 'models.json'), 'utf8').catch(() => null);
  if (!manifest) return null;
  const { models } = JSON.parse(manifest) as { models: Array<{ file: string; config: string }> };
  const known = models.flatMap((m) => [m.file, m.config]);
  if (!known.includes(name)) return null;
  return { path: join(dir, name), contentType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream' };
}

import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SUPPORTED_EXTENSIONS, formatFromName, type FileFormat } from '../data/formats';

export interface DataFile {
  path: string;
  size: number;
  modified: string;
  format: FileFormat;
}

/** The server's data folder: SIFT_DATA_DIR, default ./data. */
export function dataDir(): string {
  return resolve(/*turbopackIgnore: true*/ process.env.SIFT_DATA_DIR ?? 'data');
}

/**
 * The data folder as a reproducing command names it: relative to the folder the
 * server runs in (the project), or null when it lies elsewhere — an absolute
 * location is not given away (commands then say $SIFT_DATA_DIR).
 */
export function dataFolderLabel(root: string = dataDir(), cwd: string = process.cwd()): string | null {
  const rel = relative(cwd, root).split(sep).join('/');
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? null : rel;
}

/** Whether a file name is one the server lists and serves: a corpus format, not hidden. */
export const isCorpusFileName = (name: string) => !name.startsWith('.') && SUPPORTED_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));

/** Corpus files in the folder and its subfolders (up to `depth` levels), hidden entries skipped. */
export async function listDataFiles(root: string, depth = 6): Promise<DataFile[]> {
  const out: DataFile[] = [];
  async function walk(dir: string, level: number) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      if (e.isDirectory() && level < depth) await walk(full, level + 1);
      else if (e.isFile() && isCorpusFileName(e.name)) {
        const s = await stat(full);
        out.push({ path: relative(root, full).split(sep).join('/'), size: s.size, modified: s.mtime.toISOString(), format: formatFromName(e.name) });
      }
    }
  }
  await walk(root, 0);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Resolves a request path inside the data folder, or null when it would
 * leave it (.., absolute paths, symlinks pointing out, hidden entries) or
 * names anything but a corpus file the listing would show (by the name asked
 * for and by the name of the file it really is).
 */
export async function resolveDataPath(root: string, parts: string[]): Promise<string | null> {
  if (parts.length === 0 || parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.') || p.includes('/') || p.includes('\\') || p.includes('\0'))) return null;
  if (!isCorpusFileName(parts[parts.length - 1])) return null;
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const candidate = resolve(/*turbopackIgnore: true*/ realRoot, ...parts);
  const real = await realpath(candidate).catch(() => null);
  if (!real || !(real === realRoot || real.startsWith(realRoot + sep))) return null;
  if (!isCorpusFileName(basename(real))) return null;
  const s = await stat(real).catch(() => null);
  return s?.isFile() ? real : null;
}

/**
 * Resolves a data-folder path that may name a folder (a shard folder the
 * server engine opens) or a corpus file, with the same refusals as
 * resolveDataPath: nothing outside the data folder, nothing hidden.
 */
export async function resolveDataEntry(root: string, parts: string[]): Promise<{ path: string; kind: 'file' | 'folder' } | null> {
  if (parts.length === 0 || parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.') || p.includes('/') || p.includes('\\') || p.includes('\0'))) return null;
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const real = await realpath(resolve(/*turbopackIgnore: true*/ realRoot, ...parts)).catch(() => null);
  if (!real || !real.startsWith(realRoot + sep)) return null;
  const s = await stat(real).catch(() => null);
  if (s?.isDirectory()) return { path: real, kind: 'folder' };
  if (s?.isFile() && isCorpusFileName(basename(real)) && isCorpusFileName(parts[parts.length - 1])) return { path: real, kind: 'file' };
  return null;
}

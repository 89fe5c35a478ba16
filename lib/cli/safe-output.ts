/**
 * How the CLI writes files: never over one of its own inputs, and never a
 * half-written output — each file is written under a temporary name in the
 * same folder (so the rename cannot cross file systems) and renamed into
 * place only when complete; a failed run removes its temporary files.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

async function identity(path: string): Promise<string | null> {
  const s = await stat(path).catch(() => null);
  return s ? `${s.dev}:${s.ino}` : null;
}

/**
 * Throws when an output path is the same file as an input (same path, a
 * symlink to it, or a hard link): the run would destroy what it reads and
 * what its provenance describes.
 */
export async function refuseOverwritingInputs(outputs: Array<{ path: string; flag: string }>, inputs: Array<{ path: string; what: string }>): Promise<void> {
  const known = new Map<string, string>();
  for (const input of inputs) {
    const id = await identity(input.path);
    if (id) known.set(id, input.what);
    known.set(resolve(input.path), input.what);
  }
  for (const out of outputs) {
    const hit = known.get(resolve(out.path)) ?? known.get((await identity(out.path)) ?? '');
    if (hit) throw new Error(`${out.flag} ${out.path} is ${hit}; refusing to overwrite it (write the output elsewhere)`);
  }
}

/** A temporary name beside `path`, hidden so that no listing shows a partial file. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes several files all-or-nothing: `write` fills the temporary paths it is
 * given, and only when it succeeds are they renamed to their real names, in
 * order. On failure every temporary file is removed and no target is touched.
 */
export async function writeAtomically<T>(targets: string[], write: (temporary: string[]) => Promise<T>): Promise<T> {
  const temporary = targets.map(temporaryPathFor);
  try {
    const result = await write(temporary);
    for (let i = 0; i < targets.length; i++) await rename(temporary[i], targets[i]);
    return result;
  } catch (error) {
    await Promise.all(temporary.map((t) => rm(t, { force: true })));
    throw error;
  }
}

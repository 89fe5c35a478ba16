/**
 * Every `npx sift` example in the README's CLI section runs as written on the
 * demo corpus: from a folder that has the project's public/ (so the demo path
 * resolves), with `npx sift` being this checkout's bin/sift.mjs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

/** The shell lines of the README's CLI section, comments removed, continuations joined. */
export function readmeCliExamples(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## CLI'), readme.indexOf('\n## ', readme.indexOf('## CLI') + 1));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n'))
    .map((l) => l.replace(/\s{2,}#.*$/, '').trim())
    .filter((l) => l.startsWith('npx sift '));
}

describe('the README CLI examples', () => {
  const examples = readmeCliExamples(readFileSync(join(root, 'README.md'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'sift-readme-'));
  symlinkSync(join(root, 'public'), join(dir, 'public'));

  it('are found (at least one of every command)', () => {
    for (const cmd of ['info', 'compare', 'export', 'verify', 'score', 'run']) expect(examples.some((e) => e.startsWith(`npx sift ${cmd} `)), cmd).toBe(true);
  });

  // In order: verify reads what export wrote.
  it.each(examples.map((e) => [e]))('%s', (example) => {
    const args = example.replace(/^npx sift /, '');
    const out = execFileSync('/bin/bash', ['-c', `node ${join(root, 'bin/sift.mjs')} ${args}`], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out.length).toBeGreaterThan(0);
  }, 240_000);

  it('gave the same list shard by shard (sift run export) as in one process', () => {
    expect(readFileSync(join(dir, 'run-keep.jsonl')).equals(readFileSync(join(dir, 'keep.jsonl')))).toBe(true);
  });
});

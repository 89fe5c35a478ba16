import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jsonl, tempDir, writeFile } from '../../data/test/helpers';
import { main } from '../main';
import { capture } from './capture';

const docs = [
  { id: 'x1', text: 'alpha beta', source: 'a', q: 0.1 },
  { id: 'x2', text: 'gamma delta', source: 'b', q: 0.2 },
  { id: 'x3', text: 'epsilon', source: 'b', q: 'n/a' },
];

describe('sift info', () => {
  it('prints the summary as JSON', async () => {
    const dir = tempDir();
    const io = capture();
    const code = await main(['info', writeFile(dir, 'c.jsonl', jsonl(docs)), '--json'], io);
    expect(code).toBe(0);
    const info = JSON.parse(io.stdout[0]);
    expect(info.rows).toBe(3);
    expect(info.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(info.sources).toEqual([
      { source: 'b', count: 2, share: 2 / 3 },
      { source: 'a', count: 1, share: 1 / 3 },
    ]);
    expect(info.scores[0]).toMatchObject({ name: 'q', missing: 1, invalid: 1 });
  });

  it('prints text with rows, fingerprint and sources', async () => {
    const dir = tempDir();
    const io = capture();
    expect(await main(['info', writeFile(dir, 'c.jsonl', jsonl(docs))], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/rows\s+3/);
    expect(io.stdout[0]).toMatch(/fingerprint\s+[0-9a-f]{16}/);
    expect(io.stdout[0]).toMatch(/q\s.*\(1 non-numeric\)/);
  });

  it('fails with a one-line reason naming file and line', async () => {
    const dir = tempDir();
    const io = capture();
    const bad = writeFile(dir, 'bad.jsonl', '{"id":"a","text":"x"}\n{"id":\n');
    expect(await main(['info', bad], io)).toBe(1);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^sift: bad\.jsonl, line 2: malformed JSON/);
    const skipped = capture();
    expect(await main(['info', bad, '--skip-bad-lines'], skipped)).toBe(0);
    expect(skipped.stdout[0]).toMatch(/warning: bad\.jsonl: skipped 1 malformed line \(line 2\)/);
  });

  it('rejects bad usage with exit code 2 and the usage text', async () => {
    const io = capture();
    expect(await main([], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/usage: sift/);
    expect(await main(['frobnicate', 'x'], io)).toBe(2);
    expect(await main(['info'], io)).toBe(2);
    expect(await main(['info', '--bogus', 'x'], io)).toBe(2);
  });

  it('runs as `npx sift` from the package bin', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.jsonl', jsonl(docs));
    const out = execFileSync(process.execPath, ['bin/sift.mjs', 'info', file, '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out).rows).toBe(3);
    const missing = spawnSync(process.execPath, ['bin/sift.mjs', 'info', `${dir}/nope.csv`], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^sift: no such file: .*nope\.csv$/);
  });
});

/**
 * The architecture's rules, checked on the real tree: the import layers of
 * .dependency-cruiser.cjs (and, on a fixture with deliberate mistakes, that the
 * check does fail), workers as registration files, and no oversized lib file.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(paths: string[]): Violation[] {
  const r = spawnSync(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', ...paths, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (!r.stdout) throw new Error(`dependency-cruiser failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const linesOf = (path: string) => readFileSync(path, 'utf8').split('\n').length - 1;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('architecture', () => {
  it('the source tree keeps its layers: no upward import, no cycle, no React in lib/', () => {
    const violations = cruise(['lib', 'workers', 'components', 'app', 'proxy.ts']);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it('the boundary check fails on a wrong import (fixture)', () => {
    const root = 'scripts/test/fixtures/boundaries/';
    const found = cruise([root])
      .map((v) => `${v.rule.name}: ${v.from.replace(root, '')} → ${v.to.replace(root, '').replace(/^node_modules\/react\/.*/, 'react')}`)
      .sort();
    expect(found).toEqual([
      'layer:lib/data: lib/data/reader.ts → lib/text/clean.ts',
      'layer:lib/selection: lib/selection/rule.ts → lib/export/writer.ts',
      'lib-not-react: lib/util/trim.ts → react',
    ]);
  }, 60_000);

  it('workers are registration files (under 30 lines) and every lib file is under 500 lines', () => {
    const workers = readdirSync('workers').map((f) => join('workers', f));
    expect(workers.length).toBeGreaterThan(3);
    expect(workers.filter((f) => linesOf(f) >= 30)).toEqual([]);
    const lib = sourceFiles('lib');
    expect(lib.length).toBeGreaterThan(100);
    expect(lib.filter((f) => linesOf(f) >= 500).map((f) => `${f}: ${linesOf(f)} lines`)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SIFT_VERSION } from '../version';

it('the version recorded in provenance and Parquet files is package.json’s', () => {
  expect(SIFT_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
});

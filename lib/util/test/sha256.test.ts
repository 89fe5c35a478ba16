import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../sha256';

describe('sha256Hex', () => {
  it('hashes its parts concatenated, strings as UTF-8, as node:crypto does', async () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const expected = createHash('sha256').update('café ').update(bytes).update('😀').digest('hex');
    expect(await sha256Hex(['café ', bytes.buffer, '😀'])).toBe(expected);
    expect(await sha256Hex(['café ', bytes, '😀'])).toBe(expected);
    expect(await sha256Hex([])).toBe(createHash('sha256').digest('hex'));
  });
});

import { describe, expect, it } from 'vitest';
import { utf8Length } from '../utf8';

describe('utf8Length', () => {
  it('counts UTF-8 bytes as Buffer.byteLength does: ASCII, 2-, 3- and 4-byte characters', () => {
    for (const s of ['', 'plain ascii', 'café ß', '日本語 €', 'emoji 😀 and 𝔘', 'e\u0301\u200b\ufffd']) expect(utf8Length(s)).toBe(Buffer.byteLength(s));
  });
});

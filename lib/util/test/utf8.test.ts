import { describe, expect, it } from 'vitest';
import { repairUtf8, replacementsAdded, Utf8Check, utf8Length } from '../utf8';

describe('utf8Length', () => {
  it('counts UTF-8 bytes as Buffer.byteLength does: ASCII, 2-, 3- and 4-byte characters', () => {
    for (const s of ['', 'plain ascii', 'café ß', '日本語 €', 'emoji 😀 and 𝔘', 'e\u0301\u200b\ufffd']) expect(utf8Length(s)).toBe(Buffer.byteLength(s));
  });
});

describe('invalid UTF-8', () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('Utf8Check accepts a character split across chunks and stops at an invalid sequence', () => {
    const euro = Buffer.from('€');
    const ok = new Utf8Check();
    expect(ok.push(bytes('price ', [euro[0]]))).toBe(true);
    expect(ok.push(bytes([euro[1], euro[2]], ' 5\n'))).toBe(true);
    expect(ok.finish()).toBe(true);
    const truncated = new Utf8Check();
    truncated.push(bytes('end ', [euro[0], euro[1]]));
    expect(truncated.finish()).toBe(false);
    const bad = new Utf8Check();
    expect(bad.push(bytes('caf', [0xe9], '\n'))).toBe(false);
  });

  it('repairUtf8 replaces invalid sequences line by line and counts them, not the U+FFFD already there', () => {
    const input = bytes('id,text\n1,ok \ufffd\n2,caf', [0xe9, 0xff], ' x\n3,fine\n4,', [0xc3], '\n');
    const r = repairUtf8(input);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(r.bytes)).toBe('id,text\n1,ok \ufffd\n2,caf\ufffd\ufffd x\n3,fine\n4,\ufffd\n');
    expect({ lines: r.lines, replacedChars: r.replacedChars }).toEqual({ lines: 2, replacedChars: 3 });
    expect(replacementsAdded('a\ufffd', Buffer.from('a\ufffd'))).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { textTable } from '../table';

describe('textTable', () => {
  it('aligns names left and numbers right, whatever their widths', () => {
    const t = textTable([
      ['source', 'documents', 'share'],
      ['web', '1,234', '12.0 %'],
      ['a-much-longer-name', '7', '0.1 %'],
      ['(none)', '9', ''],
    ]);
    const lines = t.split('\n');
    expect(lines[0]).toBe('source              documents   share');
    expect(lines[1]).toBe('web                     1,234  12.0 %');
    expect(lines[2]).toBe('a-much-longer-name          7   0.1 %');
    expect(lines[3]).toBe('(none)                      9');
    // Every right-aligned column ends at the same place.
    expect(new Set(lines.slice(0, 3).map((l) => l.length)).size).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { formatBytes, formatCompact, formatCount, formatScore, formatShare } from '../numbers';

describe('number formatting', () => {
  it('formats counts, bytes, shares, compact counts and scores', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
    expect(formatShare(0.1234)).toBe('12.3 %');
    expect(formatCompact(999)).toBe('999');
    expect(formatCompact(1_234_567)).toBe('1.23 M');
    expect(formatCompact(37_948_864)).toBe('37.9 M');
    expect(formatScore(0.123456)).toBe('0.1235');
    expect(formatScore(1234.5678)).toBe('1235');
    expect(formatScore(0.0000123)).toBe('1.230e-5');
    expect(formatScore(NaN)).toBe('—');
  });
});

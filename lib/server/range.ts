/** A byte range of a file, inclusive at both ends, as in HTTP. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses an HTTP Range header for a file of `size` bytes (RFC 9110 §14.1.2).
 * Returns null when there is no usable single-range request (serve the whole
 * file), or 'unsatisfiable' (answer 416). Multiple ranges are not supported
 * and are served whole, which the RFC allows.
 */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const suffix = Number(b);
    // A suffix of an empty file selects nothing (RFC 9110 §14.1.2): 416, never "bytes 0--1/0".
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  if (start >= size) return 'unsatisfiable';
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (end < start) return null;
  return { start, end };
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234567 → "1,234,567". */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? '—' : integer.format(n);
}

/** Bytes in binary units: 1536 → "1.5 KiB". */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[u]}`;
}

/** A share in [0, 1] as a percentage: 0.1234 → "12.3 %". */
export function formatShare(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(digits)} %`;
}

/** Short human counts: 1234567 → "1.23 M". */
export function formatCompact(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const abs = Math.abs(n);
  if (abs < 1e4) return integer.format(n);
  const [div, unit] = abs >= 1e12 ? [1e12, 'T'] : abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : [1e3, 'k'];
  const v = n / div;
  return `${v.toFixed(Math.abs(v) < 10 ? 2 : Math.abs(v) < 100 ? 1 : 0)} ${unit}`;
}

/** A score with 4 significant digits, switching to exponent form for very large or small magnitudes. */
export function formatScore(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-3) return x.toExponential(3);
  return Number(x.toPrecision(4)).toString();
}

/** Documents/s and MB/s of a scoring run so far (the time floored at 1 ms, so a first tick is finite). */
export function throughput(p: { done: number; bytes: number; seconds: number }): { docs: number; mb: number } {
  const s = Math.max(p.seconds, 1e-3);
  return { docs: p.done / s, mb: p.bytes / 1e6 / s };
}

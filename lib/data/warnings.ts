import type { Dataset } from './dataset';
import { formatCount } from '../format/numbers';

/** Everything the loaders repaired or skipped, per file, so no row disappears without a count. */
export function shardWarnings(dataset: Dataset): string[] {
  const out: string[] = [];
  for (const s of dataset.shards) {
    if (s.badLines && s.badLines.count > 0) {
      const lines = s.badLines.examples.map((e) => e.line).join(', ');
      out.push(`${s.file}: skipped ${formatCount(s.badLines.count)} malformed line${s.badLines.count === 1 ? '' : 's'} (line ${lines}${s.badLines.count > s.badLines.examples.length ? ', …' : ''})`);
    }
    if (s.invalidUtf8 && s.invalidUtf8.lines > 0) {
      out.push(`${s.file}: ${formatCount(s.invalidUtf8.lines)} line${s.invalidUtf8.lines === 1 ? ' had' : 's had'} invalid UTF-8; ${formatCount(s.invalidUtf8.replacedChars)} replacement character${s.invalidUtf8.replacedChars === 1 ? '' : 's'} (U+FFFD) inserted`);
    }
    if (s.nonStandardNumbers && s.nonStandardNumbers > 0) {
      out.push(`${s.file}: ${formatCount(s.nonStandardNumbers)} NaN/Infinity literal${s.nonStandardNumbers === 1 ? '' : 's'} read as missing values`);
    }
  }
  return out;
}

import type { Dataset } from '../data/dataset';
import { selectorOrigins } from '../data/origins';
import { shardWarnings } from '../data/warnings';
import { formatBytes, formatCount, formatScore, formatShare } from '../format/numbers';

/** The machine-readable form of `sift info --json`: what the Data page shows. */
export function infoJson(dataset: Dataset) {
  const s = dataset.summary;
  return {
    files: dataset.shards.map((sh) => ({ file: sh.file, format: sh.format, bytes: sh.bytes, rows: sh.rows })),
    rows: s.rows,
    fingerprint: s.fingerprint,
    ids_derived: s.idsDerived,
    duplicate_ids: s.duplicateIds,
    sources: s.sources,
    characters: s.characters,
    text_bytes: s.bytes,
    tokens: s.tokens,
    mapping: dataset.mapping,
    columns: dataset.columns.map((c) => ({ name: c.name, type: c.type, numeric: c.numeric, non_null: c.nonNull, non_numeric: c.invalidNumbers })),
    scores: s.scores,
    selectors: selectorOrigins(dataset),
    warnings: shardWarnings(dataset),
    ...(dataset.corpus ? { corpus: dataset.corpus } : {}),
  };
}

const pad = (text: string, n: number) => text + ' '.repeat(Math.max(0, n - text.length));
const lpad = (text: string, n: number) => ' '.repeat(Math.max(0, n - text.length)) + text;

/** The human-readable form of `sift info`. */
export function infoText(dataset: Dataset): string {
  const s = dataset.summary;
  const lines: string[] = [];
  lines.push(`files        ${dataset.shards.map((sh) => sh.file).join(', ')}`);
  lines.push(`rows         ${formatCount(s.rows)}`);
  lines.push(`fingerprint  ${s.fingerprint}`);
  if (dataset.corpus) lines.push(`sample       of ${formatCount(dataset.corpus.documents)} documents (${dataset.corpus.sample.method}${dataset.corpus.sample.rate !== null ? `, rate ${dataset.corpus.sample.rate}, seed ${dataset.corpus.sample.seed}` : ''})`);
  lines.push(`doc_id       ${s.idsDerived ? 'derived from the text (first 16 hex digits of MD5)' : `column "${dataset.mapping.id}"`}`);
  if (s.duplicateIds.ids > 0) lines.push(`duplicates   ${formatCount(s.duplicateIds.ids)} ids repeated (${formatCount(s.duplicateIds.extraRows)} extra rows), e.g. ${s.duplicateIds.examples.slice(0, 3).join(', ')}`);
  lines.push(`text         ${dataset.mapping.text ? `column "${dataset.mapping.text}"` : 'none'}`);
  lines.push(`characters   ${formatCount(s.characters)}`);
  lines.push(`text bytes   ${s.bytes.value === null ? '—' : `${s.bytes.estimated ? '≈ ' : ''}${formatBytes(s.bytes.value)}`}`);
  lines.push(`tokens       ${s.tokens.value === null ? '—' : `${s.tokens.estimated ? '≈ ' : ''}${formatCount(s.tokens.value)}`} (${s.tokens.basis})`);
  lines.push('');
  const width = Math.max(6, ...s.sources.map((x) => (x.source ?? '(none)').length));
  lines.push(`${pad('source', width)}  ${lpad('documents', 10)}  ${lpad('share', 8)}`);
  for (const src of s.sources) lines.push(`${pad(src.source ?? '(none)', width)}  ${lpad(formatCount(src.count), 10)}  ${lpad(formatShare(src.share), 8)}`);
  if (s.scores.length > 0) {
    lines.push('');
    const w = Math.max(5, ...s.scores.map((x) => x.name.length));
    const origin = new Map(selectorOrigins(dataset).map((o) => [o.name, o.origin]));
    lines.push(`${pad('score', w)}  ${lpad('min', 10)}  ${lpad('mean', 10)}  ${lpad('max', 10)}  ${lpad('missing', 9)}  from`);
    for (const c of s.scores) {
      const missing = formatCount(c.missing) + (c.invalid > 0 ? ` (${formatCount(c.invalid)} non-numeric)` : '');
      lines.push(`${pad(c.name, w)}  ${lpad(formatScore(c.min), 10)}  ${lpad(formatScore(c.mean), 10)}  ${lpad(formatScore(c.max), 10)}  ${lpad(missing, 9)}  ${origin.get(c.name) ?? 'column'}`);
    }
  }
  const warnings = shardWarnings(dataset);
  if (warnings.length > 0) {
    lines.push('');
    for (const w of warnings) lines.push(`warning: ${w}`);
  }
  return lines.join('\n');
}

import type { RawColumn } from './sql/profile';
import { isNumericClass, typeClassOf, type TypeClass } from './sql/types';

/** What the profile query learned about one raw column. */
export interface ColumnProfile {
  name: string;
  type: string;
  typeClass: TypeClass;
  nonNull: number;
  /** Values that read as finite numbers (for text and float columns). */
  finite: number;
  /** Mean character length, for text columns. */
  avgLength: number | null;
  /** True when the column can serve as a score: numbers, or text that is mostly numbers. */
  numeric: boolean;
  /** Non-null values that are not finite numbers, in a numeric column: counted as missing. */
  invalidNumbers: number;
}

export interface ColumnMapping {
  id: string | null;
  text: string | null;
  source: string | null;
  tokens: string | null;
  /** Precomputed problem tags: a list column, or text like "a,b" or '["a","b"]'. */
  tags: string | null;
  scores: string[];
}

export type MappingRole = 'id' | 'text' | 'source' | 'tokens' | 'tags';

export interface MappingDetection {
  mapping: ColumnMapping;
  /** Why each role got its column (or why none), shown in the mapping panel. */
  reasons: Record<MappingRole, string>;
}

/** A text column counts as numeric when at least this share of its values read as finite numbers. */
export const NUMERIC_TEXT_SHARE = 0.5;
/** A text column whose values average this many characters can be guessed as the text column. */
export const GUESS_TEXT_MIN_AVG_LENGTH = 64;

export const ID_NAMES = ['doc_id', 'id', 'uuid', 'docid', 'document_id', 'guid'];
export const TEXT_NAMES = ['text', 'content', 'raw_content', 'document', 'body', 'contents'];
/** `step`: the filter step an exclusion output came from (lib/data/layouts), when nothing else names a source. */
export const SOURCE_NAMES = ['source', 'domain', 'dataset', 'subset', 'src', 'origin', 'collection', 'step'];
export const TOKEN_NAMES = ['n_tokens', 'token_count', 'num_tokens', 'ntokens', 'tokens', 'length_tokens'];
/** `reason`: why a filter removed the document (an exclusion output's), one label per document. */
export const TAG_NAMES = ['tags', 'tag', 'quality_tags', 'flags', 'labels', 'reason'];
export const SINGLE_LABEL_TAGS = ['reason'];

/**
 * Numbers that identify rather than score: ids, group and cluster ids (NeMo Curator's fuzzy
 * dedup writes `_duplicate_group_id`), shard, row and line numbers. Not selectors unless mapped.
 */
export const IDENTIFIER_NUMBER = /(^|[_\-.])(id|ids|uuid|group|group_id|cluster|cluster_id|shard|shard_id|row|line|offset|index|idx|rank)$/i;

/** Column names Sift's docs table uses itself; a score column cannot take them. */
export const RESERVED_COLUMNS = ['doc_id', 'text', 'source', 'n_tokens', 'n_chars', 'n_bytes', 'tags', '_shard', '_row', '_idx'];

export function profileColumn(col: RawColumn, nonNull: number, finite: number, avgLength: number | null): ColumnProfile {
  const typeClass = typeClassOf(col.type);
  let numeric = false;
  if (isNumericClass(typeClass)) numeric = true;
  else if (typeClass === 'string' && nonNull > 0 && finite / nonNull >= NUMERIC_TEXT_SHARE) numeric = true;
  return {
    name: col.name,
    type: col.type,
    typeClass,
    nonNull,
    finite,
    avgLength,
    numeric,
    invalidNumbers: numeric ? nonNull - finite : 0,
  };
}

function findByName(profiles: ColumnProfile[], names: string[], accept: (p: ColumnProfile) => boolean): ColumnProfile | undefined {
  for (const wanted of names) {
    const hit = profiles.find((p) => p.name.toLowerCase() === wanted && accept(p));
    if (hit) return hit;
  }
  return undefined;
}

const isStringLike = (p: ColumnProfile) => p.typeClass === 'string';
const isTagLike = (p: ColumnProfile) => (p.typeClass === 'string' && !p.numeric) || /\[\]$|^(VARCHAR|STRING)\[\]$|^LIST/i.test(p.type);
const isIdLike = (p: ColumnProfile) => p.typeClass === 'string' || p.typeClass === 'integer';

/** The id column by name (ID_NAMES, in that order), text or integer: the documents' and a score file's. */
export const findIdColumn = (profiles: ColumnProfile[]): ColumnProfile | undefined => findByName(profiles, ID_NAMES, isIdLike);

export function detectMapping(profiles: ColumnProfile[]): MappingDetection {
  const reasons = {} as Record<MappingRole, string>;

  const id = findIdColumn(profiles);
  reasons.id = id
    ? `named "${id.name}"`
    : `no column named ${ID_NAMES.join(' / ')}: doc_id is derived from the text (first 16 hex digits of its MD5)`;

  let text = findByName(profiles, TEXT_NAMES, isStringLike);
  if (text) reasons.text = `named "${text.name}"`;
  else {
    const candidates = profiles
      .filter((p) => isStringLike(p) && !p.numeric && p !== id && (p.avgLength ?? 0) >= GUESS_TEXT_MIN_AVG_LENGTH)
      .sort((a, b) => (b.avgLength ?? 0) - (a.avgLength ?? 0));
    text = candidates[0];
    reasons.text = text
      ? `guessed: longest string column (mean ${Math.round(text.avgLength ?? 0)} characters); no column named ${TEXT_NAMES.join(' / ')}`
      : `missing: no string column named ${TEXT_NAMES.join(' / ')}, and no string column long enough to be document text. Pick one, or the documents have no text to show or score.`;
  }

  const source = findByName(profiles, SOURCE_NAMES, (p) => p.typeClass === 'string' && p !== text);
  reasons.source = source ? `named "${source.name}"` : `none: no column named ${SOURCE_NAMES.join(' / ')}; all documents count as one source`;

  const tokens = findByName(profiles, TOKEN_NAMES, (p) => p.numeric);
  reasons.tokens = tokens ? `named "${tokens.name}"` : 'none: token counts are estimated as UTF-8 bytes / 4';

  const tags = findByName(profiles, TAG_NAMES, isTagLike);
  reasons.tags = tags ? `named "${tags.name}"` : 'none: tags come from Sift\'s scorers';

  const taken = new Set([id?.name, text?.name, source?.name, tokens?.name, tags?.name]);
  const scores = profiles.filter((p) => p.numeric && !taken.has(p.name) && !RESERVED_COLUMNS.includes(p.name) && !IDENTIFIER_NUMBER.test(p.name)).map((p) => p.name);

  return {
    mapping: { id: id?.name ?? null, text: text?.name ?? null, source: source?.name ?? null, tokens: tokens?.name ?? null, tags: tags?.name ?? null, scores },
    reasons,
  };
}

/** Problems with a mapping chosen by a person; an empty list means it can be applied. */
export function validateMapping(mapping: ColumnMapping, profiles: ColumnProfile[]): string[] {
  const problems: string[] = [];
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const check = (role: string, name: string | null, ok: (p: ColumnProfile) => boolean, what: string) => {
    if (name === null) return;
    const p = byName.get(name);
    if (!p) problems.push(`${role}: there is no column "${name}"`);
    else if (!ok(p)) problems.push(`${role}: "${name}" is ${p.type}, expected ${what}`);
  };
  check('id', mapping.id, isIdLike, 'text or integer');
  check('text', mapping.text, isStringLike, 'text');
  check('source', mapping.source, (p) => p.typeClass !== 'other', 'text or a number');
  check('tokens', mapping.tokens, (p) => p.numeric, 'numbers');
  check('tags', mapping.tags ?? null, isTagLike, 'a list or text');
  for (const s of mapping.scores) {
    check('score', s, (p) => p.numeric, 'numbers');
    if (RESERVED_COLUMNS.includes(s)) problems.push(`score: "${s}" is a name Sift uses itself; rename the column`);
  }
  const roles = [mapping.id, mapping.text, mapping.source, mapping.tokens, mapping.tags ?? null].filter((x): x is string => x !== null);
  const dup = roles.find((r, i) => roles.indexOf(r) !== i);
  if (dup) problems.push(`"${dup}" is mapped to two roles`);
  return problems;
}

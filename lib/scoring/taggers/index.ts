/**
 * Junk taggers: for each low-quality class a per-document signal, a tag when
 * the signal reaches its threshold, and the character spans (UTF-16 offsets
 * into the text, never splitting a surrogate pair) that caused it. Every
 * scan is a single linear pass or a regex without nested quantifiers, so a
 * 10 MB line or a megabyte of one character stays linear. One file per tagger.
 */
export { TAGGERS, type Tagger } from '../names';
export { countNewlines, THRESHOLDS, type Span, type TaggerResult } from './common';
export * from './encoding-error';
export * from './ocr-noise';
export * from './whitespace';
export * from './nonprinting';
export * from './number-table';
export * from './secret';
export * from './all-caps';
export * from './non-english';
export * from './repetition';
export * from './boilerplate';
export * from './markup';

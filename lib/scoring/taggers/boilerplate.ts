import spamWeights from '../generated/spam-model.json' with { type: 'json' };
import { SPAM_LOG_ODDS_THRESHOLD, spamLogOdds, spamWindow, WordWatch, type SpamModel } from '../spam-model';
import { type Span, type TaggerResult, MAX_SPANS, forEachLine, clamp01, collect } from './common';

const spamModel = spamWeights as SpamModel;

// Spam by a logistic regression over words (trained on SpamAssassin and prose at install),
// cookie and policy banners, footers and navigation bars by their phrases.
const BANNER_PHRASES = [
  'cookie', 'privacy policy', 'terms of use', 'terms of service', 'terms and conditions', 'all rights reserved',
  'sign up for our newsletter', 'subscribe to our newsletter', 'accept all', 'manage your preferences',
  'skip to content', 'skip to main content', 'back to top', 'follow us on', 'share this', 'read more',
];
const BANNER_RE = new RegExp(BANNER_PHRASES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
// | • · » ›
const isNavSeparator = (c: number) => c === 0x7c || c === 0x2022 || c === 0xb7 || c === 0xbb || c === 0x203a;

/** A Markdown table's delimiter row: cells of three or more dashes, colons for alignment (|:---|---:| or ---|---). */
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/;

/**
 * Navigation bars: short lines of three or more short items between separators. Consecutive
 * lines with a | form a block, and a block holding a Markdown table's delimiter row is a table
 * (a README's platform list or benchmark), not navigation.
 */
function navLines(text: string, spans: Span[]): number {
  let n = 0;
  const navLine = (start: number, end: number) => {
    if (end - start > 300) return;
    let seps = 0;
    for (let i = start; i < end; i++) if (isNavSeparator(text.charCodeAt(i))) seps++;
    if (seps >= 3 && (end - start) / (seps + 1) <= 30) {
      n++;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'boilerplate' });
    }
  };
  let blockStart = -1;
  let blockEnd = -1;
  let table = false;
  const flush = () => {
    if (!table) forEachLine(text, navLine, blockStart, blockEnd);
    blockStart = -1;
    table = false;
  };
  // The next | and the next --- at or after the current line: each found once, not searched per line.
  let nextPipe = text.indexOf('|');
  let nextDashes = nextPipe < 0 ? -1 : text.indexOf('---');
  forEachLine(text, (start, end) => {
    if (nextPipe >= 0 && nextPipe < start) nextPipe = text.indexOf('|', start);
    if (nextPipe >= 0 && nextPipe < end) {
      if (blockStart < 0) blockStart = start;
      blockEnd = end;
      if (nextDashes >= 0 && nextDashes < start) nextDashes = text.indexOf('---', start);
      if (!table && nextDashes >= 0 && nextDashes < end && end - start <= 1000 && TABLE_DELIMITER.test(text.slice(start, end))) table = true;
      return;
    }
    if (blockStart >= 0) flush();
    navLine(start, end);
  });
  if (blockStart >= 0) flush();
  return n;
}

/**
 * Stock touting (pump-and-dump spam), which the spam model's training mail barely has: a ticker
 * given as a label, price and target labels with a dollar figure, a buy rating, a penny-stock
 * market, the classic urgings. Each alone occurs in clean financial text (an analyst's "strong buy",
 * a quote's symbol); two kinds together are a tout.
 */
const STOCK_TOUT = [
  /\b(?:[Ss] ?[Yy] ?[Mm] ?[Bb] ?[Oo] ?[Ll]|SYMBOL|[Tt]icker(?: [Ss]ymbol)?|TICKER(?: SYMBOL)?)\s*[:\-–]?\s*\(?[A-Z]{3,5}\b/g,
  /\b(?:current|curent|recent|opening)\s+price\s*[:\-–]\s*\$?\s?\d[\d.,]*/gi,
  /\b(?:target(?: price)?|(?:short|long|mid)[- ]term target|\d+[- ]days? target|price target)\s*[:\-–]\s*\$\s?\d[\d.,]*/gi,
  /\b(?:(?:very )?strong|hot|immediate) buy\b/gi,
  /\bpink ?sheets\b|\botc ?bb\b|\botc markets\b|\b[A-Z]{3,5}\.PK\b/gi,
  /\bcall your broker\b|\bstock (?:is going to|will|is about to) (?:explode|soar|skyrocket)|\b(?:double|triple|quadruple) your money\b|\bground floor\b/gi,
];

/** Words that a tout has, reported by the spam model's pass over the words (no pass of its own). */
const TOUT_WORDS = new WordWatch(['symbol', 'mbol', 'ticker', 'buy', 'pink', 'pinksheets', 'otc', 'otcbb']);
const TICKER_BITS = 0b111;
const BUY_BIT = 0b1000;
const MARKET_BITS = 0b11110000;

/** Whether the text can hold a tout: a ticker's label, or two of a dollar sign, "buy" and a penny-stock market. */
function mayTout(words: number, text: string): boolean {
  if (words & TICKER_BITS) return true;
  const buy = (words & BUY_BIT) !== 0;
  const market = (words & MARKET_BITS) !== 0;
  return (buy && market) || ((buy || market) && text.includes('$'));
}

/** The kinds a quote table also has (a symbol, a price): a tout needs one of the others too. */
const QUOTE_KINDS = 2;

/** 0 below two kinds of touting; 0.6 at two, 0.1 more for each further kind. */
function stockTout(text: string, spans: Span[]): number {
  let kinds = 0;
  let touting = false;
  const found: Span[] = [];
  STOCK_TOUT.forEach((re, k) => {
    if (collect(re, text, 'boilerplate', found) === 0) return;
    kinds++;
    if (k >= QUOTE_KINDS) touting = true;
  });
  if (kinds < 2 || !touting) return 0;
  found.sort((a, b) => a.start - b.start);
  for (const span of found) if (spans.length < MAX_SPANS) spans.push(span);
  return clamp01(0.6 + 0.1 * (kinds - 2));
}

export function boilerplate(text: string): TaggerResult {
  const spans: Span[] = [];
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const banners = collect(BANNER_RE, sample, 'boilerplate', spans);
  const nav = navLines(sample, spans);
  // The tout check reads what the spam model reads, whose words tell whether a tout can be there.
  const spamSample = spamWindow(sample);
  const spam = clamp01(0.5 + (spamLogOdds(spamModel, spamSample, TOUT_WORDS) - SPAM_LOG_ODDS_THRESHOLD) / 10);
  const tout = mayTout(TOUT_WORDS.found, spamSample) ? stockTout(spamSample, spans) : 0;
  const kchars = Math.max(0.5, sample.length / 1000);
  // Banner phrases and navigation bars per kilo-character.
  const banner = clamp01((banners + 2 * nav) / kchars / 4);
  if (spam >= 0.5 && spans.length === 0) spans.push({ start: 0, end: text.length, tag: 'boilerplate' });
  return { signal: Math.max(spam, banner, tout), spans };
}

import { type Span, type TaggerResult, MAX_SPANS, forEachLine, countNewlines, clamp01 } from './common';

// A tag (group 1: its name, group 2: what follows the name), a comment, a doctype, or an entity (group 3).
const TAG = /<\/?([a-zA-Z][a-zA-Z0-9:-]{0,20})(\s[^<>]{0,500})?\/?>|<!--[\s\S]{0,2000}?-->|<!DOCTYPE[^>]{0,100}>|(&(?:[a-z]{2,8}|#\d{2,5});)/g;
const HTML_ELEMENTS = new Set(
  ('html head body title meta link script style div span p br hr a img table thead tbody tfoot tr td th caption col colgroup ' +
    'ul ol li dl dt dd h1 h2 h3 h4 h5 h6 b i u s em strong small big font center form input button select option textarea ' +
    'label fieldset legend iframe frame frameset noscript pre code blockquote sup sub tt strike del ins kbd var samp cite ' +
    'abbr q address area map base embed object param video audio source canvas nav header footer section article aside ' +
    'main figure figcaption svg wbr nobr basefont marquee').split(' '),
);
// What starts a line of code in the languages corpora are full of (Python, C and C++ headers,
// JavaScript, Perl, shell, CSS, SQL), what ends one, a call, an operator between spaces.
const CODE_START =
  /^(?:def|class|import|from\s+[\w.]+\s+import|return|elif|else:|else\s*\{|try:|except\b|finally:|#\s*(?:include|define|ifn?def|endif|if|else|elif|pragma|undef)\b|typedef|struct|enum|union|function|const|let|var|sub|my|use|package|public|private|protected|static|void|int|char|unsigned|template|namespace|using|extern|local|echo|fi|then|done|esac|export|@media|@import|@font-face|async|await|yield|raise|assert|lambda|if\s*\(|for\s*\(|while\s*\(|switch\s*\(|(?:select|insert|create|drop|SELECT|INSERT|CREATE|DROP)\s)/; // case matters: prose says "If so:"
// A Python block header (with/if/for/while/case … :), tried only on a line ending in a colon.
const BLOCK_HEADER = /^(?:with|if|for|while|case|elif)\s.*:$/;
const CODE_END = /(?:[;{}([]|\):|\],|\},|=>|\\)$/;
const CODE_CALL = /[A-Za-z_][\w.]*\((?!\d\w?\)|[a-z]\))/; // not ps(1) or file(s)
const CODE_OPERATOR = / (?:=|==|!=|===|=>|->|\+=|-=|\|\||&&|<=|>=|\?\?|:=) |::|\$[A-Za-z_{]|\bself\.|\bthis\./;
const CODE_MAX_LINE = 300;
const MAY_OPERATE = /[=>&|:$?]|self\.|this\./; // cheap test before CODE_OPERATOR
const COMMENT_START = /^(?:\/\/|\/\*|\*\/|\*(?:\s|$)|#(?!!)|--\s|;;|"""|''')/;
// List items and Markdown links end in ) or hold name( as prose does.
const PROSE_LINE = /^(?:[-*+]|\d+\.)\s|\]\(/;
const isLetterCode = (c: number) => ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xc0 && c <= 0x24f);

/**
 * Markup tags, HTML entities apart. Angle brackets in mail and prose often hold
 * no markup (`<snip>`, `<wink>`, `<URL: http://…>`, `<name (at) host>`), so a tag
 * counts when it is an HTML element, has `name=value` attributes, or is a bare
 * name closed somewhere in the text as one of at least two such names (XML).
 */
function scanTags(text: string, spans: Span[]): { tags: number; tagChars: number; entities: number } {
  TAG.lastIndex = 0;
  let tags = 0;
  let tagChars = 0;
  let entities = 0;
  const bare: Array<{ name: string; start: number; end: number }> = [];
  const closed = new Set<string>();
  const add = (start: number, end: number) => {
    tags++;
    tagChars += end - start;
    if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'markup' });
  };
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[3] !== undefined) {
      entities++;
      if (spans.length < MAX_SPANS) spans.push({ start, end, tag: 'markup' });
      continue;
    }
    const name = m[1];
    if (name === undefined) {
      add(start, end); // a comment or a doctype
      continue;
    }
    const lower = name.toLowerCase();
    const rest = m[2];
    if (HTML_ELEMENTS.has(lower) || (rest !== undefined && rest.includes('=') && !name.endsWith(':'))) {
      add(start, end);
      continue;
    }
    if (rest !== undefined && rest.trim() !== '') continue; // `<For example, …>`: prose in brackets
    if (text.charCodeAt(start + 1) === 47) closed.add(lower);
    bare.push({ name: lower, start, end });
  }
  if (closed.size >= 2) for (const b of bare) if (closed.has(b.name)) add(b.start, b.end);
  return { tags, tagChars, entities };
}

/**
 * Lines of code — one that opens with a keyword, ends as a statement or block does
 * (; { } ( [ ): ], }, => \, a `;` closing prose or an entity apart), calls a function or
 * holds an operator between spaces — and comment lines (// /* * # -- ;;), which count only
 * where code makes up 15 % of the lines or C-family comments half of them: a license header
 * above code, or a file cut off inside it, is code; a Markdown heading in a README is not.
 * Lines over 300 characters are prose (or minified code, one line: not a share of lines),
 * so no regex runs over a long one. Returns the share of non-blank lines.
 */
function codeShare(text: string, spans: Span[]): number {
  let code = 0;
  let lines = 0;
  let cStyle = 0; // lines of // comments or inside a /* block: C-family syntax even with no code below
  let blockOpened = false;
  const comments: Span[] = [];
  const codeSpans: Span[] = [];
  forEachLine(text, (start, end) => {
    let a = start;
    let b = end;
    while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9 || text.charCodeAt(b - 1) === 13)) b--;
    if (b === a) return;
    lines++;
    if (b - a > CODE_MAX_LINE) return; // a paragraph of prose on one line; code lines are shorter
    const line = text.slice(a, b);
    if (COMMENT_START.test(line)) {
      comments.push({ start, end, tag: 'markup' });
      if (line.startsWith('/*')) blockOpened = true;
      if (line.startsWith('//') || (blockOpened && (line.charCodeAt(0) === 42 || line.startsWith('/*')))) cStyle++;
      return;
    }
    if (PROSE_LINE.test(line)) return;
    const last = text.charCodeAt(b - 1);
    const statement = last === 59 ? isCodeSemicolon(text, a, b) : CODE_END.test(line);
    if (statement || CODE_START.test(line.length > 40 ? line.slice(0, 40) : line) || (last === 58 && BLOCK_HEADER.test(line)) || (line.includes('(') && CODE_CALL.test(line)) || (MAY_OPERATE.test(line) && CODE_OPERATOR.test(line))) {
      code++;
      codeSpans.push({ start, end, tag: 'markup' });
    }
  });
  if (lines === 0) return 0;
  const withComments = code / lines >= 0.15 || cStyle / lines >= 0.5;
  for (const s of withComments ? [...codeSpans, ...comments].sort((x, y) => x.start - y.start) : codeSpans) {
    if (spans.length >= MAX_SPANS) break;
    spans.push(s);
  }
  return (code + (withComments ? comments.length : 0)) / lines;
}

/**
 * A line [a, b) ending in `;` is code unless the `;` closes an HTML entity or
 * ends a clause of prose (a word before it and no brackets, `=` or quotes in the line).
 */
function isCodeSemicolon(text: string, a: number, b: number): boolean {
  let k = b - 2;
  while (k >= a && (isLetterCode(text.charCodeAt(k)) || (text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57))) k--;
  if (k >= a && k < b - 2 && (text.charCodeAt(k) === 38 || (text.charCodeAt(k) === 35 && text.charCodeAt(k - 1) === 38))) return false; // &amp; &#8221;
  if (!isLetterCode(text.charCodeAt(b - 2))) return true;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 41 || c === 61 || c === 91 || c === 34 || c === 39 || c === 36) return true; // ( ) = [ " ' $
  }
  return false;
}

export function markup(text: string): TaggerResult {
  const spans: Span[] = [];
  const { tags, tagChars, entities } = scanTags(text, spans);
  const tagShare = text.length ? tagChars / text.length : 0;
  const lines = countNewlines(text) + 1;
  const code = codeShare(text, spans);
  // Entities alone are a smaller fault (text escaped once too often): twenty of them reach the threshold.
  const weighted = tags + entities / 4;
  // One tag in a short text is a quotation of markup, not markup.
  const signal = clamp01(Math.max(tags >= 2 ? tagShare / 0.1 : 0, weighted >= 5 ? weighted / 10 : 0, lines >= 3 ? (code - 0.2) / 0.5 : 0));
  return { signal, spans };
}

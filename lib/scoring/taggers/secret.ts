import { type Span, type TaggerResult, MAX_SPANS, clamp01 } from './common';

// Each pattern with literals one of which every match contains: a text holding none of them
// skips that regex (indexOf scans far faster than a regex with a leading \b).
// A pattern with the same literals array as the one before it reuses its look-up.
const PEM = ['-----BEGIN '];
const SECRET_PATTERNS: Array<[RegExp, string[]]> = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,10000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, PEM],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, PEM],
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[A-Z0-9]{16}\b/g, ['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'ANPA', 'ANVA']],
  [/\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']],
  [/\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g, ['github_pat_']],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,250}/g, ['xox']],
  [/\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,247}\b/g, ['k_live_', 'k_test_']],
  [/\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{32,}\b/g, ['sk-']],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, ['AIza']],
  [/\bglpat-[A-Za-z0-9_-]{20}\b/g, ['glpat-']],
  [/\bnpm_[A-Za-z0-9]{36}\b/g, ['npm_']],
  [/\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g, ['SG.']],
  [/\bhf_[A-Za-z]{34}\b/g, ['hf_']],
  [/\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, ['shpat_', 'shpca_', 'shppa_', 'shpss_']],
  [/\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,43}\b/g, ['sq0']],
  [/PuTTY-User-Key-File-\d: /g, ['PuTTY-User-Key-File-']],
  [/https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g, ['https://hooks.slack.com/services/']],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, ['eyJ']],
  [/\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,64}:[^\s@/]{6,128}@[^\s/]{3,}/gi, ['://']],
  // Discord bot tokens: the base64 of a user id (M, N or O first), a timestamp, an HMAC.
  [/\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/g, []],
  [/\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g, [':AA']], // Telegram bot tokens
  [/\b[0-9a-f]{32}-us\d{1,2}\b/g, ['-us']], // Mailchimp API keys
  [/\bkey-[0-9a-f]{32}\b/g, ['key-']], // Mailgun API keys
  // name = value, name: value, "name": "value" (JSON, YAML), name => 'value' (Ruby, PHP); the value is group 1.
  [/(?:secret|token|passw(?:or)?d|api[_-]?key|access[_-]?key|account[_-]?key|private[_-]?key)[A-Za-z0-9_]{0,20}["']?\s{0,3}(?:=>|[:=])\s{0,3}["']?([A-Za-z0-9/+_=.-]{20,})/gi, []],
];

// Patterns all of whose literals hold an underscore: a text without one (most prose) skips their look-ups.
const NEEDS_UNDERSCORE = SECRET_PATTERNS.map(([, literals]) => literals.length > 0 && literals.every((l) => l.includes('_')));

/** Shannon entropy in bits per character of a short string. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export function secret(text: string): TaggerResult {
  const spans: Span[] = [];
  let hits = 0;
  const underscore = text.includes('_');
  let lastLiterals: string[] | null = null;
  let lastFound = false;
  for (let k = 0; k < SECRET_PATTERNS.length; k++) {
    const [re, literals] = SECRET_PATTERNS[k];
    if (NEEDS_UNDERSCORE[k] && !underscore) continue;
    if (literals !== lastLiterals) {
      lastLiterals = literals;
      lastFound = literals.length === 0 || literals.some((l) => text.includes(l));
    }
    if (!lastFound) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      // The generic key=value pattern needs a random-looking value.
      if (k === SECRET_PATTERNS.length - 1) {
        // Words joined by - _ . are a placeholder or a name (your_api_key_here), not a key.
        const value = m[1];
        if (entropy(value) < 3.5 || /^[a-z]+(?:[-_.][a-z]+)*$/i.test(value)) continue;
      }
      if (k === 1 && spans.some((s) => s.start === m!.index)) continue; // the whole block matched already
      hits++;
      if (spans.length < MAX_SPANS) spans.push({ start: m.index, end: m.index + m[0].length, tag: 'secret' });
    }
  }
  return { signal: clamp01(hits), spans };
}

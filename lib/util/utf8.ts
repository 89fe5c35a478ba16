/** UTF-8 bytes of a string, counted without encoding it (a surrogate pair is 4 bytes). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/** U+FFFD characters a lossy decode of these bytes holds beyond those already in them (EF BF BD): the repairs. */
export function replacementsAdded(text: string, bytes: Uint8Array): number {
  let inText = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) inText++;
  let inBytes = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) inBytes++;
  return inText - inBytes;
}

/** Feeds bytes chunk by chunk; `ok` turns false at the first invalid UTF-8 sequence. */
export class Utf8Check {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  ok = true;

  push(chunk: Uint8Array): boolean {
    if (this.ok) {
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        this.ok = false;
      }
    }
    return this.ok;
  }

  finish(): boolean {
    if (this.ok) this.flush();
    return this.ok;
  }

  private flush(): void {
    try {
      this.decoder.decode();
    } catch {
      this.ok = false;
    }
  }
}

/**
 * Text with invalid UTF-8 made valid line by line, as the JSONL parser does:
 * each invalid sequence becomes U+FFFD; lines and replacements counted.
 */
export function repairUtf8(bytes: Uint8Array): { bytes: Uint8Array; lines: number; replacedChars: number } {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  const lossy = new TextDecoder('utf-8');
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let lines = 0;
  let replacedChars = 0;
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    const line = bytes.subarray(start, end);
    try {
      fatal.decode(line);
      parts.push(line);
    } catch {
      const text = lossy.decode(line);
      lines++;
      replacedChars += replacementsAdded(text, line);
      parts.push(encoder.encode(text));
    }
    start = end;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { bytes: out, lines, replacedChars };
}

import { describe, expect, it } from 'vitest';
import { combineHeuristic, scoreText } from '../score';
import * as T from '../taggers';
import { TAGGERS, THRESHOLDS } from '../taggers';
import { tokenIds } from '../tokenizer/spacy-en';
import { decodeWrongCodec } from '../../../scripts/demo/junk';

const spanTexts = (text: string, spans: T.Span[]) => spans.map((s) => text.slice(s.start, s.end));
/** The OCR tagger on a text and its own tokens. */
const PROSE =
  'The committee met on a cold morning in March and agreed that the river needed a new levee. Engineers from the county ' +
  'office had surveyed the valley twice since the spring floods, and their report described weak walls near the mill.';

describe('encoding_error', () => {
  it('finds UTF-8 read as Windows-1252 and Latin-1, with spans on the broken characters', () => {
    const broken = decodeWrongCodec('The café’s résumé said “naïve”.', 'cp1252');
    const r = T.encodingError(broken);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    expect(spanTexts(broken, r.spans)).toContain('Ã©');
    expect(spanTexts(broken, r.spans)).toContain('â€™');
  });
  it('finds UTF-8 Cyrillic read as Windows-1251, UTF-8 read as Mac Roman, and GBK read as Windows-1252', () => {
    const utf8 = (t: string) => new TextEncoder().encode(t);
    const cyrillic = new TextDecoder('windows-1251').decode(utf8('Привет, мир! Это простой тест.'));
    expect(cyrillic).toContain('РџСЂРёРІРµС‚');
    expect(T.encodingError(cyrillic).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    const mac = new TextDecoder('macintosh').decode(utf8('It’s “fine” – the café said so.'));
    expect(T.encodingError(mac).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    expect(spanTexts(mac, T.encodingError(mac).spans)).toContain('‚Äô');
    // 中文测试 and 下载 in GBK, read as Windows-1252.
    const gbk = new TextDecoder('windows-1252').decode(Uint8Array.from([0xd6, 0xd0, 0xce, 0xc4, 0xb2, 0xe2, 0xca, 0xd4, 0x20, 0xcf, 0xc2, 0xd4, 0xd8, 0xb1, 0xa3]));
    expect(gbk).toContain('ÖÐÎÄ²âÊÔ');
    expect(T.encodingError(`Product: ${gbk}. Read the manual.`).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
  });
  it('leaves Russian, Ukrainian, Skolt Sámi and Bora words and dotted leaders alone', () => {
    for (const clean of [
      'Рівне и Ровно: СССР, Ёлка, «Россия», Рё — это не слово.',
      'Sääʹmǩiõll: mõõžž õõžž ǩiõtt; Bora: ííñú méénuí.',
      'Contents ········· 12\nIndex ¯¯¯¯¯¯¯¯ 40\nZürich — Malmö — Århus',
    ]) expect(T.encodingError(clean).signal).toBe(0);
  });
  it('tags a document on one unmistakable sequence: inside a word, after Â, or three bytes long', () => {
    const utf8 = (t: string) => new TextEncoder().encode(t);
    for (const word of ['Hôtel', 'Nicolás', 'AÑOS', 'Zürich', 'Rīga']) {
      const broken = decodeWrongCodec(word, 'cp1252');
      expect(T.encodingError(`${PROSE} We stayed at the ${broken} near the station. ${PROSE}`).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    }
    expect(T.encodingError(`${PROSE} It cost ${decodeWrongCodec('£12', 'cp1252')} a night.`).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    expect(T.encodingError(`${PROSE} She didn${decodeWrongCodec('’', 'cp1252')}t say.`).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    // UTF-8 read as Windows-1250 (Czech), as code page 437 (Russian, no decoder in the platform: bytes by hand).
    const czech = new TextDecoder('windows-1250').decode(utf8('Příliš žluťoučký kůň úpěl ďábelské ódy.'));
    expect(T.encodingError(czech).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    const cp437 = (bytes: Uint8Array) => [...bytes].map((b) => (b < 0x80 ? String.fromCharCode(b) : b === 0xd0 ? '╨' : b === 0xd1 ? '╤' : 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐'[b - 0x80] ?? '?')).join('');
    const russian = cp437(utf8('привет'));
    expect(russian).toBe('╨┐╤Ç╨╕╨▓╨╡╤é');
    expect(T.encodingError(`${PROSE} ${russian}`).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
  });
  it('undoes mojibake from any encoding the platform decodes: KOI8-R, GBK, Shift_JIS, Big5, EUC-KR, IBM866', () => {
    const utf8 = (t: string) => new TextEncoder().encode(t);
    const sources = {
      fr: 'Le système a été mis à jour : vérifiez les paramètres réseau avant de redémarrer la machine.',
      ru: 'Эта программа выводит список процессов в виде дерева и завершает работу.',
      de: 'Für die Übersetzung wählen Sie bitte die Größe der Schriftart und drücken Sie „Öffnen“.',
      zh: '该程序以树状形式显示正在运行的进程，并在完成后退出。',
    };
    for (const encoding of ['koi8-r', 'gbk', 'shift_jis', 'big5', 'euc-kr', 'ibm866', 'windows-1251', 'macintosh']) {
      for (const [lang, source] of Object.entries(sources)) {
        const broken = new TextDecoder(encoding).decode(utf8(source));
        if (broken.includes('\ufffd')) continue; // the reverse fault: counted as replacement characters
        const r = T.encodingError(broken);
        expect(r.signal, `${lang} through ${encoding}: ${broken}`).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
        expect(r.spans.length).toBeGreaterThan(0);
        for (const s of r.spans) expect(/[^\x00-\x7f]/.test(broken.slice(s.start, s.end))).toBe(true);
      }
    }
  });
  it('leaves clean Chinese, Japanese, Korean, Russian, Ukrainian and Greek text alone', () => {
    for (const clean of [
      '系统管理员可以使用这个命令查看所有用户的进程。选项 -a 显示命令行参数，-p 显示进程号。群组文件由系统维护。',
      'このコマンドはプロセスの一覧を木の形で表示します。オプション -a を付けると引数も表示されます。帳簿の的確な記録。',
      '이 명령은 프로세스 목록을 나무 모양으로 보여 줍니다. 첫 번째 인수는 사용자 이름입니다. 큰 파일은 탐탁치 않습니다.',
      'Ця програма показує процеси у вигляді дерева. Ці параметри щоб змінити цей вивід: -a, -p. Чак і ред.',
      'Το πρόγραμμα εμφανίζει τις διεργασίες σε μορφή δέντρου· οι επιλογές αλλάζουν την έξοδο.',
    ]) expect(T.encodingError(clean).signal, clean).toBeLessThan(THRESHOLDS.encoding_error);
  });
  it('reads Windows-1252 punctuation left as C1 controls, but not controls among debris or inside words', () => {
    // Windows-1252 bytes 93 94 92 85 (“ ” ’ …) decoded as Latin-1.
    const latin1 = new TextDecoder('latin1').decode(Uint8Array.from([...'He said \x93wait\x94 and didn\x92t stop\x85'].map((c) => c.charCodeAt(0))));
    expect(latin1).toBe('He said \u0093wait\u0094 and didn\u0092t stop\u0085');
    expect(T.encodingError(latin1).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    expect(T.encodingError('debris \u0001\u0085\u0002 and \u0093\u0007 here, inside wo\u0085rds too').signal).toBe(0);
  });
  it('leaves clean text that looks like mojibake alone', () => {
    for (const clean of [
      'Fans of JOSÉ’s band wrote VOCÊ… and MARQUÉ… under the post; 4096×… tiles.', // punctuation after an accented capital
      'SELKÄ\u00a0EDELLÄ\u00a0MAAHAN, « C’est déjà\u00a0», dit-il. « Voilà\u00a0»', // Finnish and French no-break spaces
      'NESTLÉ® sells chocolate.', // a registered sign
      'Recall that (−1/2)! = √π.', // mathematics
      'vai pegar o trem pra lá´´', // accents as quotes
      'PĂŞUNE ŞI CÂMPIE; Sámi: Juohkehaččas lea vuoigatvuohta, náššuvnnalaš áššiid; guhkâžžân', // Romanian capitals, Sámi
      '╔══╤══╗\n║ a│ b║\n╚══╧══╝', // a box drawing
    ]) expect(T.encodingError(clean).signal, clean).toBeLessThan(THRESHOLDS.encoding_error);
  });
  it('tags two U+FFFD in a short text but not one, and needs three in a long text (a few are a transport scar)', () => {
    expect(T.encodingError('one \ufffd here').signal).toBeLessThan(THRESHOLDS.encoding_error);
    expect(T.encodingError('two \ufffd and \ufffd').signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
    // In a long text, two runs are a transport scar; three, or two per 1,000 characters, are damage.
    const long = `${PROSE} `.repeat(Math.ceil(3000 / PROSE.length));
    expect(T.encodingError(`Jos\ufffd wrote: ${long} caf\ufffd`).signal).toBeLessThan(THRESHOLDS.encoding_error);
    expect(T.encodingError(`Jos\ufffd wrote: ${long} caf\ufffd, na\ufffdve`).signal).toBeGreaterThanOrEqual(THRESHOLDS.encoding_error);
  });
  it('leaves correct accented text and astral characters alone, and spans count UTF-16 units past them', () => {
    expect(T.encodingError('Ça va, Zürich, São Paulo, 😀 ok').signal).toBe(0);
    const text = '😀 e\u0301 Ã© Ã©';
    const r = T.encodingError(text);
    expect(r.spans[0]).toEqual({ start: 6, end: 8, tag: 'encoding_error' });
  });
});

describe('nonprinting', () => {
  it('spans each control or invisible run exactly, after astral characters and combining marks', () => {
    const text = '😀a\u0301\u200b\u200bb\u0007c';
    const r = T.nonprinting(text);
    expect(r.spans).toEqual([
      { start: 4, end: 6, tag: 'nonprinting' },
      { start: 7, end: 8, tag: 'nonprinting' },
    ]);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.nonprinting);
  });
  it('ignores tabs, newlines and a leading byte-order mark; one stray character stays under the threshold', () => {
    expect(T.nonprinting('\ufeffa\tb\r\nc').signal).toBe(0);
    expect(T.nonprinting('a\u200bb').signal).toBeLessThan(THRESHOLDS.nonprinting);
  });
});

describe('whitespace', () => {
  it('tags a flood of 50 blanks but not 49, and 12 line breaks in a row but not 11 (mail puts ten before a signature)', () => {
    expect(T.whitespace(`${PROSE}${' '.repeat(50)}${PROSE}`).signal).toBeGreaterThanOrEqual(THRESHOLDS.whitespace);
    expect(T.whitespace(`${PROSE}${' '.repeat(49)}${PROSE}`).signal).toBeLessThan(THRESHOLDS.whitespace);
    expect(T.whitespace(`${PROSE}${'\n'.repeat(12)}${PROSE}`).signal).toBeGreaterThanOrEqual(THRESHOLDS.whitespace);
    expect(T.whitespace(`${PROSE}${'\n'.repeat(11)}${PROSE}`).signal).toBeLessThan(THRESHOLDS.whitespace);
    // Two big runs tag where one alone does not; runs of 11 and 10 breaks are not big.
    expect(T.whitespace(`${PROSE}${' '.repeat(40)}${PROSE}`).signal).toBeLessThan(THRESHOLDS.whitespace);
    expect(T.whitespace(`${PROSE}${' '.repeat(40)}${PROSE}${' '.repeat(40)}${PROSE}`).signal).toBeGreaterThanOrEqual(THRESHOLDS.whitespace);
    expect(T.whitespace(`${PROSE}${'\n'.repeat(11)}${PROSE}\n\n-- \nBest regards${'\n'.repeat(10)}`).signal).toBeLessThan(THRESHOLDS.whitespace);
  });
  it('counts blanks that indent a line half: a centred title is layout, the same run inside a line or before a break is a flood', () => {
    expect(T.whitespace(`${PROSE}\n${' '.repeat(99)}Chapter One\n${PROSE}`).signal).toBeLessThan(THRESHOLDS.whitespace);
    expect(T.whitespace(`${PROSE}\n${' '.repeat(100)}Chapter One\n${PROSE}`).signal).toBeGreaterThanOrEqual(THRESHOLDS.whitespace);
    expect(T.whitespace(`${PROSE}\n${' '.repeat(60)}\n${PROSE}`).signal).toBeGreaterThanOrEqual(THRESHOLDS.whitespace);
    expect(T.whitespace(`${' '.repeat(60)}${PROSE}`).signal).toBeLessThan(THRESHOLDS.whitespace);
  });
  it('counts blanks that pad a box to its right edge half, not blanks before other text', () => {
    const rule = `+${'-'.repeat(70)}+`;
    const box = [rule, `| Perl CMS Systems${' '.repeat(53)}|`, `|   posted by ziggy on Wednesday${' '.repeat(37)}|`, rule].join('\n');
    expect(T.whitespace(`${PROSE}\n${box}\n${PROSE}`).signal).toBeLessThan(THRESHOLDS.whitespace);
    expect(T.whitespace(`${PROSE}\n| Perl CMS Systems${' '.repeat(53)}| and more text\n${PROSE}`).signal).toBeGreaterThanOrEqual(THRESHOLDS.whitespace);
  });
  it('spans the run', () => {
    const text = `ab${' '.repeat(60)}cd`;
    expect(T.whitespace(text).spans).toEqual([{ start: 2, end: 62, tag: 'whitespace' }]);
  });
});

describe('secret', () => {
  it('finds PEM and OpenSSH private keys and well-known token formats', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----';
    const text = `deploy key:\n${pem}\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\ntoken ghp_${'a1B2'.repeat(9)}`;
    const r = T.secret(text);
    expect(r.signal).toBe(1);
    expect(spanTexts(text, r.spans)).toEqual(expect.arrayContaining([pem, 'AKIAIOSFODNN7EXAMPLE', `ghp_${'a1B2'.repeat(9)}`]));
  });
  it('finds SendGrid, Hugging Face, Shopify, Square, Mailchimp, Mailgun, Discord and Telegram tokens, PuTTY key files and Azure account keys', () => {
    for (const leak of [
      'SENDGRID_API_KEY=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',
      `HF_TOKEN ${'hf_'}AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh`,
      'shopify: shpat_0123456789abcdef0123456789abcdef',
      'square sq0atp-1a2B3c4D5e6F7g8H9i0J1k2L',
      'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none',
      'DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo+/==;EndpointSuffix=core.windows.net',
      'client.login("MTA4NzY1NDMyMTAxMjM0NTY3OA.GhXyZa.Xq7R2mT9vL4kP8sW3yZ6bC1dF5gH0jN2kM4pQ7")',
      'TeleBot("5832941067:AAHq7R2mT9vL4kP8sW3yZ6bC1dF5gH0jN2k")',
      'MAILCHIMP=8f3a9c2e1b4d6f8a0c2e4b6d8f0a1c3e-us14',
      'mailgun: key-8f3a9c2e1b4d6f8a0c2e4b6d8f0a1c3e',
    ]) expect(T.secret(leak).signal, leak).toBe(1);
    expect(T.secret('The SG. abbreviation and hf_ prefix, shpat_ and PuTTY are named here without a key.').signal).toBe(0);
    // Dotted names and the prefixes alone are not tokens.
    expect(T.secret('See Microsoft.Windows.Foundation.UniversalApiContract.Version.Number for the build.').signal).toBe(0);
    expect(T.secret('The key-value store and the -us suffix, at 12:AA, are named here.').signal).toBe(0);
  });
  it('needs a random-looking value for key = value pairs', () => {
    expect(T.secret('api_key = "aaaaaaaaaaaaaaaaaaaaaaaaaaaa"').signal).toBe(0);
    expect(T.secret('api_key = "f9Kq2LmZ8xR4tW7vB1nC6yH3"').signal).toBe(1);
    // Quoted names: JSON and YAML configs, Ruby and PHP hashes; the span covers name and value.
    for (const leak of [
      '{"client_secret": "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"}',
      "db:\n  'password': 'S3cr3tPassw0rd2021xyzQ'",
      "token => 'ya29.a0AfH6SMBx3kLq9Zr7TnVw2yXc8Pm4Ds1'",
    ]) {
      const r = T.secret(leak);
      expect(r.signal, leak).toBe(1);
      expect(leak.slice(r.spans[0].start, r.spans[0].end), leak).toMatch(/(secret|password|token)["']? ?(=>|:) ?["']?\w{4}/);
    }
    expect(T.secret('{"password": "aaaaaaaaaaaaaaaaaaaaaaaa", "token": "this-is-not-a-secret-value"}').signal).toBe(0);
    expect(T.secret(PROSE).signal).toBe(0);
  });
});

describe('all_caps, number_table, markup, repetition', () => {
  it('all_caps at 60 % upper-case letters', () => {
    expect(T.allCaps(PROSE.toUpperCase()).signal).toBe(1);
    expect(T.allCaps(PROSE).signal).toBeLessThan(0.1);
    expect(T.allCaps('NASA AND THE ESA').signal).toBe(0); // under 20 letters: no verdict
  });
  it('number_table on rows of figures, not on prose with a few numbers', () => {
    const table = Array.from({ length: 10 }, (_, i) => `2021-03-${10 + i},${i * 3.5},${i * 17},${1000 - i}`).join('\n');
    expect(T.numberTable(table).signal).toBeGreaterThanOrEqual(THRESHOLDS.number_table);
    expect(T.numberTable(`In 1998 the town had 4,500 people and 12 schools. ${PROSE}`).signal).toBeLessThan(THRESHOLDS.number_table);
  });
  it('number_table on a list of checksums and names, not on contact lines or dates', () => {
    const sums = [
      'Checksums for release 2.4.1:',
      'd41d8cd98f00b204e9800998ecf8427e  sift-2.4.1.tar.gz',
      '9e107d9d372bb6826bd81d3542a419d6  sift-2.4.1.zip',
      'e4d909c290d0fb1ca068ffaddf22cbd0  sift-2.4.1-linux-x64.tar.gz',
      '1f3870be274f6c49b3e31a0c6728957f  sift-2.4.1-darwin-arm64.tar.gz',
    ].join('\n');
    const r = T.numberTable(sums);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.number_table);
    expect(r.spans.map((s) => sums.slice(s.start, s.end).slice(0, 8))).toEqual(['d41d8cd9', '9e107d9d', 'e4d909c2', '1f3870be']);
    const contact = 'Thanks,\nJohn\nPhone: 555-123-4567\nFax: 555-123-4568\nDate: 2002-08-22\nSee you at the meeting on Friday.';
    expect(T.numberTable(contact).signal).toBeLessThan(THRESHOLDS.number_table);
  });
  it('number_table on a list of releases (v-prefixed versions), not on prose that names a version', () => {
    const modules = [
      'github.com/example/client-go/v2\tv2.98.0\tv2.97.1 v2.97.2 v2.97.3 v2.98.0',
      'github.com/example/i18n/v2\tv2.7.0\tv2.0.2 v2.4.0 v2.5.1 v2.7.0',
      'github.com/example/warc\tv1.6.0\tv1.6.0',
      'github.com/example/nvlib\tv0.13.0\tv0.7.2 v0.7.4 v0.12.0 v0.13.0',
      'github.com/example/phonenumbers\tv1.8.1\tv1.7.0 v1.7.1 v1.7.2 v1.8.0 v1.8.1',
    ].join('\n');
    expect(T.numberTable(modules).signal).toBeGreaterThanOrEqual(THRESHOLDS.number_table);
    const note = `We moved the service to v2 of the API last week, and v2.1 fixes the timeout. ${PROSE}`;
    expect(T.numberTable(note).signal).toBeLessThan(THRESHOLDS.number_table);
  });
  it('markup on an HTML page, with spans on the tags', () => {
    const html = `<html><head><title>x</title></head><body><div class="a"><p>${PROSE}</p></div></body></html>`;
    const r = T.markup(html);
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.markup);
    expect(spanTexts(html, r.spans)).toContain('<div class="a">');
    expect(T.markup(PROSE).signal).toBeLessThan(THRESHOLDS.markup);
  });
  it('markup on XML, on code and on text full of entities; not on angle-bracket asides, a few entities or prose semicolons', () => {
    const xml = '<config>\n<Password>x</Password>\n<Expiration>2002</Expiration>\n<Serial>123</Serial>\n</config>';
    expect(T.markup(xml).signal).toBeGreaterThanOrEqual(THRESHOLDS.markup);
    const code = 'int main() {\n  int i = 0;\n  for (i = 0; i < 10; i++) {\n    printf("%d", i);\n  }\n}';
    expect(T.markup(code).signal).toBeGreaterThanOrEqual(THRESHOLDS.markup);
    const escaped = Array(12).fill('He said &#8220;not yet&#8221; and left &mdash; again.').join(' ');
    expect(T.markup(escaped).signal).toBeGreaterThanOrEqual(THRESHOLDS.markup);
    const mail = 'Subject: Re: builds\n\n<snip>\nthe old thread\n</snip>\n\nSee <URL: http://example.com/a?b=c> <wink>, or write to <jo (at) example {dot} org>.';
    expect(T.markup(mail).signal).toBeLessThan(THRESHOLDS.markup);
    expect(T.markup('Sam wrote: &#8220;I am that girl.&#8221; [1] http://example.com/about').signal).toBeLessThan(THRESHOLDS.markup);
    const verse = 'He came to the gate at dusk;\nthe dogs were quiet;\nthe lamps were lit;\nand no one spoke a word.';
    expect(T.markup(verse).signal).toBeLessThan(THRESHOLDS.markup);
    const spans = T.markup(xml).spans.map((s) => xml.slice(s.start, s.end));
    expect(spans).toContain('<Password>');
  });
  it('markup on source without tags: Python, a C header, a file cut off in its license comment; not on a README or a list of items', () => {
    const python = [
      '"""Utilities for reading archives."""',
      '',
      'import os',
      'from pathlib import Path',
      '',
      '__all__ = ["unpack", "UnknownFormat"]',
      '',
      'class UnknownFormat(Exception):',
      '    """The archive type is not known."""',
      '',
      'def unpack(filename, target=None):',
      '    """Unpack filename into target."""',
      '    target = target or os.getcwd()',
      '    for driver in DRIVERS:',
      '        try:',
      '            return driver(filename, target)',
      '        except UnknownFormat:',
      '            continue',
      '    raise UnknownFormat(filename)',
    ].join('\n');
    expect(T.markup(python).signal).toBeGreaterThanOrEqual(THRESHOLDS.markup);
    const header = [
      '//===-- Pass.h - Base class for passes -------------------------*- C++ -*-===//',
      '//',
      '// This file defines the Pass class, which every pass derives from.',
      '//',
      '#ifndef PASS_H',
      '#define PASS_H',
      '',
      'namespace llvm {',
      'class Pass {',
      'public:',
      '  explicit Pass(char &id) : ID(id) {}',
      '  virtual bool run(Function &F) = 0;',
      '};',
      '}',
      '#endif',
    ].join('\n');
    expect(T.markup(header).signal).toBeGreaterThanOrEqual(THRESHOLDS.markup);
    const license = ['/*', ...PROSE.match(/.{1,60}(\s|$)/g)!.map((l) => `* ${l.trim()}`), '*/', '', "import { use } from 'echarts/core';"].join('\n');
    expect(T.markup(license).signal).toBeGreaterThanOrEqual(THRESHOLDS.markup);
    const readme = [
      '# Sample Library',
      '',
      'Sample provides a C based implementation of the standards (see the [Copyright file](Copyright)).',
      '',
      '## Building',
      '- [LibXML2](http://xmlsoft.org)',
      '- MS Crypto API (Windows only)',
      '',
      'Run the tests before installing (they take a minute).',
      '* Report bugs on the mailing list (subscribe first).',
    ].join('\n');
    expect(T.markup(readme).signal).toBeLessThan(THRESHOLDS.markup);
    const listing = Array.from({ length: 8 }, (_, k) => `9/${k + 1}/2002 (Texas)\nFish Eye View by Silly Squadron\n(Traditional Cache) (GC89${k}7) (2.0${k} miles NW)`).join('\n\n');
    expect(T.markup(listing).signal).toBeLessThan(THRESHOLDS.markup);
  });
  it('repetition on a line repeated many times, not on varied prose', () => {
    const text = Array(10).fill('Subscribe now for the best deals on the web!').join('\n');
    const r = T.repetition(text, tokenIds(text));
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.repetition);
    expect(r.spans.length).toBe(9);
    expect(T.repetition(PROSE, tokenIds(PROSE)).signal).toBeLessThan(THRESHOLDS.repetition);
    // Rules between the sections of a newsletter repeat, and are not repeated content.
    const rule = '-'.repeat(70);
    const newsletter = ['Item one: a short note.', rule, 'Item two: another note.', '='.repeat(70), 'Item three.', rule, 'Item four.', rule].join('\n');
    expect(T.repetition(newsletter, tokenIds(newsletter)).signal).toBe(0);
  });
  it('repetition on logs whose lines differ in timestamps and names, and on text pasted again', () => {
    const packages = ['libc6', 'zlib1g', 'libssl3', 'openssh-client', 'curl', 'libxml2', 'tzdata', 'gpgv', 'perl-base', 'libgcc-s1', 'bash', 'dpkg'];
    const stamp = (k: number) => `2026-03-${String(10 + (k % 9)).padStart(2, '0')} 0${k % 10}:${String(11 + 3 * k).slice(-2)}:${String(7 * k + 13).slice(-2)}`;
    const dpkg = packages.map((p, k) => `${stamp(k)} status unpacked ${p}:amd64 ${k + 1}.${k * 3}-${k % 4}`).join('\n');
    expect(T.repetition(dpkg, tokenIds(dpkg)).signal).toBeGreaterThanOrEqual(THRESHOLDS.repetition);
    const apt = packages.flatMap((p, k) => [`Preparing to unpack .../${p}_${k}.${k + 2}-1_amd64.deb ...`, `Unpacking ${p}:amd64 (${k}.${k + 2}-1) ...`, `Setting up ${p}:amd64 (${k}.${k + 2}-1) ...`]).join('\n');
    const r = T.repetition(apt, tokenIds(apt));
    expect(r.signal).toBeGreaterThanOrEqual(THRESHOLDS.repetition);
    expect(r.spans.some((s) => apt.slice(s.start, s.end).startsWith('Setting up '))).toBe(true);
    // A paragraph pasted three times: no line repeats exactly when it is reflowed, the text does.
    const reflowed = [PROSE, PROSE.replace(/ (?=Engineers)/, '\n'), PROSE.replace(/ (?=twice)/, '\n')].join('\n\n');
    expect(T.repetition(reflowed, tokenIds(reflowed)).signal).toBeGreaterThanOrEqual(THRESHOLDS.repetition);
    // A man page: the header line comes back at the end, option lines share their shape, and that is all.
    const man = [
      'PSTREE(1)                  User Commands                  PSTREE(1)',
      'NAME\n       pstree - display a tree of processes',
      'DESCRIPTION\n       pstree shows running processes as a tree. The tree is rooted at either pid or init if pid is omitted.',
      '       -a     Show command line arguments. If the command line of a process is swapped out, that process is shown in parentheses.',
      '       -c     Disable compaction of identical subtrees. By default, subtrees are compacted whenever possible.',
      '       -h     Highlight the current process and its ancestors. This is a no-op if the terminal does not support highlighting.',
      'SEE ALSO\n       ps(1), top(1), proc(5)',
      'psmisc 23.6                      2022-09-07                      PSTREE(1)',
    ].join('\n\n');
    expect(T.repetition(man, tokenIds(man)).signal).toBeLessThan(THRESHOLDS.repetition);
  });
});

describe('heuristic', () => {
  it('is 1 for a clean document, halves at a tag threshold, is 0 at twice the threshold', () => {
    const zero = Object.fromEntries(TAGGERS.map((t) => [t, 0])) as Record<T.Tagger, number>;
    expect(combineHeuristic(zero)).toBe(1);
    expect(combineHeuristic({ ...zero, secret: THRESHOLDS.secret })).toBeCloseTo(0.5, 12);
    expect(combineHeuristic({ ...zero, all_caps: 2 * THRESHOLDS.all_caps })).toBe(0);
    expect(combineHeuristic({ ...zero, secret: THRESHOLDS.secret, markup: THRESHOLDS.markup })).toBeCloseTo(0.25, 12);
  });
  it('ranks prose above each kind of junk', () => {
    const clean = scoreText(PROSE + ' ' + PROSE.replace('March', 'April')).heuristic;
    for (const junk of [PROSE.toUpperCase(), decodeWrongCodec(PROSE.replace(/a/g, 'à'), 'cp1252'), `${PROSE}\u0000\u0001\u0002\u0003`]) {
      expect(scoreText(junk).heuristic).toBeLessThan(clean);
    }
  });
});

describe('pathological input stays linear', () => {
  const cases: Array<[string, () => string]> = [
    ['a 10 MB line without spaces', () => 'x9.Q-'.repeat(2_000_000)],
    ['a document of only newlines', () => '\n'.repeat(5_000_000)],
    ['1 MB of one repeated character', () => '='.repeat(1_000_000)],
    ['deeply nested markup', () => '<div>'.repeat(100_000) + 'x' + '</div>'.repeat(100_000)],
    ['1 MB of spaces', () => ' '.repeat(1_000_000)],
    ['2 MB of lines with pipes and no table delimiter', () => '--- intro\n' + 'a | b | c\n'.repeat(200_000)],
  ];
  for (const [name, make] of cases) {
    it(`scores ${name}`, () => {
      const r = scoreText(make(), { spans: true });
      expect(r.heuristic).toBeGreaterThanOrEqual(0);
      expect(r.heuristic).toBeLessThanOrEqual(1);
      expect(r.spans.length).toBeLessThanOrEqual(200 * TAGGERS.length);
    }, 120_000);
  }
});

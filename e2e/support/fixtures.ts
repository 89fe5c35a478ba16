/**
 * Corpus files for the end-to-end tests, written at setup (never committed):
 * good shards, and one file for each kind of bad input the Data page must explain.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { makeShards } from '../../bench/make-shards';
import { main } from '../../lib/cli/main';
import { annotationDbPath, legacyDbPath } from '../../lib/annotations/db-path';
import { SqliteAnnotationStore } from '../../lib/annotations/sqlite';
import { PRIVATE_DATA_DIR } from './servers';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { NodeConnector } from '../../lib/data/connectors/node';
import { writeDataTroveRun, writeDolmaRoot } from '../../lib/data/test/pipeline-fixtures';

export const FILES_DIR = 'test-results/e2e-files';
export const DATA_DIR = 'test-results/e2e-data';
/** The dataset of the label that a database in the old place (inside the data folder) holds. */
export const LEGACY_DATASET = 'legacy-fixture';

export const file = (name: string) => join(FILES_DIR, name);

const sources = ['wiki', 'news', 'code', 'forum'];
export function corpusRows(n: number, offset = 0) {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return { id: `doc-${i}`, source: sources[i % sources.length], text: `Document number ${i} talks about topic ${i % 17}.`, quality: (i * 37) % 101 / 100, n_tokens: 8 + (i % 5) };
  });
}
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** A corpus for the explorer: ties, missing scores, several sources, tags, and a lower-is-better column. */
export function exploreRows(n: number) {
  const srcs = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  const tagPool = ['ocr_noise', 'whitespace', 'secret', 'all_caps'];
  return Array.from({ length: n }, (_, i) => ({
    id: `e${String((i * 7919) % 100_003).padStart(6, '0')}-${i}`,
    source: srcs[(i * 31) % 5],
    text: i % 97 === 0 ? `NEEDLE number ${i} in a haystack` : `ordinary text ${i} about ${['cats', 'dogs', 'birds'][i % 3]}`,
    quality: i % 23 === 0 ? null : Math.round(((i * 7907) % 1000) / 50) / 4,
    perplexity: 10 + ((i * 104729) % 997) / 10,
    tags: i % 11 === 0 ? [tagPool[i % 4]] : i % 13 === 0 ? [tagPool[(i + 1) % 4], tagPool[(i + 2) % 4]] : [],
  }));
}

/** Text that would run as code if it were ever rendered as HTML. */
export const HOSTILE_TEXTS = [
  '<script>alert("xss-script")</script>',
  '<img src=x onerror="alert(\'xss-img\')">',
  '<a href="javascript:alert(\'xss-href\')">click me</a>',
  '<svg onload="alert(\'xss-svg\')"><circle r="5"/></svg>',
  '<div style="width: expression(alert(\'xss-css\'))">css</div>',
  '<iframe src="https://example.com/evil"></iframe><link rel="stylesheet" href="https://example.com/x.css">',
  'bidi \u202Egnp.exe\u202C override and \u2066isolate\u2069',
  'zalgo h' + '\u0336\u0337\u0338\u0300\u0301\u0302\u0303'.repeat(40) + 'e',
  '{{constructor.constructor("alert(1)")()}} ${alert(1)} <style>body{display:none}</style>',
  '<meta http-equiv="refresh" content="0;url=https://example.com">',
];

export async function writeFixtures(): Promise<void> {
  mkdirSync(FILES_DIR, { recursive: true });
  mkdirSync(join(DATA_DIR, 'shards'), { recursive: true });

  // Folders as the pipelines write them (e2e/pipelines.spec.ts); a Dolma root whose attributes file is one row short.
  rmSync(join(DATA_DIR, 'pipelines'), { recursive: true, force: true });
  writeDolmaRoot(join(DATA_DIR, 'pipelines', 'dolma'));
  writeDataTroveRun(join(DATA_DIR, 'pipelines', 'datatrove'));
  writeDolmaRoot(join(DATA_DIR, 'pipelines', 'dolma-short'));
  const shortened = join(DATA_DIR, 'pipelines', 'dolma-short', 'attributes', 'pii', 'web', '0001.json.gz');
  writeFileSync(shortened, gzipSync(gunzipSync(readFileSync(shortened)).toString('utf8').trim().split('\n').slice(0, 2).join('\n') + '\n'));

  // A corpus without scores and score files for it (e2e/pipelines.spec.ts): 18 of its 20 ids and 2 unknown ones; one with a repeated id.
  mkdirSync(join(DATA_DIR, 'scores'), { recursive: true });
  writeFileSync(join(DATA_DIR, 'scores', 'corpus.jsonl'), jsonl(corpusRows(20).map((r) => ({ id: r.id, source: r.source, text: r.text, n_tokens: r.n_tokens }))));
  const scoreRows = corpusRows(18).map((r) => `${r.id},${r.quality}`);
  writeFileSync(join(DATA_DIR, 'scores', 'edu.csv'), ['id,edu_score', ...scoreRows, 'ghost-1,0.5', 'ghost-2,0.25'].join('\n') + '\n');
  writeFileSync(join(DATA_DIR, 'scores', 'dup.csv'), ['id,dup_score', 'doc-1,0.5', 'doc-2,0.5', 'doc-1,0.75'].join('\n') + '\n');

  await writeRunSample();
  writeFileSync(file('shard-a.jsonl'), jsonl(corpusRows(300)));
  writeFileSync(file('shard-b.jsonl.gz'), gzipSync(jsonl(corpusRows(200, 300))));
  writeFileSync(file('mismatch.jsonl'), jsonl(corpusRows(10).map(({ quality, ...r }) => ({ ...r, score: quality }))));
  const lines = jsonl(corpusRows(6)).split('\n');
  lines.splice(2, 0, '{"id": "broken", "text": "no closing brace"');
  writeFileSync(file('bad-line.jsonl'), lines.join('\n'));
  writeFileSync(
    file('bad-utf8.jsonl'),
    Buffer.concat([Buffer.from(jsonl(corpusRows(3))), Buffer.from('{"id":"u","text":"caf'), Buffer.from([0xe9, 0xff]), Buffer.from('","source":"wiki","quality":0.5}\n')]),
  );
  writeFileSync(
    file('bad-utf8.csv'),
    Buffer.concat([Buffer.from('id,text,source,quality\n1,plain text,web,0.5\n2,caf'), Buffer.from([0xe9, 0xff]), Buffer.from(' au lait,wiki,0.2\n3,more text,web,0.9\n')]),
  );
  writeFileSync(file('empty.jsonl'), '');
  writeFileSync(file('not-really.parquet'), 'id,text\n1,hello\n');
  writeFileSync(file('no-text.csv'), 'id,source,score\n1,a,0.5\n2,b,0.25\n3,a,0.75\n');
  writeFileSync(file('mixed-scores.csv'), 'id,text,source,score\n1,one,a,0.5\n2,two,a,NaN\n3,three,b,inf\n4,four,b,oops\n5,five,a,0.25\n6,six,b,1\n7,seven,a,0.75\n8,eight,b,0.125\n');
  const noIds = corpusRows(40).map(({ text, source }, i) => ({ content: i % 10 === 9 ? 'a repeated document' : text, domain: source }));
  writeFileSync(file('no-ids.jsonl'), jsonl(noIds));

  // One line of 50 MB: parsing must stay in the worker and the page responsive.
  writeFileSync(file('long-line.jsonl'), `{"id":"long","source":"x","text":"${'lorem ipsum '.repeat(50 * 1024 * 1024 / 12)}"}\n`);
  // Large enough that a cancel lands mid-load.
  const big = corpusRows(4000).map((r) => ({ ...r, text: r.text + ' padding'.repeat(1200) }));
  writeFileSync(file('big.jsonl'), jsonl(big));

  // Parquet, written by DuckDB, with small row groups; one copy truncated.
  const conn = await NodeConnector.open();
  writeFileSync(file('tmp.jsonl'), jsonl(corpusRows(5000)));
  const parquet = join(DATA_DIR, 'server.parquet');
  await conn.exec(`COPY (SELECT * FROM read_json_auto('${file('tmp.jsonl')}')) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 1024)`);
  await conn.exec(`COPY (SELECT * FROM read_json_auto('${file('tmp.jsonl')}')) TO '${file('upload.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
  // Demo documents (clean and junk of every kind) for scoring: a fixed, seeded sample.
  await conn.exec(
    `COPY (SELECT id, source, text FROM 'public/demo/demo.parquet' USING SAMPLE 1500 ROWS (reservoir, 42) ORDER BY id) ` +
      `TO '${join(DATA_DIR, 'score.jsonl')}' (FORMAT json)`,
  );
  // The demo's first 400 documents: what the software WebGPU adapter can score with the
  // byte LM in a test's time (~6 documents/s); the WASM run scores the whole demo.
  await conn.exec(`COPY (SELECT id, source, text FROM 'public/demo/demo.parquet' ORDER BY id LIMIT 400) TO '${join(DATA_DIR, 'demo-head.jsonl')}' (FORMAT json)`);
  conn.close();
  const bytes = readFileSync(parquet);
  writeFileSync(file('truncated.parquet'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  writeFileSync(join(DATA_DIR, 'explore.jsonl'), jsonl(exploreRows(2000)));
  writeFileSync(
    join(DATA_DIR, 'hostile.jsonl'),
    jsonl(HOSTILE_TEXTS.map((text, i) => ({ id: `h${i}`, source: i % 2 ? 'web' : 'mail', text: JSON.parse(`"${text.replace(/"/g, '\\"')}"`), score: i }))),
  );
  writeFileSync(join(DATA_DIR, 'shards', 'part-1.jsonl'), jsonl(corpusRows(120)));
  writeFileSync(join(DATA_DIR, 'shards', 'part-2.jsonl'), jsonl(corpusRows(80, 120)));
  writeLabelDatabases();
  writeFileSync(join(DATA_DIR, 'notes.txt'), 'not a corpus: never served');
  writeFileSync(join(DATA_DIR, '100%.jsonl'), jsonl(corpusRows(7)));

  mkdirSync(PRIVATE_DATA_DIR, { recursive: true });
  writeFileSync(join(PRIVATE_DATA_DIR, 'private.jsonl'), jsonl(corpusRows(64)));
}

/**
 * A fresh label database for each run, in the place an older Sift kept it
 * (inside the data folder, with one label), so the server moves it out.
 */
function writeLabelDatabases() {
  for (const dir of [DATA_DIR, PRIVATE_DATA_DIR]) for (const suffix of ['', '-wal', '-shm']) rmSync(annotationDbPath(dir, {}) + suffix, { force: true });
  const legacy = new SqliteAnnotationStore(legacyDbPath(DATA_DIR));
  legacy.append({ dataset: LEGACY_DATASET, doc_id: 'doc-1', annotator: 'old-sift', label: 'drop', idempotency_key: 'legacy-1' });
  legacy.close();
}

/**
 * A sample measured by `sift run measure` over four shards (e2e/cluster.spec.ts): the Parquet file
 * carries the full corpus's figures. Written into the data folder as `run-sample.parquet`.
 */
async function writeRunSample(): Promise<void> {
  const dir = 'test-results/e2e-run';
  rmSync(dir, { recursive: true, force: true });
  await makeShards(4, 3000, join(dir, 'shards'));
  const out: string[] = [];
  const code = await main(['run', 'measure', join(dir, 'shards'), '--work', join(dir, 'work'), '--selectors', 'quality,edu', '--sample-rate', '0.05', '--seed', '7', '--json'], { out: (t) => out.push(t), err: () => {} });
  if (code !== 0) throw new Error('sift run measure failed while writing the e2e fixtures');
  copyFileSync(JSON.parse(out.join('')).sample, join(DATA_DIR, 'run-sample.parquet'));
}

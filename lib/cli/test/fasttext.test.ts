import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonl, tempDir } from '../../data/test/helpers';
import { Prng } from '../../util/prng';
import { lid176Path } from '../../models/fasttext-node';
import { main } from '../main';
import { capture } from './capture';

const hasFastText = (() => {
  try {
    execFileSync('fasttext', [], { stdio: 'pipe' });
    return true;
  } catch (error) {
    return (error as { status?: number }).status !== undefined && (error as { code?: string }).code !== 'ENOENT';
  }
})();
if (!hasFastText && process.env.CI) throw new Error("CI: Debian's fasttext (the reference CLI) is missing; .ci/run installs it");

/** fastText's reference: `fasttext predict-prob MODEL FILE -1`, one document a line; label → probability per line. */
function predictProb(model: string, lines: string[], dir: string, k = -1): Array<Map<string, number>> {
  const file = join(dir, `pre-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, lines.join('\n') + '\n');
  const out = execFileSync('fasttext', ['predict-prob', model, file, String(k)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return out
    .trimEnd()
    .split('\n')
    .map((l) => {
      const t = l.split(' ');
      return new Map(t.flatMap((x, i) => (i % 2 === 0 ? [[x, Number(t[i + 1])] as [string, number]] : [])));
    });
}

/** A model trained here by Debian's fastText (and quantized to .ftz), and a word generator for documents of both kinds. */
function trainModel(dir: string) {
  const rng = new Prng(4);
  const good = 'the of research results analysis evidence method data theory experiment history learning'.split(' ');
  const bad = 'click buy now free cheap win prize offer deal subscribe casino bonus'.split(' ');
  const words = (hq: boolean, n: number) => Array.from({ length: n }, () => rng.pick(rng.chance(0.6) ? (hq ? good : bad) : [...good, ...bad]));
  const train = Array.from({ length: 2000 }, () => {
    const hq = rng.chance(0.5);
    return `${hq ? '__label__hq' : '__label__lq'} ${words(hq, rng.int(5, 30)).join(' ')}`;
  });
  writeFileSync(join(dir, 'train.txt'), train.join('\n') + '\n');
  const model = join(dir, 'm');
  execFileSync('fasttext', ['supervised', '-input', join(dir, 'train.txt'), '-output', model, '-epoch', '5', '-wordNgrams', '2', '-dim', '8', '-minn', '2', '-maxn', '4', '-bucket', '20000', '-verbose', '0']);
  execFileSync('fasttext', ['quantize', '-input', join(dir, 'train.txt'), '-output', model, '-qnorm', '-cutoff', '500', '-retrain', '-epoch', '1', '-verbose', '0']);
  return { model, rng, words };
}

async function sift(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe.skipIf(!hasFastText)('fastText models in sift score (equal to fasttext predict-prob)', () => {
  it('a model trained by fasttext supervised, .bin and quantized .ftz: the label probability of every document to 1e-5 (newlines joined as DCLM does)', async () => {
    const dir = tempDir();
    const { model, rng, words } = trainModel(dir);
    // Documents the model has not seen, some over several lines, one empty.
    const docs = Array.from({ length: 150 }, (_, i) => {
      const w = words(rng.chance(0.5), rng.int(0, 40));
      const text = i % 4 === 0 ? `${w.slice(0, 5).join(' ')}\n${w.slice(5).join(' ')}` : w.join(' ');
      return { id: `d${i}`, text };
    });
    const corpus = join(dir, 'docs.jsonl');
    writeFileSync(corpus, jsonl(docs));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ kind: 'fasttext', label: '__label__hq', preset: 'dclm' }));
    for (const ext of ['bin', 'ftz']) {
      const out = join(dir, `s-${ext}.jsonl`);
      const r = await sift(['score', corpus, '--model', `${model}.${ext}`, '--model-config', join(dir, 'c.json'), '--out', out]);
      expect(r.code, r.err).toBe(0);
      const ours = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const reference = predictProb(`${model}.${ext}`, docs.map((d) => d.text.replaceAll('\n', ' ')), dir);
      expect(ours.map((o) => o.doc_id)).toEqual(docs.map((d) => d.id));
      for (const [i, o] of ours.entries()) expect(Math.abs(o.fasttext_hq - (reference[i].get('__label__hq') ?? 0)), `${ext} document ${i}`).toBeLessThan(1e-5);
      // The scores are not all alike: the model separates the two kinds.
      expect(new Set(ours.map((o) => o.fasttext_hq.toFixed(3))).size).toBeGreaterThan(20);
    }
  }, 120_000);

  it('runs shard by shard on the cluster protocol (sift run score --model): the sidecars hold sift score\'s values', async () => {
    const dir = tempDir();
    const { model, words } = trainModel(dir);
    const files = [0, 1, 2].map((k) => {
      const f = join(dir, `part-${k}.jsonl`);
      writeFileSync(f, jsonl(Array.from({ length: 30 }, (_, i) => ({ id: `p${k}-${i}`, text: words(i % 2 === 0, 3 + i).join(' ') }))));
      return f;
    });
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ kind: 'fasttext', label: '__label__hq', preset: 'dclm' }));
    const args = ['--model', `${model}.ftz`, '--model-config', join(dir, 'c.json')];
    const run = await sift(['run', 'score', ...files, '--work', join(dir, 'w'), ...args]);
    expect(run.code, run.err).toBe(0);
    const sidecars = run.out.replace(/^score sidecars: /, '');
    for (const [k, f] of files.entries()) {
      const one = join(dir, `one-${k}.jsonl`);
      expect((await sift(['score', f, ...args, '--out', one])).code).toBe(0);
      const expected = readFileSync(one, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const { NodeConnector } = await import('../../data/connectors/node');
      const conn = await NodeConnector.open();
      const got = await conn.query(`SELECT doc_id, fasttext_hq FROM read_parquet('${join(sidecars, `0000${k}.parquet`)}')`);
      conn.close();
      expect(got.map((g) => [g.doc_id, g.fasttext_hq])).toEqual(expected.map((e) => [e.doc_id, e.fasttext_hq]));
    }
    // Its sidecars serve --use-scores with the same --model.
    const keep = await sift(['run', 'export', ...files, '--work', join(dir, 'w'), ...args, '--use-scores', '--selector', 'fasttext_hq', '--drop', '50%', '--out', join(dir, 'keep.jsonl')]);
    expect(keep.code, keep.err).toBe(0);
    expect(readFileSync(join(dir, 'keep.jsonl'), 'utf8').trim().split('\n')).toHaveLength(45);
  }, 120_000);

  it('the shipped lid.176 gives language and language_score as FineWeb computes them (newlines as spaces, top label)', async () => {
    const dir = tempDir();
    const docs = [
      { id: 'en', text: 'The committee met on Tuesday\nand agreed on the budget for next year.' },
      { id: 'fr', text: 'Le comité s’est réuni mardi et a approuvé le budget de l’année prochaine.' },
      { id: 'de', text: 'Der Ausschuss trat am Dienstag zusammen\nund billigte den Haushalt.' },
      { id: 'ja', text: '委員会は火曜日に開かれ、来年度の予算を承認した。' },
      { id: 'empty', text: '' },
    ];
    const corpus = join(dir, 'docs.jsonl');
    writeFileSync(corpus, jsonl(docs));
    const out = join(dir, 'lid.jsonl');
    const r = await sift(['score', corpus, '--model', 'lid176', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const ours = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(ours.slice(0, 4).map((o) => o.language)).toEqual(['en', 'fr', 'de', 'ja']);
    const reference = predictProb(await lid176Path(), docs.map((d) => d.text.replaceAll('\n', ' ')), dir, 1);
    for (const [i, o] of ours.entries()) {
      const [[label, p]] = [...reference[i]];
      expect(o.language).toBe(label.replace('__label__', ''));
      expect(Math.abs(o.language_score - p)).toBeLessThan(1e-5);
    }
  }, 60_000);

  it('a bad config names the file and the field', async () => {
    const dir = tempDir();
    const corpus = join(dir, 'docs.jsonl');
    writeFileSync(corpus, jsonl([{ id: 'a', text: 'x' }]));
    writeFileSync(join(dir, 'm.bin'), 'not a model');
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ kind: 'fasttext', label: 'hq' }));
    const bad = await sift(['score', corpus, '--model', join(dir, 'm.bin'), '--out', join(dir, 's.jsonl')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${join(dir, 'm.json')}: "label" must be a fastText label such as "__label__hq"`);
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ kind: 'fasttext', label: '__label__hq' }));
    const notModel = await sift(['score', corpus, '--model', join(dir, 'm.bin'), '--out', join(dir, 's.jsonl')]);
    expect(notModel.code).toBe(1);
    expect(notModel.err).toContain('not a fastText model');
  });
});

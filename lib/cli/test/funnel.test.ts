import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, writeFile } from '../../data/test/helpers';
import { main } from '../main';
import { capture } from './capture';

/** Statistics as DataTrove writes them (utils/stats.py: counts, or MetricStats dicts when values vary). */
function run(scale: number) {
  const metric = (total: number, n: number) => ({ total, n, mean: total / n, variance: 1.5, std_dev: 1.2, min: 10, max: 900 });
  return [
    { name: '📖 - READER: 🐿 Jsonl', time_stats: { total: 1.2 }, stats: { documents: 1000 * scale, doc_len: metric(520_000 * scale, 1000 * scale) } },
    {
      name: '👯 Gopher Repetition',
      time_stats: { total: 3.1 },
      stats: { total: 1000 * scale, forwarded: 800 * scale, dropped: 200 * scale, dropped_dup_para_frac: 50 * scale, dropped_top_2_gram: 150 * scale, doc_len: metric(400_000 * scale, 800 * scale) },
    },
    {
      name: '🥇 Gopher Quality',
      time_stats: { total: 2.0 },
      stats: { total: 800 * scale, forwarded: 600 * scale, dropped: 200 * scale, dropped_gopher_short_doc: 120 * scale, dropped_gopher_enough_stop_words: 80 * scale, doc_len: metric(330_000 * scale, 600 * scale), doc_len_tokens: metric(80_000 * scale, 600 * scale) },
    },
    { name: '🍷 FineWeb Quality', time_stats: { total: 1.0 }, stats: { total: 600 * scale, forwarded: 590 * scale, dropped: 10 * scale, dropped_line_punct_ratio: 10 * scale } },
    { name: '💽 Writer: 🐿 Jsonl', time_stats: { total: 0.5 }, stats: { total: 590 * scale } },
  ];
}

const expected = [
  { name: '👯 Gopher Repetition', total: 2000, kept: 1600, dropped: 400, reasons: { dup_para_frac: 100, top_2_gram: 300 }, kept_chars: 800_000 },
  { name: '🥇 Gopher Quality', total: 1600, kept: 1200, dropped: 400, reasons: { gopher_short_doc: 240, gopher_enough_stop_words: 160 }, kept_chars: 660_000, kept_tokens: 160_000 },
  { name: '🍷 FineWeb Quality', total: 1200, kept: 1180, dropped: 20, reasons: { line_punct_ratio: 20 } },
];

describe('sift funnel (DataTrove run statistics)', () => {
  it('lists the filter steps in pipeline order with the stats file’s counts, from stats.json or the per-task files', async () => {
    const dir = tempDir();
    const merged = join(dir, 'merged');
    mkdirSync(merged);
    writeFile(merged, 'stats.json', JSON.stringify(run(2), null, 4));
    const perTask = join(dir, 'tasks');
    mkdirSync(join(perTask, 'stats'), { recursive: true });
    writeFile(join(perTask, 'stats'), '00000.json', JSON.stringify(run(1)));
    writeFile(join(perTask, 'stats'), '00001.json', JSON.stringify(run(1)));
    for (const path of [merged, join(merged, 'stats.json'), perTask]) {
      const io = capture();
      expect(await main(['funnel', path, '--json'], io), io.stderr.join('\n')).toBe(0);
      expect(JSON.parse(io.stdout.join('\n')).steps).toEqual(expected);
    }
    const text = capture();
    expect(await main(['funnel', merged], text)).toBe(0);
    expect(text.stdout.join('\n')).toMatch(/👯 Gopher Repetition\s+2,000\s+1,600\s+400\s+20\.0 %/);
    expect(text.stdout.join('\n')).toMatch(/top_2_gram\s+300\s+75\.0 %/);
  });

  it('names the file and the block when the statistics are not what DataTrove writes', async () => {
    const dir = tempDir();
    const cases: Array<[string, string]> = [
      ['{"name": ', 'bad.json: not valid JSON'],
      ['{"name": "x"}', 'bad.json: expected a list of pipeline blocks'],
      ['[{"name": "a", "stats": {}}, {"stats": {"total": 1}}]', 'bad.json: block 2 has no "name"'],
    ];
    for (const [body, message] of cases) {
      const file = writeFile(dir, 'bad.json', body);
      const io = capture();
      expect(await main(['funnel', file, '--json'], io)).toBe(1);
      expect(io.stderr.join('\n')).toContain(message);
    }
    mkdirSync(join(dir, 'empty'));
    const io = capture();
    expect(await main(['funnel', join(dir, 'empty')], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('no stats.json and no stats/*.json');
  });
});

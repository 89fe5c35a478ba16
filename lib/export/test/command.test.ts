import { describe, expect, it } from 'vitest';
import { commandInputs } from '../command';

describe('commandInputs', () => {
  it('names the demo, data-folder files, a folder opened as a whole, and local files as a user runs them', () => {
    expect(commandInputs({ kind: 'demo' }, ['demo.parquet'], 'data')).toEqual(['public/demo/demo.parquet']);
    expect(commandInputs({ kind: 'server', paths: ['a.jsonl', 'sub/b.jsonl'] }, ['a.jsonl', 'b.jsonl'], 'data')).toEqual(['data/a.jsonl', 'data/sub/b.jsonl']);
    // A Dolma root opened as a folder: the CLI reads its layout from the folder, not from its files one by one.
    const dolma = { kind: 'server' as const, paths: ['runs/dolma/documents/0.json.gz', 'runs/dolma/attributes/q/0.json.gz'], folder: 'runs/dolma' };
    expect(commandInputs(dolma, [], 'data')).toEqual(['data/runs/dolma']);
    expect(commandInputs(dolma, [], null)).toEqual(['$SIFT_DATA_DIR/runs/dolma']);
    expect(commandInputs(null, ['x.jsonl'], 'data')).toEqual(['x.jsonl']);
  });
});

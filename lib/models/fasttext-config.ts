/**
 * fastText classifiers (`.bin`, `.ftz`) as selectors: which label's probability is the score,
 * how many labels fastText is asked for, and how a document becomes fastText's one line.
 *
 * fastText reads one document per line, so a newline must be replaced before predicting. The
 * presets follow the projects that publish these models:
 * - `datatrove`: DataTrove's FastTextClassifierFilter (src/datatrove/pipeline/filters/
 *   fasttext_filter.py at a649de7): `text.strip().replace("\n", "")`, k = -1 (every label);
 * - `fineweb-lid`: DataTrove's FT176LID (src/datatrove/utils/lid.py at a649de7), which gives
 *   FineWeb its `language` and `language_score`: `text.replace("\n", " ")`, k = -1;
 * - `dclm`: DCLM-Baseline's quality classifier: newlines become spaces, as in fineweb-lid.
 */
export interface FastTextConfig {
  kind: 'fasttext';
  /** The label whose probability is the score, e.g. `__label__hq`; absent: the top label's probability (`top`). */
  label: string | null;
  /** The score column's name (default: the label without `__label__`, prefixed `fasttext_`). */
  name: string;
  /** Labels fastText returns (-1: all); a label outside them scores 0, as fastText's top-k does. */
  k: number;
  /** What a newline becomes, and whether the text is stripped of surrounding whitespace first. */
  newline: string;
  strip: boolean;
  /** Also a column with the top label (without `__label__`), e.g. `language`. */
  topLabelColumn: string | null;
  direction: 'higher' | 'lower';
}

const PRESETS: Record<string, Partial<FastTextConfig>> = {
  datatrove: { newline: '', strip: true, k: -1 },
  'fineweb-lid': { newline: ' ', strip: false, k: -1 },
  dclm: { newline: ' ', strip: false, k: -1 },
};

/** Reads a config object; an error names the file and the field. */
export function parseFastTextConfig(json: unknown, file: string): FastTextConfig {
  const c = json as Record<string, unknown>;
  const fail = (what: string) => new Error(`${file}: ${what}`);
  if (!c || typeof c !== 'object' || c.kind !== 'fasttext') throw fail('expected {"kind": "fasttext", "label": "__label__…"}');
  const preset = c.preset === undefined ? {} : PRESETS[String(c.preset)];
  if (!preset) throw fail(`unknown preset "${String(c.preset)}" (known: ${Object.keys(PRESETS).join(', ')})`);
  if (c.label !== undefined && (typeof c.label !== 'string' || !c.label.startsWith('__label__'))) throw fail('"label" must be a fastText label such as "__label__hq"');
  const label = (c.label as string | undefined) ?? null;
  const k = c.k ?? preset.k ?? -1;
  if (!Number.isInteger(k) || (k as number) === 0 || (k as number) < -1) throw fail('"k" must be -1 (all labels) or a positive whole number');
  if (c.newline !== undefined && typeof c.newline !== 'string') throw fail('"newline" must be a string (what a newline becomes)');
  if (c.name !== undefined && (typeof c.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name))) throw fail('"name" must be a column name (letters, digits, _)');
  if (c.direction !== undefined && c.direction !== 'higher' && c.direction !== 'lower') throw fail('"direction" must be "higher" or "lower"');
  if (c.top_label_column !== undefined && (typeof c.top_label_column !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.top_label_column))) throw fail('"top_label_column" must be a column name');
  return {
    kind: 'fasttext',
    label,
    name: (c.name as string | undefined) ?? `fasttext_${label ? label.slice('__label__'.length).replace(/\W/g, '_') : 'top'}`,
    k: k as number,
    newline: (c.newline as string | undefined) ?? preset.newline ?? ' ',
    strip: c.strip === undefined ? (preset.strip ?? false) : c.strip === true,
    topLabelColumn: (c.top_label_column as string | undefined) ?? null,
    direction: (c.direction as 'higher' | 'lower' | undefined) ?? 'higher',
  };
}

/** The line fastText is given for a document. */
export function fastTextLine(text: string, c: Pick<FastTextConfig, 'newline' | 'strip'>): string {
  return (c.strip ? text.trim() : text).replaceAll('\n', c.newline);
}

/** The score and top label from fastText's (probability, label) pairs, as the config reads them. */
export function readPrediction(pairs: Array<[number, string]>, c: Pick<FastTextConfig, 'label'>): { score: number; top: string | null } {
  const top = pairs.length ? pairs[0] : null;
  const score = c.label === null ? (top ? top[0] : 0) : (pairs.find(([, l]) => l === c.label)?.[0] ?? 0);
  return { score, top: top ? top[1].replace(/^__label__/, '') : null };
}

/** fastText's model as fasttext.wasm.js exposes it (the Node and the browser build alike). */
export interface FastTextPredictor {
  predict(text: string, k: number, threshold: number): { size(): number; get(i: number): [number, string] };
}

/** One document's score and top label, as `fasttext predict-prob` gives them for its line. */
export function predictDocument(model: FastTextPredictor, text: string, c: FastTextConfig): { score: number; top: string | null } {
  const v = model.predict(fastTextLine(text, c), c.k, 0);
  const pairs: Array<[number, string]> = [];
  for (let j = 0; j < v.size(); j++) pairs.push(v.get(j));
  return readPrediction(pairs, c);
}

/** The shipped language-identification model (lid.176 in the npm package fasttext.wasm.js): FineWeb's language and language_score. */
export const LID176_CONFIG: FastTextConfig = parseFastTextConfig({ kind: 'fasttext', preset: 'fineweb-lid', name: 'language_score', top_label_column: 'language' }, 'lid176');

/**
 * What a classifier's output means: the head conventions of the public
 * quality classifiers, as per-document transforms of one output row.
 * - regression (FineWeb-Edu): the value, and `int_score = round(clamp(score, 0, 5))`
 *   with Python's round-half-to-even (2.5 → 2, 3.5 → 4);
 * - softmax (NVIDIA's quality classifier): each class's probability, and the
 *   expected score Σ pᵢ·wᵢ over the classes' weights;
 * - binary: one logit → sigmoid; two logits → the softmax probability of class 1.
 */

export type Transform =
  | { kind: 'value'; index: number }
  | { kind: 'int_score'; min: number; max: number }
  | { kind: 'softmax'; index: number }
  | { kind: 'expected'; weights: number[] }
  | { kind: 'binary' };

/** Python's round(): to the nearest integer, halves to the even neighbour. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Softmax of a row, computed stably (the largest logit subtracted first). */
export function softmax(row: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) max = Math.max(max, row[i]);
  const e = Array.from(row, (v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The columns a transform needs: the row width it accepts, as a message when it does not. */
export function transformWidthProblem(t: Transform, width: number): string | null {
  switch (t.kind) {
    case 'value':
      return t.index < width ? null : `needs column ${t.index} of the output, which has ${width}`;
    case 'int_score':
      return width === 1 ? null : `a regression head needs one value per document, the output has ${width}`;
    case 'softmax':
      return width >= 2 && t.index < width ? null : `a softmax head needs at least ${Math.max(2, t.index + 1)} logits per document, the output has ${width}`;
    case 'expected':
      return width === t.weights.length ? null : `the head names ${t.weights.length} classes, the output has ${width} logits per document`;
    case 'binary':
      return width === 1 || width === 2 ? null : `a binary head needs 1 or 2 logits per document, the output has ${width}`;
  }
}

/** One document's value under a transform, from its output row. */
export function applyTransform(t: Transform, row: ArrayLike<number>): number {
  switch (t.kind) {
    case 'value':
      return Number(row[t.index]);
    case 'int_score':
      return roundHalfEven(Math.min(t.max, Math.max(t.min, Number(row[0]))));
    case 'softmax':
      return softmax(row)[t.index];
    case 'expected':
      return softmax(row).reduce((a, p, i) => a + p * t.weights[i], 0);
    case 'binary':
      return row.length === 1 ? 1 / (1 + Math.exp(-Number(row[0]))) : softmax(row)[1];
  }
}

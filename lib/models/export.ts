/**
 * ONNX exports of the shipped models (opset 13). Each graph computes what the
 * TypeScript forward pass computes; lib/models/test checks the two agree.
 */
import { BYTE_VOCAB, type ByteLm } from './byte-lm';
import { OnnxGraph } from './onnx-graph';
import type { QualityModel } from './quality';

/**
 * Inputs: `ids` int32 [batch, n] (hashed n-gram ids, 0 = padding) and `mask`
 * float32 [batch, n] (1 for real ids). Output: `p_clean` float32 [batch].
 */
export function qualityModelToOnnx(model: QualityModel, metadata: Record<string, string>): Uint8Array {
  const g = new OnnxGraph('sift_model_quality');
  const { buckets } = model.spec;
  const D = model.dim;
  g.input('ids', 'int32', ['batch', 'n']);
  g.input('mask', 'float32', ['batch', 'n']);
  g.init('embeddings', 'float32', [buckets, D], model.embeddings);
  g.init('weight', 'float32', [D, 1], model.weight);
  g.init('bias', 'float32', [1], [model.bias]);
  g.init('axis1', 'int64', [1], [1]);
  g.init('one', 'float32', [], [1]);
  // Padding is id 0, whose embedding row is zero: the sum needs no mask, only the count does.
  const sum = g.op('ReduceSum', [g.op('Gather', ['embeddings', 'ids'], { axis: 0 }), 'axis1'], { keepdims: 0 });
  const count = g.op('Max', [g.op('ReduceSum', ['mask', 'axis1'], { keepdims: 1 }), 'one']);
  const mean = g.op('Div', [sum, count]);
  const z = g.op('Add', [g.op('MatMul', [mean, 'weight']), 'bias']);
  g.op('Squeeze', [g.op('Sigmoid', [z]), 'axis1'], {}, 'p_clean');
  g.output('p_clean', 'float32', ['batch']);
  return g.toBytes('Sift model_quality: hashed n-grams → mean embedding → linear → sigmoid = P(clean)', metadata);
}

/**
 * Inputs: `bytes` int32 [batch, context + n]: `context` copies of 256
 * (before the start), the document's bytes, then any padding; `mask`
 * float32 [batch, n] (1 for real bytes). Outputs `bpb` and `bpb_weak`
 * float32 [batch]: mean bits per byte with all offsets / with only the near ones.
 */
export function byteLmToOnnx(model: ByteLm, metadata: Record<string, string>): Uint8Array {
  const g = new OnnxGraph('sift_byte_lm');
  const { context: C, near: K, hidden: H } = model.shape;
  g.input('bytes', 'int32', ['batch', 'padded']);
  g.input('mask', 'float32', ['batch', 'n']);
  g.init('tables', 'float32', [C * BYTE_VOCAB, H], model.tables);
  g.init('b1', 'float32', [H], model.b1);
  g.init('w2', 'float32', [H, H], model.w2);
  g.init('b2', 'float32', [H], model.b2);
  g.init('w3', 'float32', [H, 256], model.w3);
  g.init('b3', 'float32', [256], model.b3);
  g.init('axis1', 'int64', [1], [1]);
  g.init('axis2', 'int64', [1], [2]);
  g.init('one', 'float32', [], [1]);
  g.init('inv_ln2', 'float32', [], [1 / Math.LN2]);
  g.init('end', 'int64', [1], [2 ** 31 - 1]);
  g.init('start_targets', 'int64', [1], [C]);

  let near = '';
  let far = '';
  for (let j = 1; j <= C; j++) {
    // Offset j's context is the input shifted right by j: bytes[:, C−j : −j].
    const starts = g.init(`start_${j}`, 'int64', [1], [C - j]);
    const ends = g.init(`end_${j}`, 'int64', [1], [-j]);
    const ctx = g.op('Slice', ['bytes', starts, ends, 'axis1']);
    const rows = (j - 1) * BYTE_VOCAB === 0 ? ctx : g.op('Add', [ctx, g.init(`row_${j}`, 'int32', [], [(j - 1) * BYTE_VOCAB])]);
    const term = g.op('Gather', ['tables', rows], { axis: 0 });
    if (j <= K) near = near ? g.op('Add', [near, term]) : term;
    else far = far ? g.op('Add', [far, term]) : term;
  }
  const targets = g.op('Unsqueeze', [g.op('Slice', ['bytes', 'start_targets', 'end', 'axis1']), 'axis2']);
  const maskSum = g.op('Max', [g.op('ReduceSum', ['mask', 'axis1'], { keepdims: 0 }), 'one']);

  const head = (sum: string, out: string) => {
    const h1 = g.op('Relu', [g.op('Add', [sum, 'b1'])]);
    const h2 = g.op('Relu', [g.op('Add', [g.op('MatMul', [h1, 'w2']), 'b2'])]);
    const logp = g.op('LogSoftmax', [g.op('Add', [g.op('MatMul', [h2, 'w3']), 'b3'])], { axis: 2 });
    const picked = g.op('Squeeze', [g.op('GatherElements', [logp, targets], { axis: 2 }), 'axis2']);
    const total = g.op('ReduceSum', [g.op('Mul', [picked, 'mask']), 'axis1'], { keepdims: 0 });
    const meanNats = g.op('Div', [g.op('Neg', [total]), maskSum]);
    g.op('Mul', [meanNats, 'inv_ln2'], {}, out);
    g.output(out, 'float32', ['batch']);
  };
  head(g.op('Add', [near, far]), 'bpb');
  head(near, 'bpb_weak');
  return g.toBytes('Sift byte-level LM: mean bits per byte, full context (bpb) and near context only (bpb_weak)', metadata);
}

/**
 * The `model_quality` classifier, fastText-style: hashed n-gram ids → mean of
 * their embeddings → linear → sigmoid = P(clean). Forward pass and training
 * loop in plain TypeScript (the ONNX export in ./export.ts computes the same
 * function); float32 weights, as in the ONNX file.
 */
import { Prng } from '../util/prng';
import type { HashedNgramSpec } from './hashed-ngrams';

export interface QualityModel {
  spec: HashedNgramSpec;
  dim: number;
  /** [buckets × dim], row 0 (padding) stays zero. */
  embeddings: Float32Array;
  weight: Float32Array;
  bias: number;
}

export function initQualityModel(spec: HashedNgramSpec, dim: number, rng: Prng): QualityModel {
  const embeddings = new Float32Array(spec.buckets * dim);
  const scale = 1 / dim;
  for (let i = dim; i < embeddings.length; i++) embeddings[i] = (rng.next() * 2 - 1) * scale;
  const weight = new Float32Array(dim);
  for (let k = 0; k < dim; k++) weight[k] = (rng.next() * 2 - 1) * 0.1;
  return { spec, dim, embeddings, weight, bias: 0 };
}

/** Mean embedding of the ids (zero vector for none), in float32 like the ONNX graph. */
function meanEmbedding(model: QualityModel, ids: Int32Array, out: Float32Array): void {
  out.fill(0);
  const { dim, embeddings } = model;
  for (let i = 0; i < ids.length; i++) {
    const base = ids[i] * dim;
    for (let k = 0; k < dim; k++) out[k] += embeddings[base + k];
  }
  const n = Math.max(1, ids.length);
  for (let k = 0; k < dim; k++) out[k] = Math.fround(out[k] / n);
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** P(clean) for one document's feature ids. */
export function qualityForward(model: QualityModel, ids: Int32Array): number {
  const h = new Float32Array(model.dim);
  meanEmbedding(model, ids, h);
  let z = model.bias;
  for (let k = 0; k < model.dim; k++) z += h[k] * model.weight[k];
  return sigmoid(Math.fround(z));
}

export interface TrainExample {
  ids: Int32Array;
  /** 1 = clean, 0 = junk. */
  label: number;
}

export interface TrainLog {
  /** Mean training loss (binary cross-entropy, nats) per logging window. */
  curve: Array<{ step: number; loss: number; heldOutLoss?: number }>;
  seconds: number;
}

/**
 * SGD with a linearly decaying learning rate, as fastText trains; classes are
 * weighted to count equally. Deterministic for a given rng.
 */
export function trainQualityModel(
  model: QualityModel,
  data: TrainExample[],
  options: { epochs: number; lr: number; rng: Prng; heldOut?: TrainExample[]; logEvery?: number },
): TrainLog {
  const t0 = Date.now();
  const { dim, embeddings, weight } = model;
  const positives = data.filter((d) => d.label === 1).length;
  const classWeight = [data.length / (2 * Math.max(1, data.length - positives)), data.length / (2 * Math.max(1, positives))];
  const order = data.map((_, i) => i);
  const total = options.epochs * data.length;
  const logEvery = options.logEvery ?? Math.max(1, Math.floor(data.length / 4));
  const curve: TrainLog['curve'] = [];
  const h = new Float32Array(dim);
  const gradH = new Float32Array(dim);
  let step = 0;
  let windowLoss = 0;
  let windowN = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    options.rng.shuffle(order);
    for (const i of order) {
      const { ids, label } = data[i];
      const lr = options.lr * (1 - step / total);
      meanEmbedding(model, ids, h);
      let z = model.bias;
      for (let k = 0; k < dim; k++) z += h[k] * weight[k];
      const p = sigmoid(z);
      const w = classWeight[label];
      windowLoss += w * -(label === 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12)));
      windowN += w;
      const g = w * (p - label); // d loss / d z
      for (let k = 0; k < dim; k++) {
        gradH[k] = (g * weight[k]) / Math.max(1, ids.length);
        weight[k] -= lr * g * h[k];
      }
      model.bias -= lr * g;
      for (let j = 0; j < ids.length; j++) {
        const base = ids[j] * dim;
        if (base === 0) continue;
        for (let k = 0; k < dim; k++) embeddings[base + k] -= lr * gradH[k];
      }
      step++;
      if (step % logEvery === 0 || step === total) {
        const entry: TrainLog['curve'][number] = { step, loss: windowLoss / Math.max(1e-9, windowN) };
        if (options.heldOut) entry.heldOutLoss = meanLoss(model, options.heldOut);
        curve.push(entry);
        windowLoss = 0;
        windowN = 0;
      }
    }
  }
  return { curve, seconds: (Date.now() - t0) / 1000 };
}

/** Class-balanced mean binary cross-entropy. */
export function meanLoss(model: QualityModel, data: TrainExample[]): number {
  const sums = [0, 0];
  const counts = [0, 0];
  for (const d of data) {
    const p = qualityForward(model, d.ids);
    sums[d.label] += -(d.label === 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12)));
    counts[d.label]++;
  }
  return (sums[0] / Math.max(1, counts[0]) + sums[1] / Math.max(1, counts[1])) / 2;
}

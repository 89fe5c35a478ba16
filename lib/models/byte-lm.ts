/**
 * The byte-level language model behind `model_bpb` and `model_bpb_weak`.
 *
 * Predicts each byte from the `context` bytes before it (a "before the
 * start" symbol, 256, fills the context at the start of a document):
 *   a1 = b1 + Σ_j T_j[byte at t−j]     (one 257×H table per offset j; this is
 *                                        a linear layer over concatenated one-hot
 *                                        bytes, computed as lookups)
 *   h2 = relu(relu(a1)·W2 + b2);  logits = h2·W3 + b3;  loss = −log softmax(logits)[byte t]
 * A document's score is its mean loss in bits over its first `maxBytes`
 * bytes. The weak model is the same network with the offsets beyond `near`
 * masked out of the sum; training masks them on a share of the examples so
 * that both views are in distribution (the AttentionInfluence idea: the loss
 * gap between a weakened and the full model).
 */
import { Prng } from '../util/prng';

export const BOS = 256;
export const BYTE_VOCAB = 257;

export interface ByteLmShape {
  context: number;
  near: number;
  hidden: number;
  maxBytes: number;
}

export interface ByteLm {
  shape: ByteLmShape;
  /** [context × 257 × hidden]: row (j−1)·257 + byte is offset j's contribution. */
  tables: Float32Array;
  b1: Float32Array;
  /** [hidden × hidden], input-major. */
  w2: Float32Array;
  b2: Float32Array;
  /** [hidden × 256], input-major. */
  w3: Float32Array;
  b3: Float32Array;
}

export function parameterCount(m: ByteLm): number {
  return m.tables.length + m.b1.length + m.w2.length + m.b2.length + m.w3.length + m.b3.length;
}

export function initByteLm(shape: ByteLmShape, rng: Prng): ByteLm {
  const H = shape.hidden;
  const uniform = (n: number, scale: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = (rng.next() * 2 - 1) * scale;
    return a;
  };
  return {
    shape,
    // Small tables: the model starts by ignoring context and learns which offsets help.
    tables: uniform(shape.context * BYTE_VOCAB * H, 0.05),
    b1: new Float32Array(H),
    w2: uniform(H * H, Math.sqrt(6 / (2 * H))),
    b2: new Float32Array(H),
    w3: uniform(H * 256, Math.sqrt(6 / (H + 256))),
    b3: new Float32Array(256),
  };
}

/** The UTF-8 bytes a document is scored on (its first `maxBytes`). */
export function documentBytes(text: string, maxBytes: number): Uint8Array {
  const bytes = new TextEncoder().encode(text.length > maxBytes ? text.slice(0, maxBytes) : text);
  return bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
}

/** Context byte j (1-based) before position t of `bytes`. */
function ctxByte(bytes: Uint8Array, t: number, j: number): number {
  return t - j >= 0 ? bytes[t - j] : BOS;
}

/** Hidden state h2 and the log-softmax loss of one position; `reach` = offsets used. */
function positionLoss(m: ByteLm, bytes: Uint8Array, t: number, reach: number, a1: Float32Array, h2: Float32Array, logits: Float32Array): number {
  const H = m.shape.hidden;
  a1.set(m.b1);
  for (let j = 1; j <= reach; j++) {
    const base = ((j - 1) * BYTE_VOCAB + ctxByte(bytes, t, j)) * H;
    for (let k = 0; k < H; k++) a1[k] += m.tables[base + k];
  }
  h2.set(m.b2);
  for (let i = 0; i < H; i++) {
    const x = a1[i] > 0 ? a1[i] : 0;
    if (x === 0) continue;
    const row = i * H;
    for (let o = 0; o < H; o++) h2[o] += x * m.w2[row + o];
  }
  for (let o = 0; o < H; o++) if (h2[o] < 0) h2[o] = 0;
  logits.set(m.b3);
  for (let i = 0; i < H; i++) {
    const x = h2[i];
    if (x === 0) continue;
    const row = i * 256;
    for (let o = 0; o < 256; o++) logits[o] += x * m.w3[row + o];
  }
  let max = -Infinity;
  for (let o = 0; o < 256; o++) if (logits[o] > max) max = logits[o];
  let sum = 0;
  for (let o = 0; o < 256; o++) sum += Math.exp(logits[o] - max);
  return max + Math.log(sum) - logits[bytes[t]];
}

/** Mean bits per byte of a document (full and weak); NaN for an empty one. */
export function byteLmForward(m: ByteLm, text: string): { bpb: number; bpbWeak: number } {
  const bytes = documentBytes(text, m.shape.maxBytes);
  const H = m.shape.hidden;
  const a1 = new Float32Array(H);
  const h2 = new Float32Array(H);
  const logits = new Float32Array(256);
  let full = 0;
  let weak = 0;
  for (let t = 0; t < bytes.length; t++) {
    full += positionLoss(m, bytes, t, m.shape.context, a1, h2, logits);
    weak += positionLoss(m, bytes, t, m.shape.near, a1, h2, logits);
  }
  const n = bytes.length;
  return n === 0 ? { bpb: NaN, bpbWeak: NaN } : { bpb: full / n / Math.LN2, bpbWeak: weak / n / Math.LN2 };
}

export interface ByteLmTrainLog {
  curve: Array<{ step: number; bitsPerByte: number; heldOutBpb?: number; heldOutWeakBpb?: number }>;
  seconds: number;
}

/**
 * Adam on minibatches of positions sampled uniformly from the documents'
 * scored prefixes. Table rows get sparse (lazy) Adam updates: only rows a
 * batch touched move. `weakShare` of the examples see only `near` offsets.
 */
export function trainByteLm(
  m: ByteLm,
  docs: Uint8Array[],
  options: { steps: number; batch: number; lr: number; weakShare: number; rng: Prng; heldOut?: string[]; logEvery?: number },
): ByteLmTrainLog {
  const t0 = Date.now();
  const { rng } = options;
  const H = m.shape.hidden;
  const C = m.shape.context;
  const cumulative = new Float64Array(docs.length);
  let acc = 0;
  docs.forEach((d, i) => (cumulative[i] = acc += d.length));
  const pickPosition = (): [Uint8Array, number] => {
    const r = rng.next() * acc;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    const d = docs[lo];
    return [d, Math.min(d.length - 1, Math.floor(r - (cumulative[lo] - d.length)))];
  };
  const dense = [m.b1, m.w2, m.b2, m.w3, m.b3];
  const grads = dense.map((p) => new Float32Array(p.length));
  const mom = dense.map((p) => new Float32Array(p.length));
  const vel = dense.map((p) => new Float32Array(p.length));
  const tableGrad = new Float32Array(m.tables.length);
  const tableM = new Float32Array(m.tables.length);
  const tableV = new Float32Array(m.tables.length);
  const touched = new Uint8Array(C * BYTE_VOCAB);
  const touchedRows: number[] = [];
  const a1 = new Float32Array(H);
  const h1 = new Float32Array(H);
  const h2 = new Float32Array(H);
  const logits = new Float32Array(256);
  const dLogits = new Float32Array(256);
  const dH2 = new Float32Array(H);
  const dA1 = new Float32Array(H);
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;
  const logEvery = options.logEvery ?? Math.max(1, Math.floor(options.steps / 40));
  const curve: ByteLmTrainLog['curve'] = [];
  let windowLoss = 0;
  let windowN = 0;
  const [gb1, gw2, gb2, gw3, gb3] = grads;
  for (let step = 1; step <= options.steps; step++) {
    for (const g of grads) g.fill(0);
    for (let b = 0; b < options.batch; b++) {
      const [bytes, t] = pickPosition();
      const reach = rng.next() < options.weakShare ? m.shape.near : C;
      const loss = positionLoss(m, bytes, t, reach, a1, h2, logits);
      windowLoss += loss;
      windowN++;
      for (let k = 0; k < H; k++) h1[k] = a1[k] > 0 ? a1[k] : 0;
      // Backward: softmax − one-hot.
      let max = -Infinity;
      for (let o = 0; o < 256; o++) if (logits[o] > max) max = logits[o];
      let sum = 0;
      for (let o = 0; o < 256; o++) sum += (dLogits[o] = Math.exp(logits[o] - max));
      for (let o = 0; o < 256; o++) dLogits[o] /= sum;
      dLogits[bytes[t]] -= 1;
      for (let o = 0; o < 256; o++) gb3[o] += dLogits[o];
      for (let i = 0; i < H; i++) {
        const x = h2[i];
        const row = i * 256;
        let d = 0;
        for (let o = 0; o < 256; o++) {
          if (x !== 0) gw3[row + o] += x * dLogits[o];
          d += m.w3[row + o] * dLogits[o];
        }
        dH2[i] = x > 0 ? d : 0;
      }
      for (let o = 0; o < H; o++) gb2[o] += dH2[o];
      for (let i = 0; i < H; i++) {
        const x = h1[i];
        const row = i * H;
        let d = 0;
        for (let o = 0; o < H; o++) {
          if (x !== 0) gw2[row + o] += x * dH2[o];
          d += m.w2[row + o] * dH2[o];
        }
        dA1[i] = x > 0 ? d : 0;
      }
      for (let k = 0; k < H; k++) gb1[k] += dA1[k];
      for (let j = 1; j <= reach; j++) {
        const row = (j - 1) * BYTE_VOCAB + ctxByte(bytes, t, j);
        if (!touched[row]) {
          touched[row] = 1;
          touchedRows.push(row);
        }
        const base = row * H;
        for (let k = 0; k < H; k++) tableGrad[base + k] += dA1[k];
      }
    }
    const lr = options.lr * Math.min(1, step / 200) * (step > options.steps * 0.7 ? 0.3 : 1);
    const c1 = 1 - beta1 ** step;
    const c2 = 1 - beta2 ** step;
    const inv = 1 / options.batch;
    dense.forEach((p, q) => {
      const g = grads[q];
      const mq = mom[q];
      const vq = vel[q];
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] * inv;
        mq[i] = beta1 * mq[i] + (1 - beta1) * gi;
        vq[i] = beta2 * vq[i] + (1 - beta2) * gi * gi;
        p[i] -= (lr * (mq[i] / c1)) / (Math.sqrt(vq[i] / c2) + eps);
      }
    });
    for (const row of touchedRows) {
      const base = row * H;
      for (let k = base; k < base + H; k++) {
        const gi = tableGrad[k] * inv;
        tableM[k] = beta1 * tableM[k] + (1 - beta1) * gi;
        tableV[k] = beta2 * tableV[k] + (1 - beta2) * gi * gi;
        m.tables[k] -= (lr * (tableM[k] / c1)) / (Math.sqrt(tableV[k] / c2) + eps);
        tableGrad[k] = 0;
      }
      touched[row] = 0;
    }
    touchedRows.length = 0;
    if (step % logEvery === 0 || step === options.steps) {
      const entry: ByteLmTrainLog['curve'][number] = { step, bitsPerByte: windowLoss / windowN / Math.LN2 };
      if (options.heldOut) {
        let full = 0;
        let weak = 0;
        for (const text of options.heldOut) {
          const r = byteLmForward(m, text);
          full += r.bpb;
          weak += r.bpbWeak;
        }
        entry.heldOutBpb = full / options.heldOut.length;
        entry.heldOutWeakBpb = weak / options.heldOut.length;
      }
      curve.push(entry);
      windowLoss = 0;
      windowN = 0;
    }
  }
  return { curve, seconds: (Date.now() - t0) / 1000 };
}

/**
 * How selection-service calls and answers travel between the page and the
 * server engine. Typed arrays (score columns, masks, row orders) are most of
 * the bytes, so answers are binary: a JSON header whose typed arrays are
 * replaced by references, then each array's bytes, 8-byte aligned so the
 * page reads them in place. Requests are JSON (the server accepts only JSON
 * writes), with typed arrays as base64.
 */

const TYPED = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

const TAG = '$typed';
const NUM = '$number';

function typedName(v: unknown): TypedName | null {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return null;
  const name = v.constructor.name as TypedName;
  return name in TYPED ? name : null;
}

/** Walks a value, replacing typed arrays by what `swap` returns; anything else that is not plain data is refused. */
function replaceTyped(value: unknown, swap: (t: Typed, name: TypedName) => unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return Number(value);
    // JSON has no NaN or infinities (JSON.stringify writes null): a correlation of nothing is NaN, not null.
    if (typeof value === 'number' && !Number.isFinite(value)) return { [NUM]: String(value) };
    return value;
  }
  const name = typedName(value);
  if (name) return { [TAG]: name, ...(swap(value as Typed, name) as object) };
  if (Array.isArray(value)) return value.map((v) => replaceTyped(v, swap));
  if (value instanceof Map) throw new Error('wire: Map is not sent; use an object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = replaceTyped(v, swap);
  return out;
}

function restoreTyped(value: unknown, make: (ref: Record<string, unknown>, name: TypedName) => Typed): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => restoreTyped(v, make));
  const obj = value as Record<string, unknown>;
  if (typeof obj[NUM] === 'string') return Number(obj[NUM]);
  if (typeof obj[TAG] === 'string') {
    const name = obj[TAG] as TypedName;
    if (!(name in TYPED)) throw new Error(`wire: unknown array type ${String(name)}`);
    return make(obj, name);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = restoreTyped(v, make);
  return out;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** An answer as bytes: [u32 header length][header JSON][pad][arrays, each 8-aligned]. */
export function encodeBinary(value: unknown): Uint8Array<ArrayBuffer> {
  const arrays: Typed[] = [];
  let offset = 0;
  const header = JSON.stringify(
    replaceTyped(value, (t) => {
      const ref = { offset, length: t.length };
      arrays.push(t);
      offset += pad8(t.byteLength);
      return ref;
    }),
  );
  const headerBytes = new TextEncoder().encode(header);
  const start = pad8(4 + headerBytes.length);
  const out = new Uint8Array(start + offset);
  new DataView(out.buffer).setUint32(0, headerBytes.length, true);
  out.set(headerBytes, 4);
  let at = start;
  for (const t of arrays) {
    out.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), at);
    at += pad8(t.byteLength);
  }
  return out;
}

/** Reads an answer written by encodeBinary; arrays are views on `buffer` (no copy). */
export function decodeBinary(buffer: ArrayBuffer): unknown {
  if (buffer.byteLength < 4) throw new Error(`wire: an answer of ${buffer.byteLength} bytes is too short`);
  const headerLength = new DataView(buffer).getUint32(0, true);
  if (4 + headerLength > buffer.byteLength) throw new Error('wire: the answer is cut short (header)');
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
  const start = pad8(4 + headerLength);
  return restoreTyped(header, (ref, name) => {
    const Ctor = TYPED[name];
    const offset = start + Number(ref.offset);
    const length = Number(ref.length);
    if (offset + length * Ctor.BYTES_PER_ELEMENT > buffer.byteLength) throw new Error(`wire: the answer is cut short (${name} of ${length})`);
    return new Ctor(buffer, offset, length) as Typed;
  });
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A request as JSON text, typed arrays as base64. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(replaceTyped(value, (t) => ({ base64: toBase64(new Uint8Array(t.buffer, t.byteOffset, t.byteLength)) })));
}

/** Reads a request written by encodeJson (already parsed from JSON). */
export function decodeJson(value: unknown): unknown {
  return restoreTyped(value, (ref, name) => {
    const bytes = fromBase64(String(ref.base64 ?? ''));
    const Ctor = TYPED[name];
    if (bytes.length % Ctor.BYTES_PER_ELEMENT !== 0) throw new Error(`wire: ${bytes.length} bytes are not a whole ${name}`);
    // A fresh buffer: the decoded bytes start at offset 0, so any element size is aligned.
    return new Ctor(bytes.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT) as Typed;
  });
}

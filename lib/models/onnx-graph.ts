/**
 * A small builder for ONNX graphs (IR 7, opset 13), serialised with the
 * `onnx-proto` protobuf bindings: enough to write Sift's shipped models.
 * onnx-proto is CommonJS; its namespace import works under Node ESM, tsx,
 * vitest and the bundler alike (a named import does not).
 */
import * as onnxProto from 'onnx-proto';

type OnnxNs = typeof import('onnx-proto').onnx;
const onnx: OnnxNs = (onnxProto as unknown as { onnx?: OnnxNs; default?: { onnx: OnnxNs } }).onnx ?? (onnxProto as unknown as { default: { onnx: OnnxNs } }).default.onnx;

export const OPSET = 13;
export type ElemType = 'float32' | 'float16' | 'int32' | 'int64';
const ELEM: Record<ElemType, number> = { float32: 1, float16: 10, int32: 6, int64: 7 };

export type Dim = number | string;
type AttrValue = number | number[] | string;

export class OnnxGraph {
  private nodes: import('onnx-proto').onnx.INodeProto[] = [];
  private initializers: import('onnx-proto').onnx.ITensorProto[] = [];
  private inputs: import('onnx-proto').onnx.IValueInfoProto[] = [];
  private outputs: import('onnx-proto').onnx.IValueInfoProto[] = [];
  private counter = 0;

  constructor(readonly name: string) {}

  input(name: string, type: ElemType, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, type, shape));
    return name;
  }

  output(name: string, type: ElemType, shape: Dim[]): void {
    this.outputs.push(valueInfo(name, type, shape));
  }

  /** A constant tensor (weights, shapes, axes). */
  init(name: string, type: ElemType, dims: number[], values: ArrayLike<number>): string {
    const t: import('onnx-proto').onnx.ITensorProto = { name, dims, dataType: ELEM[type] };
    const n = dims.reduce((a, b) => a * b, 1);
    if (values.length !== n) throw new Error(`initializer ${name}: ${values.length} values for shape [${dims}]`);
    if (type === 'float16') throw new Error(`initializer ${name}: float16 constants are not written by this builder (Cast a float32 one)`);
    if (type === 'float32') t.rawData = new Uint8Array(Float32Array.from(values).buffer);
    else if (type === 'int32') t.rawData = new Uint8Array(Int32Array.from(values).buffer);
    else t.rawData = new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(v))).buffer);
    this.initializers.push(t);
    return name;
  }

  /** Adds a node; returns its output name (or names, when `outputs` > 1). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, output?: string): string {
    const out = output ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push({
      opType,
      input: inputs,
      output: [out],
      name: `${out}_node`,
      attribute: Object.entries(attrs).map(([name, v]) => attribute(name, v)),
    });
    return out;
  }

  toBytes(docString: string, metadata: Record<string, string> = {}): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 7,
      producerName: 'sift',
      producerVersion: '0.1.0',
      docString,
      opsetImport: [{ domain: '', version: OPSET }],
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, type: ElemType, shape: Dim[]): import('onnx-proto').onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: ELEM[type], shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

function attribute(name: string, v: AttrValue): import('onnx-proto').onnx.IAttributeProto {
  // AttributeType: FLOAT 1, INT 2, STRING 3, INTS 7.
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  return Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v };
}

/// <reference lib="webworker" />
/** The model worker: one ONNX model on WebGPU or WASM. */
import * as Comlink from 'comlink';
import { modelApi } from '../lib/browser/model-service';

Comlink.expose(modelApi);

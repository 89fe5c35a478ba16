/**
 * The selection service: everything the views ask of the selection rule, as
 * plain classes over one shared state, behind one typed interface. The page
 * registers it in a worker (workers/selection.worker.ts); Node uses the same
 * class directly (the CLI, the server engine).
 */
import type { RowFacts, SelectionParams } from '../selection/engine';
import type { Direction } from '../selection/order';
import type { ExportOptions } from '../export/command';
import type { ParquetModule } from '../export/parquet';
import { BrowseView, type RowFilter, type RowSort } from './browse';
import { CompareView } from './compare';
import { ExportView, type PageExportInputs } from './export';
import { QueueView, type QueueKind } from './queue';
import { SelectView } from './select';
import { SelectionState } from './state';

export type { OrderedPage, RowFilter, RowSort } from './browse';
export type { CompareResult } from './compare';
export type { PageExportInputs } from './export';
export type { QueueKind } from './queue';
export type { DistributionResult, DocScore } from './select';

/** The service's methods (what `call` may run). */
export type ServiceMethod = Exclude<{ [K in keyof SelectionService]: SelectionService[K] extends (...args: never[]) => unknown ? K : never }[keyof SelectionService], 'call'>;

/** Node has no Parquet writer to load unless the caller gives one (the CLI passes parquet-wasm/node). */
const noParquet = (): Promise<ParquetModule> => Promise.reject(new Error('no Parquet writer was given to the selection service'));

export class SelectionService {
  private readonly state = new SelectionState();
  private readonly selection = new SelectView(this.state);
  private readonly browse = new BrowseView(this.state);
  private readonly comparison = new CompareView(this.state);
  private readonly exporter: ExportView;
  private readonly queue = new QueueView(this.state);

  constructor(options: { loadParquet?: () => Promise<ParquetModule> } = {}) {
    this.exporter = new ExportView(this.state, options.loadParquet ?? noParquet);
  }

  /**
   * One method with the directions its selectors need, in one message: the
   * directions are applied first (an order is rebuilt only when one changed).
   */
  call<K extends ServiceMethod>(directions: Record<string, Direction>, method: K, args: Parameters<SelectionService[K]>): ReturnType<SelectionService[K]> {
    for (const [name, direction] of Object.entries(directions)) this.state.setDirection(name, direction);
    return (this[method] as (...a: Parameters<SelectionService[K]>) => ReturnType<SelectionService[K]>)(...args);
  }

  // The dataset: per-row facts, score columns, doc_ids.
  init(rows: RowFacts, scores: Record<string, Float64Array>, directions: Record<string, Direction>) {
    this.state.init(rows, scores, directions);
  }
  setDirection(name: string, direction: Direction) {
    this.state.setDirection(name, direction);
  }
  addScores(name: string, scores: Float64Array, direction: Direction) {
    this.state.addScores(name, scores, direction);
  }
  setDocIds(ids: string[]) {
    this.state.setDocIds(ids);
  }
  hasDocIds() {
    return this.state.hasDocIds();
  }
  memory() {
    return this.state.memory();
  }

  // One selector at a selection (Distributions, the slider, the document detail).
  prepare(name: string) {
    return this.selection.prepare(name);
  }
  select(name: string, params: SelectionParams) {
    return this.selection.select(name, params);
  }
  keepMask(name: string, params: SelectionParams) {
    return this.selection.keepMask(name, params);
  }
  distribution(name: string, bins: number) {
    return this.selection.distribution(name, bins);
  }
  sweep(name: string, others: string[]) {
    return this.selection.sweep(name, others);
  }
  docScores(row: number, params: SelectionParams) {
    return this.selection.docScores(row, params);
  }

  // Browse.
  orderedRows(name: string, params: SelectionParams, filter: RowFilter, sort?: RowSort) {
    return this.browse.orderedRows(name, params, filter, sort);
  }
  orderedPage(name: string, params: SelectionParams, filter: RowFilter, sort: RowSort | undefined, start: number, count: number) {
    return this.browse.orderedPage(name, params, filter, sort, start, count);
  }
  orderedPosition(name: string, params: SelectionParams, filter: RowFilter, sort: RowSort | undefined, row: number) {
    return this.browse.orderedPosition(name, params, filter, sort, row);
  }

  // Compare.
  compare(a: string, b: string, params: SelectionParams, options: { bins?: number; raw?: boolean } = {}) {
    return this.comparison.compare(a, b, params, options);
  }
  compareMany(names: string[], params: SelectionParams) {
    return this.comparison.compareMany(names, params);
  }
  stages(names: string[], params: SelectionParams) {
    return this.comparison.stages(names, params);
  }

  // Export.
  addSignatureTexts(start: number, texts: Array<string | null>) {
    return this.exporter.addSignatureTexts(start, texts);
  }
  hasSignatures() {
    return this.exporter.hasSignatures();
  }
  export(name: string, options: ExportOptions, inputs: PageExportInputs) {
    return this.exporter.export(name, options, inputs);
  }

  // Annotate.
  annotationQueue(kind: QueueKind, name: string, params: SelectionParams, opts: { nameB?: string | null; seed?: number; exclude?: string[]; only?: string[] | null; limit: number }) {
    return this.queue.annotationQueue(kind, name, params, opts);
  }
  grade(name: string, labels: Int8Array, ratio: number) {
    return this.queue.grade(name, labels, ratio);
  }
  docIdsOf(rows: ArrayLike<number>) {
    return this.queue.docIdsOf(rows);
  }
  labelsByRow(docIds: string[], labels: number[]) {
    return this.queue.labelsByRow(docIds, labels);
  }
}

'use client';
/**
 * Labels in the page: the server's current labels for the dataset, this
 * annotator's optimistic changes (pending until acknowledged), and undo.
 * The durable queue itself lives in IndexedDB (lib/annotations/client).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { PendingLabel, RejectedLabel } from '@/lib/browser/annotations-client';
import type { AnnotationInput, AnnotationRecord, Label } from '@/lib/annotations/types';

export interface DocLabel {
  label: Label | null;
  tags: string[];
  note: string;
}

/** A change to a label: fixed fields, or fields computed from the label as it stands when the change takes its turn. */
export type LabelChange = Partial<DocLabel> | ((before: DocLabel) => Partial<DocLabel>);

/** Adds the tag, or removes it if the label has it already. */
export const toggleTag =
  (tag: string): LabelChange =>
  (before) => ({ tags: before.tags.includes(tag) ? before.tags.filter((t) => t !== tag) : [...before.tags, tag] });

/** Sets the label, or clears it if it is that label already. */
export const toggleLabel =
  (label: Label): LabelChange =>
  (before) => ({ label: before.label === label ? null : label });

const EMPTY: DocLabel = { label: null, tags: [], note: '' };
const keyOf = (doc: string, annotator: string) => `${annotator}\u0000${doc}`;

interface AnnotationState {
  annotator: string | null;
  dataset: string | null;
  /** Server-acknowledged current labels by (annotator, doc). */
  records: Map<string, AnnotationRecord>;
  /** The dataset whose labels have been read from the server at least once (null until then). */
  loaded: string | null;
  /** Queued, not yet acknowledged, by idempotency key. */
  pending: Map<string, PendingLabel>;
  rejected: RejectedLabel[];
  sync: { state: 'idle' | 'sending' | 'retrying'; error: string | null };
  undo: AnnotationInput[][];
  /** Times of single labels made in this session (bulk labels left out), for the pace figure. */
  made: number[];
  setAnnotator: (name: string) => void;
  open: (dataset: string) => Promise<void>;
  /** Sets label / tags / note for documents (several = one batch, one undo). */
  apply: (docIds: string[], change: LabelChange) => Promise<void>;
  undoLast: () => Promise<void>;
  flushNow: () => Promise<void>;
}

/** This annotator's label of a document: the newest pending change, else the server's. */
export function myLabel(s: Pick<AnnotationState, 'annotator' | 'records' | 'pending'>, docId: string): DocLabel & { pending: boolean } {
  if (!s.annotator) return { ...EMPTY, pending: false };
  let newest: PendingLabel | null = null;
  for (const p of s.pending.values()) if (p.input.doc_id === docId && p.input.annotator === s.annotator && (!newest || p.seq > newest.seq)) newest = p;
  if (newest) return { label: newest.input.label, tags: newest.input.tags ?? [], note: newest.input.note ?? '', pending: true };
  const r = s.records.get(keyOf(docId, s.annotator));
  return r ? { label: r.label, tags: r.tags, note: r.note, pending: false } : { ...EMPTY, pending: false };
}

/** All current labels as the grading sees them: server records with this annotator's pending changes applied. */
export function currentRecords(s: Pick<AnnotationState, 'annotator' | 'records' | 'pending' | 'dataset'>): AnnotationRecord[] {
  const out = new Map(s.records);
  for (const p of [...s.pending.values()].sort((a, b) => a.seq - b.seq)) {
    const i = p.input;
    out.set(keyOf(i.doc_id, i.annotator), { id: 0, dataset: i.dataset, doc_id: i.doc_id, annotator: i.annotator, label: i.label, tags: i.tags ?? [], note: i.note ?? '', idempotency_key: i.idempotency_key, batch: p.batch, created_at: new Date(p.queuedAt).toISOString() });
  }
  return [...out.values()].filter((r) => r.label !== null || r.tags.length > 0 || r.note !== '');
}

/** currentRecords for components, recomputed only when the labels change. */
export function useCurrentRecords(): AnnotationRecord[] {
  const annotator = useAnnotationStore((s) => s.annotator);
  const dataset = useAnnotationStore((s) => s.dataset);
  const records = useAnnotationStore((s) => s.records);
  const pending = useAnnotationStore((s) => s.pending);
  return useMemo(() => currentRecords({ annotator, dataset, records, pending }), [annotator, dataset, records, pending]);
}

let retryTimer: ReturnType<typeof setInterval> | null = null;

/** A pending map (by idempotency key) with queued labels added. */
function withQueued(pending: ReadonlyMap<string, PendingLabel>, queued: PendingLabel[]): Map<string, PendingLabel> {
  const next = new Map(pending);
  for (const q of queued) next.set(q.input.idempotency_key, q);
  return next;
}

/**
 * Queue writes and queue reads run one after another. A change reads the
 * labels the change before it left: a note saved just before a drop key must
 * not be overwritten by a drop computed from the state without it, and a
 * queue read started before a write must not replace the pending map after it.
 */
let queueTurn: Promise<unknown> = Promise.resolve();
function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const run = queueTurn.then(task);
  queueTurn = run.catch(() => undefined);
  return run;
}

export const useAnnotationStore = create<AnnotationState>((set, get) => {
  const refreshQueue = () =>
    inTurn(async () => {
      const { pendingLabels, rejectedLabels } = await import('@/lib/browser/annotations-client');
      const [pending, rejected] = await Promise.all([pendingLabels(), rejectedLabels()]);
      set({ pending: withQueued(new Map(), pending), rejected });
    });

  const flushNow = async () => {
    const { flush } = await import('@/lib/browser/annotations-client');
    set((s) => ({ sync: { ...s.sync, state: 'sending' } }));
    const { sent, failure } = await flush();
    set((s) => {
      const records = new Map(s.records);
      for (const r of sent) if (r.dataset === s.dataset) records.set(keyOf(r.doc_id, r.annotator), r);
      return { records, sync: failure ? { state: 'retrying', error: failure.reason } : { state: 'idle', error: null } };
    });
    await refreshQueue();
    // Keep retrying while anything is queued (the server may be restarting).
    if (get().pending.size > 0 && !retryTimer) {
      retryTimer = setInterval(() => void get().flushNow(), 3000);
    } else if (get().pending.size === 0 && retryTimer) {
      clearInterval(retryTimer);
      retryTimer = null;
    }
  };

  return {
    annotator: typeof localStorage !== 'undefined' ? localStorage.getItem('sift.annotator') : null,
    dataset: null,
    records: new Map(),
    loaded: null,
    pending: new Map(),
    rejected: [],
    sync: { state: 'idle', error: null },
    undo: [],
    made: [],

    setAnnotator: (name) => {
      localStorage.setItem('sift.annotator', name);
      set({ annotator: name });
    },

    open: async (dataset) => {
      // Same dataset: refresh the server's labels (other annotators' arrive over time); keep undo.
      if (get().dataset !== dataset) set({ dataset, records: new Map(), loaded: null, undo: [] });
      const { fetchCurrent } = await import('@/lib/browser/annotations-client');
      await refreshQueue();
      try {
        const current = await fetchCurrent(dataset);
        if (get().dataset !== dataset) return;
        set({ records: new Map(current.map((r) => [keyOf(r.doc_id, r.annotator), r])), loaded: dataset });
      } catch (e) {
        set({ sync: { state: 'retrying', error: e instanceof Error ? e.message : String(e) } });
      }
      await flushNow();
    },

    apply: async (docIds, change) => {
      const queued = await inTurn(async () => {
        const s = get();
        if (!s.annotator || !s.dataset || docIds.length === 0) return false;
        const { enqueue } = await import('@/lib/browser/annotations-client');
        const previous: AnnotationInput[] = [];
        const next: AnnotationInput[] = [];
        let labelled = false;
        for (const doc_id of docIds) {
          const before = myLabel(s, doc_id);
          const fields = typeof change === 'function' ? change(before) : change;
          labelled ||= fields.label !== undefined;
          const after = { ...before, ...fields };
          previous.push({ dataset: s.dataset, doc_id, annotator: s.annotator, label: before.label, tags: before.tags, note: before.note });
          next.push({ dataset: s.dataset, doc_id, annotator: s.annotator, label: after.label, tags: after.tags, note: after.note });
        }
        const added = await enqueue(next, docIds.length > 1 ? crypto.randomUUID() : null);
        set((st) => ({
          pending: withQueued(st.pending, added),
          undo: [...st.undo.slice(-199), previous],
          made: labelled && docIds.length === 1 ? [...st.made.slice(-499), Date.now()] : st.made,
        }));
        return true;
      });
      if (queued) await flushNow();
    },

    undoLast: async () => {
      const queued = await inTurn(async () => {
        const last = get().undo.at(-1);
        if (!last) return false;
        const { enqueue } = await import('@/lib/browser/annotations-client');
        const added = await enqueue(last, last.length > 1 ? crypto.randomUUID() : null);
        set((st) => ({ pending: withQueued(st.pending, added), undo: st.undo.slice(0, -1) }));
        return true;
      });
      if (queued) await flushNow();
    },

    flushNow,
  };
});

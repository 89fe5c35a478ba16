'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DocDetail } from '@/components/browse/doc-detail';
import { DropRatioControl } from '@/components/explore/drop-ratio-control';
import { ExploreFrame, type ExploreContext } from '@/components/explore/explore-frame';
import { SelectorBar } from '@/components/explore/selector-bar';
import { selectionParams } from '@/components/explore/selection-store';
import { useSelectionResult, withSelector } from '@/components/explore/use-selection';
import { KEY_HELP, keyAction, LABEL_OF } from '@/lib/view/keys';
import { currentRecords, myLabel, toggleTag, useAnnotationStore, useCurrentRecords } from '@/components/stores/annotation-store';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { agreementReport } from '@/lib/annotations/grading';
import { formatCount } from '@/lib/format/numbers';
import { ensureDocIds } from '@/lib/browser/selection-client';
import { percentOf } from '@/lib/view/params';
import { AnnotatorPrompt, LABEL_TAGS, LabelBar } from './label-bar';
import { AnnotationsIo } from './annotations-io';
import { LabelSweep, useSelectorGrades } from './label-sweep';
import { SyncStatus } from './sync-status';
import { card } from '@/components/ui/card';

export function AnnotateView() {
  return <ExploreFrame>{(ctx) => <Annotate {...ctx} />}</ExploreFrame>;
}

type QueueKind = 'lowest' | 'random' | 'threshold' | 'disagree';
type QueueFilter = 'all' | 'unlabelled' | 'others';

const field = 'mt-1 block rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';
const QUEUE_LIMIT = 5000;


function Annotate({ prepared, selector, view, update }: ExploreContext) {
  const dataset = useDatasetStore((s) => s.dataset)!;
  const store = useAnnotationStore();
  const { annotator, open, apply, undoLast } = store;
  const { data: selection } = useSelectionResult(prepared, selector, view);
  const [kind, setKind] = useState<QueueKind>('lowest');
  const [filter, setFilter] = useState<QueueFilter>('unlabelled');
  const [seed, setSeed] = useState(1);
  const [selectorB, setSelectorB] = useState<string | null>(prepared.selectors.find((s) => s.name !== selector.name)?.name ?? null);
  const [queue, setQueue] = useState<{ docIds: string[]; total: number } | null>(null);
  const [queueError, setQueueError] = useState<string | null>(null);
  const [position, setPosition] = useState(0);
  const [help, setHelp] = useState(false);
  const [noteOpen, setNoteOpen] = useState(false);

  useEffect(() => {
    const fp = dataset.summary.fingerprint;
    void open(fp);
    // Other annotators' labels arrive over time: refresh every 15 s and when the tab comes back.
    const timer = setInterval(() => void open(fp), 15_000);
    const onFocus = () => void open(fp);
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [dataset.summary.fingerprint, open]);

  // The queue is built when its definition changes, not on every label (so it does not shift under the annotator).
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setQueueError(null);
    void (async () => {
      try {
        await ensureDocIds(prepared.key);
        const records = currentRecords(useAnnotationStore.getState());
        const labelledByMe = records.filter((r) => r.annotator === annotator && r.label).map((r) => r.doc_id);
        const labelledByOthers = records.filter((r) => r.annotator !== annotator && r.label).map((r) => r.doc_id);
        const q = await withSelector(selector.name, selector.direction, async (w) => {
          return w.annotationQueue(kind, selector.name, selectionParams(view), {
            nameB: selectorB,
            seed,
            exclude: filter === 'all' ? [] : labelledByMe,
            only: filter === 'others' ? labelledByOthers : null,
            limit: QUEUE_LIMIT,
          });
        });
        if (!live) return;
        setQueue({ docIds: q.docIds, total: q.total });
        setPosition(0);
      } catch (e) {
        if (live) setQueueError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
    };
    // Rebuilt once when the server's labels first arrive (to leave out my earlier ones), not when a
    // new label is acknowledged: that would move the queue under the annotator.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prepared.key, kind, filter, seed, selectorB, selector.name, selector.direction, view.ratio, JSON.stringify(view.perSource), view.missing, annotator, version, store.loaded === dataset.summary.fingerprint]);

  const docId = queue?.docIds[position] ?? null;
  const step = useCallback((delta: 1 | -1) => setPosition((p) => Math.max(0, Math.min((queue?.docIds.length ?? 1) - 1, p + delta))), [queue]);

  const stateRef = useRef({ docId, step, apply, undoLast, noteOpen, help });
  stateRef.current = { docId, step, apply, undoLast, noteOpen, help };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]') || e.metaKey || e.ctrlKey || e.altKey) return;
      const s = stateRef.current;
      const st = useAnnotationStore.getState();
      const action = keyAction(e.key);
      if (action === 'help') return setHelp(!s.help);
      if (action === 'undo') return void s.undoLast();
      if (action === 'next' || action === 'previous') {
        e.preventDefault();
        return s.step(action === 'next' ? 1 : -1);
      }
      if (!s.docId || !st.annotator) return;
      const label = action ? LABEL_OF[action] : undefined;
      if (label) {
        e.preventDefault();
        void s.apply([s.docId], { label });
        s.step(1);
      } else if (/^[1-9]$/.test(e.key)) {
        void s.apply([s.docId], toggleTag(LABEL_TAGS[Number(e.key) - 1]));
      } else if (action === 'note') {
        e.preventDefault();
        setNoteOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const done = queue ? queue.docIds.filter((d) => myLabel(store, d).label !== null).length : 0;
  // Everything this annotator labelled in the dataset (the grading counts these), not only this queue.
  const mine = currentRecords(store).filter((r) => r.annotator === annotator && r.label !== null).length;
  const recent = store.made.filter((t) => t > Date.now() - 10 * 60_000);
  const pace = recent.length >= 2 ? (recent.length - 1) / ((recent[recent.length - 1] - recent[0]) / 60_000) : null;

  return (
    <div className="space-y-4">
      <SelectorBar prepared={prepared} selector={selector} view={view} update={update} />
      <DropRatioControl view={view} update={update} result={selection} />
      <SyncStatus />
      {!annotator ? (
        <section className={card('p-4')}>
          <AnnotatorPrompt />
        </section>
      ) : (
        <section className={card('p-4')}>
          <div className="flex flex-wrap items-end gap-4 text-sm">
            <label>
              queue
              <select data-testid="queue-kind" value={kind} onChange={(e) => setKind(e.target.value as QueueKind)} className={field}>
                <option value="lowest">lowest by {selector.name}</option>
                <option value="random">random sample (seeded)</option>
                <option value="threshold">near the threshold</option>
                <option value="disagree">disagreements with another selector</option>
              </select>
            </label>
            {kind === 'random' && (
              <label>
                seed
                <input data-testid="queue-seed" type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value) || 0)} className={`${field} w-20`} />
              </label>
            )}
            {kind === 'disagree' && (
              <label>
                versus
                <select data-testid="queue-selector-b" value={selectorB ?? ''} onChange={(e) => setSelectorB(e.target.value || null)} className={field}>
                  {prepared.selectors.filter((s) => s.name !== selector.name).map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              show
              <select data-testid="queue-filter" value={filter} onChange={(e) => setFilter(e.target.value as QueueFilter)} className={field}>
                <option value="all">every document</option>
                <option value="unlabelled">only documents I have not labelled</option>
                <option value="others">only documents others labelled (for agreement)</option>
              </select>
            </label>
            <button type="button" onClick={() => setVersion((v) => v + 1)} className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700" title="rebuild the queue (it stays fixed while you label)">
              refresh queue
            </button>
            <span data-testid="annotate-progress" className="ml-auto text-zinc-600 dark:text-zinc-400">
              {queue ? (
                <>
                  <span data-testid="labelled-total">{formatCount(mine)} labelled by you</span> · {formatCount(done)} of {formatCount(queue.docIds.length)} in this queue
                  {queue.total > queue.docIds.length ? ` (first ${formatCount(QUEUE_LIMIT)} of ${formatCount(queue.total)})` : ''}
                  {pace !== null && ` · ${pace.toFixed(1)} labels/min`}
                </>
              ) : (
                'building the queue…'
              )}
            </span>
            <span className="text-xs text-zinc-500">
              signed as <b>{annotator}</b>{' '}
              <button type="button" className="underline" onClick={() => store.setAnnotator(window.prompt('Your name', annotator)?.trim() || annotator)}>
                change
              </button>
            </span>
          </div>
          {queueError && (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
              {queueError}
            </p>
          )}
          {help && (
            <table data-testid="keys-help" className="mt-3 text-sm">
              <tbody>
                {KEY_HELP.map(([k, what]) => (
                  <tr key={k}>
                    <td className="pr-4 font-mono">{k}</td>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {queue && queue.docIds.length === 0 && <p data-testid="queue-empty" className="mt-3 text-sm text-zinc-500">Nothing left in this queue.</p>}
          {docId && (
            <div className="mt-3 grid gap-3 lg:grid-cols-[minmax(0,1fr)_20rem]">
              <DocDetail docId={docId} selector={selector} params={selectionParams(view)} position={{ index: position, total: queue!.docIds.length }} onClose={() => undefined} onStep={step} onLoaded={() => undefined} stepHints={['h', 'l']} />
              <div className="space-y-2">
                <LabelBar docId={docId} keys noteOpen={noteOpen} setNoteOpen={setNoteOpen} />
                <p className="text-xs text-zinc-500">Press ? for the keys. Labelling moves to the next document.</p>
              </div>
            </div>
          )}
        </section>
      )}
      <Grading prepared={prepared} selector={selector} view={view} update={update} />
      <AnnotationsIo dataset={dataset.summary.fingerprint} />
    </div>
  );
}

/** Pairs of annotators listed in the agreement table. */
const MAX_PAIRS = 12;

function Grading({ prepared, selector, view, update }: ExploreContext) {
  const records = useCurrentRecords();
  const report = useMemo(() => agreementReport(records), [records]);
  // Pairs that share documents, most shared first: the long tail of pairs is cut off below.
  const shared = useMemo(() => report.pairs.filter((p) => p.n > 0).sort((a, b) => b.n - a.n), [report]);
  const [by, setBy] = useState<string | null>(null);
  const grades = useSelectorGrades(prepared, selector, view.ratio, by);
  const g = grades?.[selector.name];
  const f = (x: number | null | undefined, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));

  return (
    <section data-testid="grading" className={card('p-4')}>
      <h2 className="text-sm font-semibold">Grading</h2>
      <div className="mt-2 grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="text-xs font-semibold uppercase text-zinc-500">Annotators</h3>
          {report.annotators.length === 0 ? (
            <p className="mt-1 text-sm text-zinc-500">No labels yet.</p>
          ) : (
            <table data-testid="annotator-table" className="mt-1 w-full text-sm">
              <thead>
                <tr className="text-left text-xs text-zinc-500">
                  <th>annotator</th>
                  <th className="text-right">keep</th>
                  <th className="text-right">drop</th>
                  <th className="text-right">unsure</th>
                  <th className="pl-3">tags</th>
                </tr>
              </thead>
              <tbody>
                {report.annotators.map((a) => (
                  <tr key={a.name} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td className="font-mono">{a.name}</td>
                    <td className="text-right">{a.labels.keep}</td>
                    <td className="text-right">{a.labels.drop}</td>
                    <td className="text-right">{a.labels.unsure}</td>
                    <td className="pl-3 text-xs text-zinc-500">{Object.entries(a.tags).map(([t, n]) => `${t} ${n}`).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3 className="mt-4 text-xs font-semibold uppercase text-zinc-500">Agreement (documents labelled by several people)</h3>
          <table data-testid="agreement-table" className="mt-1 text-sm">
            <tbody>
              {shared.slice(0, MAX_PAIRS).map((p) => (
                <tr key={`${p.a}|${p.b}`}>
                  <td className="pr-3">
                    Cohen’s κ {p.a} × {p.b}
                  </td>
                  {/* κ is undefined when both gave one and the same label throughout: they agree on every document. */}
                  <td className="pr-3 font-mono">{p.kappa === null ? <span className="font-sans text-xs text-zinc-500">all agree, one label</span> : f(p.kappa)}</td>
                  <td className="text-xs text-zinc-500">n = {p.n}</td>
                </tr>
              ))}
              {shared.length > MAX_PAIRS && (
                <tr>
                  <td colSpan={3} className="pb-1 text-xs text-zinc-500">
                    and {shared.length - MAX_PAIRS} more pair(s) sharing fewer documents (the annotations export has every label).
                  </td>
                </tr>
              )}
              <tr>
                <td className="pr-3">Fleiss’ κ</td>
                <td data-testid="fleiss" className="pr-3 font-mono">{f(report.fleiss.value)}</td>
                <td className="text-xs text-zinc-500">n = {report.fleiss.n}</td>
              </tr>
              <tr>
                <td className="pr-3">Krippendorff’s α (nominal)</td>
                <td data-testid="krippendorff" className="pr-3 font-mono">{f(report.krippendorff.value)}</td>
                <td className="text-xs text-zinc-500">n = {report.krippendorff.n}</td>
              </tr>
              {report.pairs.some((p) => p.n === 0) && (
                <tr>
                  <td colSpan={3} className="pt-1 text-xs text-zinc-500">
                    {report.pairs.filter((p) => p.n === 0).length} other pair(s) of annotators share no labelled document.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div>
          <div className="flex items-end gap-3">
            <h3 className="text-xs font-semibold uppercase text-zinc-500">Selectors against the labels (drop = positive)</h3>
            <label className="ml-auto text-xs">
              labels of{' '}
              <select data-testid="grade-by" value={by ?? ''} onChange={(e) => setBy(e.target.value || null)} className="rounded border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-950">
                <option value="">the majority</option>
                {report.annotators.map((a) => (
                  <option key={a.name} value={a.name}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <table data-testid="grade-table" className="mt-1 w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-zinc-500">
                <th>selector</th>
                <th className="text-right">ROC AUC</th>
                <th className="text-right">labelled (drop / keep)</th>
                <th className="text-right">precision @ {percentOf(view.ratio)} %</th>
                <th className="text-right">recall</th>
              </tr>
            </thead>
            <tbody>
              {prepared.selectors.map((s) => {
                const x = grades?.[s.name];
                return (
                  <tr key={s.name} data-testid={`grade-${s.name}`} className={`border-t border-zinc-100 dark:border-zinc-800 ${s.name === selector.name ? 'font-semibold' : ''}`}>
                    <td className="font-mono">{s.name}</td>
                    <td data-testid="grade-auc" className="text-right font-mono">{f(x?.auc)}</td>
                    <td className="text-right">{x ? `${x.positives} / ${x.negatives}${x.unscored ? ` (+${x.unscored} unscored)` : ''}` : grades ? '0 / 0' : '…'}</td>
                    <td className="text-right font-mono">{f(x?.atRatio.precision)}</td>
                    <td className="text-right font-mono">{f(x?.atRatio.recall)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
      <div className="mt-4">
        <LabelSweep grade={g} selector={selector.name} view={view} update={update} />
      </div>
    </section>
  );
}

'use client';
import { useState } from 'react';
import { myLabel, toggleLabel, toggleTag, useAnnotationStore } from '@/components/stores/annotation-store';
import type { Label } from '@/lib/annotations/types';
import { KEYMAP } from '@/lib/view/keys';

/** Tags offered for labelling, in key order (1–9): the junk classes Sift's taggers know. */
export const LABEL_TAGS = ['encoding_error', 'ocr_noise', 'whitespace', 'nonprinting', 'number_table', 'secret', 'all_caps', 'non_english', 'boilerplate'];

const LABEL_STYLE: Record<Label, string> = {
  keep: 'border-emerald-600 bg-emerald-600 text-white',
  drop: 'border-red-600 bg-red-600 text-white',
  unsure: 'border-amber-500 bg-amber-500 text-white',
};

/** Asks for the annotator's name once; it is remembered in this browser. */
export function AnnotatorPrompt() {
  const setAnnotator = useAnnotationStore((s) => s.setAnnotator);
  const [name, setName] = useState('');
  return (
    <form
      data-testid="annotator-form"
      className="flex flex-wrap items-center gap-2 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) setAnnotator(name.trim());
      }}
    >
      <label htmlFor="annotator-name">Your name, to sign your labels:</label>
      <input id="annotator-name" data-testid="annotator-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950" />
      <button type="submit" className="rounded bg-zinc-900 px-3 py-1 text-white dark:bg-zinc-100 dark:text-zinc-900">
        Start
      </button>
    </form>
  );
}

/** Keep / drop / unsure, tags and a note for one document, with its save state. */
export function LabelBar({ docId, keys = false, noteOpen, setNoteOpen }: { docId: string; keys?: boolean; noteOpen?: boolean; setNoteOpen?: (open: boolean) => void }) {
  const state = useAnnotationStore();
  const [localNote, setLocalNote] = useState(false);
  const open = noteOpen ?? localNote;
  const setOpen = setNoteOpen ?? setLocalNote;
  const [draft, setDraft] = useState('');
  if (!state.annotator) return <AnnotatorPrompt />;
  const mine = myLabel(state, docId);
  const others = [...state.records.values()].filter((r) => r.doc_id === docId && r.annotator !== state.annotator && r.label);
  return (
    <div data-testid="label-bar" className="space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        {(['keep', 'drop', 'unsure'] as const).map((l) => (
          <button
            key={l}
            type="button"
            data-testid={`label-${l}`}
            aria-pressed={mine.label === l}
            onClick={() => void state.apply([docId], toggleLabel(l))}
            className={`rounded border px-3 py-1 ${mine.label === l ? LABEL_STYLE[l] : 'border-zinc-300 dark:border-zinc-700'}`}
          >
            {l}
            {keys && <kbd className="ml-1 text-[10px] opacity-70">{KEYMAP[l][0]}</kbd>}
          </button>
        ))}
        <span data-testid="label-state" data-state={mine.pending ? 'pending' : mine.label || mine.tags.length || mine.note ? 'saved' : 'none'} className={`text-xs ${mine.pending ? 'text-amber-700 dark:text-amber-400' : 'text-zinc-500'}`}>
          {mine.pending ? 'pending: not yet confirmed by the server' : mine.label || mine.tags.length || mine.note ? `saved as ${state.annotator}` : `not labelled by ${state.annotator}`}
        </span>
        <button type="button" data-testid="note-toggle" onClick={() => (setDraft(mine.note), setOpen(!open))} className="ml-auto rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700">
          note{keys && <kbd className="ml-1 text-[10px] opacity-70">{KEYMAP.note[0]}</kbd>}
        </button>
      </div>
      <div className="flex flex-wrap gap-1" aria-label="tags">
        {LABEL_TAGS.map((t, i) => (
          <button
            key={t}
            type="button"
            data-testid={`tag-${t}`}
            aria-pressed={mine.tags.includes(t)}
            onClick={() => void state.apply([docId], toggleTag(t))}
            className={`rounded border px-1.5 py-0.5 text-xs ${mine.tags.includes(t) ? 'border-sky-600 bg-sky-600 text-white' : 'border-zinc-300 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400'}`}
          >
            {keys && <kbd className="mr-1 opacity-70">{i + 1}</kbd>}
            {t}
          </button>
        ))}
      </div>
      {open && (
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void state.apply([docId], { note: draft.trim() });
            setOpen(false);
          }}
        >
          <input
            autoFocus
            data-testid="note-input"
            value={draft}
            maxLength={10_000}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
            placeholder="a note for this document (Enter saves, Esc cancels)"
            className="flex-1 rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
          />
        </form>
      )}
      {!open && mine.note && <p data-testid="note-text" className="whitespace-pre-wrap text-xs text-zinc-600 dark:text-zinc-400">note: {mine.note}</p>}
      {others.length > 0 && (
        <p data-testid="other-labels" className="text-xs text-zinc-500">
          others: {others.map((r) => `${r.annotator} ${r.label}`).join(', ')}
        </p>
      )}
    </div>
  );
}

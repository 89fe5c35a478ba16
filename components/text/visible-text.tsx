'use client';
import { useMemo } from 'react';
import { highlightSegments, visibleSegments, type Segment, type Span } from '@/lib/text/visible';

export const TAG_COLORS: Record<string, string> = {
  encoding_error: 'bg-rose-200 dark:bg-rose-900',
  ocr_noise: 'bg-amber-200 dark:bg-amber-900',
  whitespace: 'bg-sky-200 dark:bg-sky-900',
  nonprinting: 'bg-fuchsia-200 dark:bg-fuchsia-900',
  number_table: 'bg-lime-200 dark:bg-lime-900',
  secret: 'bg-red-300 dark:bg-red-800',
  all_caps: 'bg-orange-200 dark:bg-orange-900',
  non_english: 'bg-violet-200 dark:bg-violet-900',
  repetition: 'bg-teal-200 dark:bg-teal-900',
  boilerplate: 'bg-stone-300 dark:bg-stone-700',
  markup: 'bg-indigo-200 dark:bg-indigo-900',
};
export const tagColor = (tag: string) => TAG_COLORS[tag] ?? 'bg-yellow-200 dark:bg-yellow-900';

const SPECIAL = 'rounded-sm bg-zinc-200 px-0.5 text-[0.85em] text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200';

function SegmentView({ seg }: { seg: Segment }) {
  const tagClass = seg.tags?.length ? tagColor(seg.tags[0]) : '';
  if (seg.kind === 'text' || seg.kind === 'newline' || seg.kind === 'tab') {
    return seg.tags?.length ? (
      <mark className={`${tagClass} text-inherit`} title={seg.tags.join(', ')}>
        {seg.display}
      </mark>
    ) : (
      <>{seg.display}</>
    );
  }
  return (
    <span className={`${SPECIAL} ${tagClass}`} data-special={seg.kind} title={seg.kind}>
      {seg.display}
    </span>
  );
}

/** Document text rendered as React text only (never HTML), invisibles visible, tagged spans highlighted. */
export function VisibleText({ text, spans = [], testId }: { text: string; spans?: Span[]; testId?: string }) {
  const segments = useMemo(() => highlightSegments(visibleSegments(text), spans), [text, spans]);
  return (
    <pre data-testid={testId} className="whitespace-pre-wrap break-words font-mono text-[13px] leading-relaxed [overflow-wrap:anywhere]">
      {segments.map((seg, i) => (
        <SegmentView key={i} seg={seg} />
      ))}
    </pre>
  );
}

/**
 * The removal funnel: each filter step with documents in, kept and dropped,
 * and dropped by reason — from the run's statistics (the full corpus) and from
 * the removed documents loaded (exclusion outputs or tracer files: the sample).
 * A step of the statistics and a step of the documents are the same step when
 * the documents' reasons are among the step's `dropped_<reason>` counts (names
 * differ: DataTrove names blocks "🥇 Gopher Quality", exclusion folders are named
 * by whoever ran it).
 */
import { toNumber, type Connector } from '../connector';
import { generationTables, type Dataset } from '../dataset';
import { buildStepReasonCountsQuery } from '../sql/funnel';
import type { FunnelStep } from './datatrove-stats';

/** Removed documents loaded, counted by step and reason. */
export interface SampleStep {
  step: string;
  dropped: number;
  reasons: Record<string, number>;
}

export interface FunnelRow {
  name: string;
  /** From the run's statistics: null where only removed documents were loaded. */
  total: number | null;
  kept: number | null;
  dropped: number | null;
  reasons: Record<string, number>;
  keptChars: number | null;
  keptTokens: number | null;
  /** The loaded removed documents of this step, when any were matched to it. */
  sample: SampleStep | null;
}

/** Sample steps from (step, reason, count) rows, in the order the steps first appear. */
export function sampleSteps(rows: Array<{ step: string; reason: string; n: number }>): SampleStep[] {
  const byStep = new Map<string, SampleStep>();
  for (const r of rows) {
    const s = byStep.get(r.step) ?? { step: r.step, dropped: 0, reasons: {} };
    s.dropped += r.n;
    s.reasons[r.reason] = (s.reasons[r.reason] ?? 0) + r.n;
    byStep.set(r.step, s);
  }
  return [...byStep.values()];
}

/**
 * One funnel from both: statistics steps in pipeline order, each with the
 * sample step whose reasons it counts; sample steps no statistics step claims
 * follow as rows of their own.
 */
export function combineFunnel(stats: FunnelStep[], sample: SampleStep[]): FunnelRow[] {
  const unclaimed = new Set(sample);
  const rows: FunnelRow[] = stats.map((s) => {
    const match = [...unclaimed].find((x) => Object.keys(x.reasons).every((r) => r in s.reasons)) ?? null;
    if (match) unclaimed.delete(match);
    return { ...s, sample: match };
  });
  for (const x of unclaimed) rows.push({ name: x.step, total: null, kept: null, dropped: null, reasons: {}, keptChars: null, keptTokens: null, sample: x });
  return rows;
}

/** A share of a count in a total, or null when there is no total. */
export const shareOf = (n: number, of: number | null): number | null => (of && of > 0 ? n / of : null);

/** The loaded dataset's removed documents by step and reason; empty when it has none (no `reason` column). */
export async function fetchSampleSteps(conn: Connector, dataset: Dataset): Promise<SampleStep[]> {
  if (!dataset.columns.some((c) => c.name === 'reason') || !dataset.columns.some((c) => c.name === 'step')) return [];
  const rows = await conn.query(buildStepReasonCountsQuery(generationTables(dataset.prefix).raw));
  return sampleSteps(rows.map((r) => ({ step: String(r.step), reason: String(r.reason), n: toNumber(r.n) ?? 0 })));
}

import { quoteIdent } from './quote';

/** Removed documents by step and reason (rows of exclusion outputs and tracer files), steps in file order. */
export const buildStepReasonCountsQuery = (raw: string) =>
  `SELECT CAST(step AS VARCHAR) AS step, CAST(reason AS VARCHAR) AS reason, count(*) AS n FROM ${quoteIdent(raw)} WHERE reason IS NOT NULL GROUP BY step, reason ORDER BY min(_shard), min(_row), reason`;

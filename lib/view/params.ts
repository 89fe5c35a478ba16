import type { Direction } from '../selection/order';
import { percentOf, ratioFromPercent } from '../selection/ratio';

/** Everything a view shows that a shared link should restore. */
export interface ViewState {
  selector: string | null;
  /** The second selector on the Compare page. */
  selectorB: string | null;
  /** Compare: ranks (percentiles) or raw scores on the density plot. */
  rawScores: boolean;
  /** Drop ratio as a fraction in [0, 0.95]. */
  ratio: number;
  direction: Direction | null;
  /** Per-source ratios (fractions) by source label ('' = no source); null = overall mode. */
  perSource: Record<string, number> | null;
  missing: 'keep' | 'drop';
  bins: number;
  logY: boolean;
  sources: string[];
  tag: string | null;
  scoreMin: number | null;
  scoreMax: number | null;
  droppedOnly: boolean;
  query: string;
  regex: boolean;
  doc: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  selector: null,
  selectorB: null,
  rawScores: false,
  ratio: 0.1,
  direction: null,
  perSource: null,
  missing: 'keep',
  bins: 50,
  logY: false,
  sources: [],
  tag: null,
  scoreMin: null,
  scoreMax: null,
  droppedOnly: false,
  query: '',
  regex: false,
  doc: null,
};

export { MAX_RATIO, percentOf, ratioFromPercent } from '../selection/ratio';

const num = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
};

export function parseView(params: URLSearchParams): ViewState {
  const perSourceRaw = params.get('ps');
  let perSource: Record<string, number> | null = null;
  if (perSourceRaw) {
    perSource = {};
    for (const part of perSourceRaw.split(';')) {
      const at = part.lastIndexOf(':');
      if (at < 0) continue;
      const pct = num(part.slice(at + 1));
      if (pct !== null) perSource[decodeURIComponent(part.slice(0, at))] = ratioFromPercent(pct);
    }
  }
  const dir = params.get('dir');
  return {
    selector: params.get('s'),
    selectorB: params.get('b'),
    rawScores: params.get('raw') === '1',
    ratio: params.has('r') ? ratioFromPercent(num(params.get('r')) ?? 0) : DEFAULT_VIEW.ratio,
    direction: dir === 'higher' || dir === 'lower' ? dir : null,
    perSource,
    missing: params.get('miss') === 'drop' ? 'drop' : 'keep',
    bins: Math.min(500, Math.max(5, Math.round(num(params.get('bins')) ?? DEFAULT_VIEW.bins))),
    logY: params.get('log') === '1',
    sources: params.getAll('src'),
    tag: params.get('tag'),
    scoreMin: num(params.get('min')),
    scoreMax: num(params.get('max')),
    droppedOnly: params.get('dropped') === '1',
    query: params.get('q') ?? '',
    regex: params.get('re') === '1',
    doc: params.get('doc'),
  };
}

/** The query string for a view; defaults are left out so links stay short. */
export function serializeView(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.selector) p.set('s', view.selector);
  if (view.selectorB) p.set('b', view.selectorB);
  if (view.rawScores) p.set('raw', '1');
  if (view.ratio !== DEFAULT_VIEW.ratio) p.set('r', String(percentOf(view.ratio)));
  if (view.direction) p.set('dir', view.direction);
  if (view.perSource && Object.keys(view.perSource).length) {
    p.set('ps', Object.entries(view.perSource).map(([k, v]) => `${encodeURIComponent(k)}:${percentOf(v)}`).join(';'));
  }
  if (view.missing === 'drop') p.set('miss', 'drop');
  if (view.bins !== DEFAULT_VIEW.bins) p.set('bins', String(view.bins));
  if (view.logY) p.set('log', '1');
  for (const s of view.sources) p.append('src', s);
  if (view.tag) p.set('tag', view.tag);
  if (view.scoreMin !== null) p.set('min', String(view.scoreMin));
  if (view.scoreMax !== null) p.set('max', String(view.scoreMax));
  if (view.droppedOnly) p.set('dropped', '1');
  if (view.query) p.set('q', view.query);
  if (view.regex) p.set('re', '1');
  if (view.doc) p.set('doc', view.doc);
  return p.toString();
}

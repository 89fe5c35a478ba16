/**
 * Sift's import boundaries (docs/ARCHITECTURE.md has the picture). A module may
 * import its own folder and any folder of a lower layer, never one of its own
 * layer or above: that rules out upward imports and folder-level cycles at once.
 * `npm test` runs it (scripts/check-boundaries.mjs); lib/test/boundaries.test.ts
 * shows that a wrong import fails it.
 */
const LAYERS = [
  ['lib/util', 'lib/format'],
  ['lib/selection'],
  ['lib/data', 'lib/text', 'lib/run'],
  ['lib/scoring', 'lib/compare', 'lib/annotations', 'lib/stats'],
  ['lib/models', 'lib/export', 'lib/charts', 'lib/view'],
  ['lib/service'],
  ['lib/browser', 'lib/server', 'lib/cli'],
  ['lib/engine'],
  ['workers'],
  ['components'],
  ['app', 'proxy.ts'],
];

// Paths match anywhere after a folder boundary so the test fixtures (a copy of the layout under
// lib/test/fixtures/boundaries/) fall under the same rules as the real tree.
const at = (folder) => `(^|/)${folder.replace(/\./g, '\\.')}(/|$)`;
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const layerRules = LAYERS.flatMap((layer, rank) =>
  layer.map((folder) => {
    const allowed = LAYERS.slice(0, rank).flat();
    return {
      name: `layer:${folder}`,
      comment: `${folder} (layer ${rank}) may import only its own folder and ${allowed.join(', ') || 'nothing else of the project'}`,
      severity: 'error',
      from: { path: at(folder), pathNot: '/test/(?!fixtures/)' },
      to: {
        path: `(^|/)(${LAYERS.flat().map(esc).join('|')})(/|$)`,
        pathNot: [at(folder), ...allowed.map(at)],
      },
    };
  }),
);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'lib-not-react',
      comment: 'lib/ is plain TypeScript that Node can run: no React, Next or UI state',
      severity: 'error',
      from: { path: '(^|/)lib/', pathNot: '/test/(?!fixtures/)' },
      to: { path: '(^|/)node_modules/(react|react-dom|next|zustand|@tanstack/react-[^/]+)/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles between modules either',
      severity: 'error',
      from: { pathNot: '/test/(?!fixtures/)' },
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(\\.next|generated)/' },
  },
};

/**
 * The layering of DESIGN.md, enforced in `npm run lint` (dependency-cruiser). Lowest first; a layer
 * imports only from itself and the layers below it:
 *   util · card · crypto → store · forms · print · roster · address · inbox → contract → services → modes → api → cli · electron
 * Modes never import each other; the renderer imports nothing from src-main but contract types,
 * and its shared parts (kit, components, i18n, api) name no mode;
 * no cycles anywhere. Tests and their helpers may reach across layers (they assemble the parts).
 */
const LAYERS = [
  ['util', 'card', 'crypto'],
  ['store', 'forms', 'print', 'roster', 'address', 'inbox'],
  ['contract'],
  ['services'],
  ['modes'],
  ['api'],
  ['cli', 'electron'],
];
const folders = (layers) => `^src-main/(${layers.flat().join('|')})/`;
const TESTS = '(\\.test\\.ts$|-child\\.ts$|/test-support\\.ts$|/testing\\.ts$|/__golden__/)';

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import from the layers above: ${LAYERS.slice(i + 1)
    .flat()
    .join(', ')}`,
  severity: 'error',
  from: { path: folders([layer]), pathNot: TESTS },
  to: { path: folders(LAYERS.slice(i + 1)) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'modes-are-independent',
      comment: 'A mode never imports another mode: what two modes share belongs in a lower layer.',
      severity: 'error',
      from: { path: '^src-main/modes/([^/]+)/', pathNot: TESTS },
      to: { path: '^src-main/modes/([^/]+)/', pathNot: '^src-main/modes/$1/' },
    },
    {
      name: 'renderer-shared-is-mode-free',
      comment:
        'What modes share (kit, components, i18n, api, a11y) names no mode and not the app that lists them.',
      severity: 'error',
      from: { path: '^src-renderer/(kit|components|i18n|api|a11y)/', pathNot: TESTS },
      to: { path: '^src-renderer/(modes|app)/' },
    },
    {
      name: 'renderer-modes-are-independent',
      comment: 'A renderer mode never imports another mode, nor the app that lists the modes.',
      severity: 'error',
      from: { path: '^src-renderer/modes/([^/]+)/', pathNot: TESTS },
      to: { path: '^src-renderer/(modes/([^/]+)/|app/)', pathNot: '^src-renderer/modes/$1/' },
    },
    {
      name: 'renderer-only-contract',
      comment: 'The renderer imports nothing from src-main but the contract.',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/', pathNot: '^src-main/contract/' },
    },
    {
      name: 'renderer-contract-types-only',
      comment: 'The renderer takes only types from the contract (no zod or Node code in the page).',
      severity: 'error',
      from: { path: '^src-renderer/', pathNot: TESTS },
      to: { path: '^src-main/contract/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};

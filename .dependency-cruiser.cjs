// Boundaries between the libraries and the apps, checked by `npm run lint`
// (dependency-cruiser). Each library's public entry points are its index.ts and,
// for the read API's pure contract, contracts.ts; tests may also use its testing/ folder.
const TESTS = '(\\.spec\\.ts|\\.int-spec\\.ts|\\.e2e-spec\\.ts)$|^test/|/testing/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain is pure TypeScript: no other library, no Nest, Kysely, pg, BullMQ or Redis (node: built-ins are fine).',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: TESTS },
      to: { pathNot: ['^libs/domain/', '^node:', '^(crypto|util|assert)$'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'A library never depends on an app; apps wire libraries together.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-testing-from-production',
      comment: 'testing/ folders (fixtures, in-memory stand-ins, test databases) are for tests only.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: TESTS },
      to: { path: '/testing/' },
    },
    {
      name: 'no-reaching-into-another-library',
      comment:
        'Import another library through its alias (#name), i.e. its index.ts (or contracts.ts), never a file inside it.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/', pathNot: TESTS },
      to: {
        path: '^libs/([^/]+)/src/',
        pathNot: [
          '^libs/$2/',
          '^libs/[^/]+/src/(index|contracts)\\.ts$',
          // Light entry points: pure modules imported without loading the library's drivers (pg, undici) at startup.
          '^libs/db/src/storable-text\\.ts$',
          '^libs/outbound/src/address-policy\\.ts$',
          // The read API's places and actor names: until libs/extraction exports them from its index
          // (the coder branches own that folder while this lands).
          '^libs/extraction/src/(places/index|actors/gazetteer)\\.ts$',
        ],
      },
    },
    {
      name: 'only-platform-imports-nest',
      comment:
        'Of the libraries only libs/platform imports Nest: libraries define projections and queries, the apps wire them (apps/worker/src/projections).',
      severity: 'error',
      from: { path: '^libs/', pathNot: ['^libs/platform/', TESTS] },
      to: { path: ['^node_modules/@nestjs/', '^libs/platform/'] },
    },
    {
      name: 'no-circular',
      comment: 'Libraries depend one way.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/extraction/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-in-extraction',
      comment:
        'A cycle inside libs/extraction (actors: dictionary → phoenix-convert → gazetteer): a warning while the coder branches rewrite the folder.',
      severity: 'warn',
      from: { path: '^libs/extraction/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['types', 'import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

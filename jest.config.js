import { availableParallelism } from 'node:os';
import { readdirSync } from 'node:fs';

// Jest runs the TypeScript sources as ES modules (NestJS 12 ships ESM only), so it
// must be started with --experimental-vm-modules on Node >= 24 (see package.json).
// Every folder of libs/ is importable as #<name> (package.json "imports").
const libs = readdirSync(new URL('./libs', import.meta.url));
const moduleNameMapper = { '^(\\.{1,2}/.*)\\.js$': '$1' };
for (const lib of libs) {
  moduleNameMapper[`^#${lib}$`] = `<rootDir>/libs/${lib}/src/index.ts`;
  moduleNameMapper[`^#${lib}/(.*)$`] = `<rootDir>/libs/${lib}/src/$1`;
}

const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

// The int and e2e projects get private PostgreSQL clusters (one per worker) and a
// private Redis from the global setup; a unit run starts nothing.
const withServices = {
  ...shared,
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  setupFiles: ['<rootDir>/test/support/worker-database.ts'],
};

const projects = [
  { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
  { ...withServices, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
  { ...withServices, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
];
// `npm run test:unit|test:int|test:e2e` set TEST_KIND (Jest's --selectProjects would swallow the
// paths given after `--`, as in `npm run test:int -- libs/event-store`).
const kinds = process.env.TEST_KIND?.split(',');

/** @type {import('jest').Config} */
export default {
  projects: kinds ? projects.filter((project) => kinds.includes(project.displayName)) : projects,
  // The tests mostly wait on PostgreSQL, Redis and child processes: more workers than
  // cores pays (measured in BENCHMARKS.md). Each worker has its own cluster.
  maxWorkers: process.env.JEST_WORKERS ?? Math.max(2, availableParallelism() + 1),
  // Read from the root config (the projects' own value is not used by the runner).
  testTimeout: 30000,
};

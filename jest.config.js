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

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  moduleNameMapper,
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/{apps,libs}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30000,
};

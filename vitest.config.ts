import { defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Tests import the other packages' TypeScript sources (the `@bondline/source` export condition), so a
// change in one package is tested in the packages that use it without a build in between.
const conditions = ['@bondline/source', ...defaultServerConditions];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    // A deadline that catches a hang, not a speed target: generous, so the suite holds on a loaded machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

// Two projects: fast, parallel unit tests; and integration tests that drive real system
// services (pcscd + vpcd, CUPS) and therefore run one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src-main/**/*.integration.test.ts', 'test/**/*.integration.test.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

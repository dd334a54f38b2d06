import { defineConfig } from 'vitest/config';

// Time zone pinned so that no date ever depends on the machine; analysis uses the client's asOf.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { TZ: 'UTC' },
  },
});

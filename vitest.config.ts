// Test runner settings: unit tests of pure logic, integration tests against a real hub, console e2e in Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit+integration',
          include: ['test/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.ts'],
          // The real-keychain tests run only in `npm test`'s keychain step (dbus-run-session + gnome-keyring sets this).
          exclude: [
            'test/e2e/**',
            'node_modules/**',
            ...(process.env.CCHUB_KEYCHAIN_TESTS === '1' ? [] : ['test/keychain/os-keychain.test.ts']),
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The console in Debian's Chromium against a real hub serving out/renderer (needs a fresh `npm run build`).
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

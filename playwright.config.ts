import { defineConfig, devices } from '@playwright/test';
import { PORT, PRIVATE_DATA_DIR, PRIVATE_PORT, PRIVATE_TOKEN } from './e2e/support/servers';


/** Flags Debian's chromium needs on these machines (no sandbox as root, no background network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e-output',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    // The model spec once with a (software) WebGPU adapter, then everything without one (the WASM fallback).
    {
      name: 'webgpu',
      testMatch: 'models.spec.ts',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1400, height: 1000 },
        launchOptions: { executablePath: process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--enable-unsafe-webgpu'] },
      },
    },
    { name: 'chromium', dependencies: ['webgpu'], use: { ...devices['Desktop Chrome'], viewport: { width: 1400, height: 1000 } } },
  ],
  webServer: [
    {
      command: `npx next start -p ${PORT}`,
      url: `http://localhost:${PORT}/api/files`,
      env: { SIFT_DATA_DIR: 'test-results/e2e-data', SIFT_DB: '', SIFT_TOKEN: '', NEXT_TELEMETRY_DISABLED: '1' },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    // A private team server: SIFT_TOKEN set, so every route needs it (e2e/security.spec.ts).
    {
      command: `npx next start -p ${PRIVATE_PORT}`,
      url: `http://localhost:${PRIVATE_PORT}/login`,
      env: { SIFT_DATA_DIR: PRIVATE_DATA_DIR, SIFT_DB: '', SIFT_TOKEN: PRIVATE_TOKEN, NEXT_TELEMETRY_DISABLED: '1' },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});

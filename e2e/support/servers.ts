/** The two servers the end-to-end run starts (playwright.config.ts): the usual one, and a private one with SIFT_TOKEN. */
export const PORT = Number(process.env.SIFT_E2E_PORT ?? 3100);
export const PRIVATE_PORT = PORT + 1;
export const PRIVATE_BASE = `http://localhost:${PRIVATE_PORT}`;
export const PRIVATE_DATA_DIR = 'test-results/e2e-private';
export const PRIVATE_TOKEN = 'e2e-private-token-0123456789abcdef';

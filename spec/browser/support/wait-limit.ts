/**
 * How long one wait of a browser spec (a page condition, a recorded stream, a preflight) may take
 * before it fails naming what it waited for. Below jest's `testTimeout` (jest.browser.config.ts),
 * so a stuck spec says which wait it was stuck in rather than just "timed out". A bound, never a
 * pause: every wait ends as soon as its event or condition comes.
 */
export const WAIT_LIMIT_MS = 20_000;

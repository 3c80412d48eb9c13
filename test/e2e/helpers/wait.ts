// Waiting for conditions (never for time): poll a check until it holds or the test's own timeout ends it.
import type { Locator } from 'playwright-core';

export async function waitUntil<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the locator's text contains `text`. */
export async function waitForText(locator: Locator, text: string | RegExp, timeoutMs = 20_000): Promise<string> {
  return waitUntil(
    async () => {
      const content = (await locator.textContent()) ?? '';
      return (typeof text === 'string' ? content.includes(text) : text.test(content)) ? content : null;
    },
    `text ${String(text)}`,
    timeoutMs,
  );
}

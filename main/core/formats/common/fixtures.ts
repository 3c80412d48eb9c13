// What each format's fixtures module (formats/<format>/fixtures.ts) gives the contract suite (formats/contract.test.ts).
import type { UpstreamCredentials } from './spec';
import type { UpstreamBodyError, Usage } from './types';

/** A stream and what its inspector must report, however it is cut. */
export interface StreamFixture {
  name: string;
  body: string;
  usage: Usage;
  model: string | undefined;
  completed: boolean;
  error: UpstreamBodyError | null;
}

export interface FormatFixtures {
  /** A whole JSON answer: its usage, model, and the text the provider test reads from it. */
  json: { body: string; usage: Usage; model: string | undefined; text: string };
  /** At least one complete stream and one that fails part-way. */
  streams: StreamFixture[];
  /** Hub errors: [HTTP status, hub code, the type the format's own inspector reads back from the error body]. */
  errorTypes: ReadonlyArray<readonly [status: number, code: string, readsAs: string]>;
  /** The relay's in-stream error: the type it passes, the status, the type the inspector reads back. */
  streamError: { type: string; status: number; readsAs: string };
  /** Path-model formats whose streams may be JSON arrays: the array's first element (the error closes the array). */
  jsonArrayHead?: string;
  /** A request naming its model (in the body, or in the path for path-model formats). */
  request: { path: string; body: string; model: string; stream: boolean };
  /** Where the provider key lands, per provider setting: header → value, with `KEY` standing for the key. */
  auth: ReadonlyArray<{ provider: Pick<UpstreamCredentials, 'anthropicAuth'>; keyHeaders: Record<string, string> }>;
}

export const noUsage: Usage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
};

/** A Usage with the given counters, the rest zero. */
export const usage = (u: Partial<Usage>): Usage => ({ ...noUsage, ...u });

/** SSE events written one per entry, each followed by a blank line. */
export const sseOf = (events: readonly string[]): string => events.map((e) => `${e}\n\n`).join('');

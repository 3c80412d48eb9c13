// Test helpers for the format inspectors: deterministic random chunkings and a one-call stream run.
import type { WireFormatSpec } from './spec';
import type { StreamInspector, UpstreamBodyError, Usage } from './types';

/** A small deterministic PRNG (mulberry32) so random splits are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `bytes` into pieces of random length 1..maxPiece. */
export function randomSplit(bytes: Buffer, seed: number, maxPiece = 40): Buffer[] {
  const rand = prng(seed);
  const out: Buffer[] = [];
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * maxPiece);
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

export function byteByByte(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(bytes.subarray(i, i + 1));
  return out;
}

export interface StreamSummary {
  usage: Usage;
  model: string | undefined;
  error: UpstreamBodyError | null;
  completed: boolean;
  sawContent: boolean;
  eventCount: number;
}

export interface StreamRun {
  summary: StreamSummary;
  /** Byte offsets (exclusive end) of the chunks for which push() returned true. */
  terminalAt: number[];
  inspector: StreamInspector;
}

/** Feeds `chunks` to a fresh stream inspector of `spec`, then end(). */
export function runStream(spec: WireFormatSpec, chunks: Buffer[]): StreamRun {
  const inspector = spec.streamInspector();
  const terminalAt: number[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    offset += chunk.length;
    if (inspector.push(chunk)) terminalAt.push(offset);
  }
  inspector.end();
  return { summary: summarize(inspector), terminalAt, inspector };
}

export function summarize(inspector: StreamInspector): StreamSummary {
  return {
    usage: inspector.usage(),
    model: inspector.model,
    error: inspector.error,
    completed: inspector.completed,
    sawContent: inspector.sawContent,
    eventCount: inspector.eventCount,
  };
}

/** The chunkings every stream test runs: whole, byte by byte, and several random splits. */
export function chunkings(bytes: Buffer): Array<{ name: string; chunks: Buffer[] }> {
  const out = [
    { name: 'whole', chunks: [bytes] },
    { name: 'byte by byte', chunks: byteByByte(bytes) },
  ];
  for (let seed = 1; seed <= 12; seed++) {
    out.push({ name: `random split #${seed}`, chunks: randomSplit(bytes, seed, seed * 7) });
  }
  return out;
}

/** Joins SSE events written one per array entry with `\n` line ends and a blank line after each. */
export function sse(events: string[]): string {
  return events.map((e) => `${e}\n\n`).join('');
}

/** The end offset of the chunk that holds byte `end - 1`, i.e. the chunk that completes bytes [0, end). */
export function chunkCompleting(chunks: Buffer[], end: number): number | undefined {
  let offset = 0;
  for (const c of chunks) {
    offset += c.length;
    if (offset >= end) return offset;
  }
  return undefined;
}

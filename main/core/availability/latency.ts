// Percentiles from the availability rollups' cumulative latency histograms (exact merge, ±1 bin resolution).
import { LATENCY_EDGES_MS } from '../db/schema';

/**
 * The p-quantile (0–1) of `count` values whose cumulative counts below each of LATENCY_EDGES_MS are `below`,
 * interpolated linearly inside its bin; values past the last edge read as that edge. null without values.
 */
export function histogramPercentile(below: readonly number[], count: number, p: number): number | null {
  if (count <= 0) return null;
  const rank = p * count;
  let lowerEdge = 0;
  let lowerCount = 0;
  for (let i = 0; i < LATENCY_EDGES_MS.length; i++) {
    const edge = LATENCY_EDGES_MS[i] as number;
    const c = below[i] ?? 0;
    if (c >= rank && c > lowerCount) {
      const share = (rank - lowerCount) / (c - lowerCount);
      return Math.round(lowerEdge + Math.max(0, share) * (edge - lowerEdge));
    }
    lowerEdge = edge;
    lowerCount = c;
  }
  return lowerEdge;
}

/** Adds cumulative histograms column by column (into `into`). */
export function addHistogram(into: number[], h: readonly number[]): void {
  for (let i = 0; i < h.length; i++) into[i] = (into[i] ?? 0) + (h[i] ?? 0);
}

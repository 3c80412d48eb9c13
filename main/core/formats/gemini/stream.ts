// Watches a Gemini stream (SSE `?alt=sse` or a JSON array): candidates, the latest usageMetadata, errors, finishReason.
import { keyNeedle } from '../common/bytes';
import { field, isRecord, parseJsonBytes, str } from '../common/json-values';
import type { SseEvent } from '../common/sse-scanner';
import { StreamInspectorBase } from '../common/stream-base';
import { emptyUsage, type Usage } from '../common/types';
import { readUpstreamError } from '../common/upstream-error';
import { inspectGeminiJson } from './json';
import { geminiUsage } from './usage';

const USAGE_METADATA = keyNeedle('usageMetadata');
const FINISH_REASON = keyNeedle('finishReason');
const BLOCK_REASON = keyNeedle('blockReason');
const ERROR = keyNeedle('error');

/**
 * Gemini repeats a cumulative usageMetadata in every chunk, so the inspector keeps only the bytes of the latest
 * chunk carrying one and parses them when usage() is asked. A chunk is parsed at once only before the first
 * candidate or when it mentions `"error"`. There is no terminal event: a chunk with a `finishReason` (or a prompt
 * `blockReason`) makes the stream count as completed at end(); push() never returns true.
 */
export class GeminiStreamInspector extends StreamInspectorBase {
  private usageBytes: Buffer | undefined;
  private usageCache: Usage | undefined;
  private finishSeen = false;

  constructor() {
    super(true, inspectGeminiJson);
  }

  protected handle(ev: SseEvent): boolean {
    const data = ev.data;
    if (!data) return false;
    if (data.indexOf(USAGE_METADATA) >= 0) {
      this.usageBytes = data;
      this.usageCache = undefined;
    }
    if (data.indexOf(FINISH_REASON) >= 0 || data.indexOf(BLOCK_REASON) >= 0) this.finishSeen = true;
    if (this.sawContent && data.indexOf(ERROR) < 0) return false;
    const chunk = ev.json();
    const error = readUpstreamError(chunk);
    if (error) {
      this.fail(error);
      return false;
    }
    if (!isRecord(chunk)) return false;
    if (!this.model) this.model = str(chunk.modelVersion) || undefined;
    if (Array.isArray(chunk.candidates) && chunk.candidates.length > 0) this.sawContent = true;
    if (this.usageBytes === data) this.usageCache = geminiUsage(chunk.usageMetadata);
    return false;
  }

  protected streamUsage(): Usage {
    if (this.usageCache) return this.usageCache;
    if (!this.usageBytes) return emptyUsage();
    this.usageCache = geminiUsage(field(parseJsonBytes(this.usageBytes), 'usageMetadata'));
    return this.usageCache;
  }

  protected override finish(): void {
    if (this.finishSeen && this.error === null) this.completed = true;
  }
}

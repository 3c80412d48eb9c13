// Watches an OpenAI Chat Completions SSE stream: first choice, the usage chunk, error chunks, `data: [DONE]`.
import { firstKeyIs, hasObjectMember, isDoneMarker, keyNeedle } from '../common/bytes';
import { isRecord, str } from '../common/json-values';
import type { SseEvent } from '../common/sse-scanner';
import { StreamInspectorBase } from '../common/stream-base';
import { emptyUsage, type Usage } from '../common/types';
import { readUpstreamError } from '../common/upstream-error';
import { inspectOpenAiChatJson } from './json';
import { openAiChatUsage } from './usage';

const USAGE = keyNeedle('usage');
const ERROR = keyNeedle('error');

/**
 * `[DONE]` is a byte compare. A chunk is parsed only before the first choice arrives, when it carries a
 * `"usage":{` object (not the `"usage":null` of every chunk under include_usage), when it starts with
 * `{"error"`, or when it comes as an `event: error`. The latest usage object wins.
 */
export class OpenAiChatStreamInspector extends StreamInspectorBase {
  private lastUsage: Usage | undefined;

  constructor() {
    super(false, inspectOpenAiChatJson);
  }

  protected handle(ev: SseEvent): boolean {
    const data = ev.data;
    if (!data) return false;
    if (isDoneMarker(data)) return true;
    const worthParsing =
      !this.sawContent || ev.event === 'error' || hasObjectMember(data, USAGE) || firstKeyIs(data, ERROR);
    if (!worthParsing) return false;
    const chunk = ev.json();
    if (!isRecord(chunk)) return false;
    const error = readUpstreamError(chunk);
    if (error) {
      this.fail(error);
      return false;
    }
    if (!this.model) this.model = str(chunk.model) || undefined;
    if (Array.isArray(chunk.choices) && chunk.choices.length > 0) this.sawContent = true;
    if (isRecord(chunk.usage)) this.lastUsage = openAiChatUsage(chunk.usage);
    return false;
  }

  protected streamUsage(): Usage {
    return this.lastUsage ?? emptyUsage();
  }
}

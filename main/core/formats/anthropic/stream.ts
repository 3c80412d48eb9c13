// Watches an Anthropic Messages SSE stream: content start, cumulative usage, error events, message_stop.
import { field, str } from '../common/json-values';
import { eventKind, type SseEvent } from '../common/sse-scanner';
import { StreamInspectorBase } from '../common/stream-base';
import type { Usage } from '../common/types';
import { readUpstreamError } from '../common/upstream-error';
import { inspectAnthropicJson } from './json';
import { AnthropicUsageMerger } from './usage';

/**
 * Dispatches on the `event:` name (as Claude Code does; a leading `"type"` in the data stands in when the line
 * is missing) and parses only message_start, message_delta and error. A stream that ends after a message_delta
 * with a stop_reason but without message_stop still counts as completed at end() (protocol notes 5.1).
 * message_delta / message_stop also count as content (a message without content blocks).
 */
export class AnthropicStreamInspector extends StreamInspectorBase {
  private readonly merger = new AnthropicUsageMerger();
  private stopReasonSeen = false;

  constructor() {
    super(false, inspectAnthropicJson);
  }

  protected handle(ev: SseEvent): boolean {
    const name = eventKind(ev);
    switch (name) {
      case 'message_start': {
        const message = field(ev.json(), 'message');
        this.model ??= str(field(message, 'model'));
        this.merger.merge(field(message, 'usage'));
        return false;
      }
      case 'message_delta': {
        this.sawContent = true;
        const body = ev.json();
        this.merger.merge(field(body, 'usage'));
        if (str(field(field(body, 'delta'), 'stop_reason'))) this.stopReasonSeen = true;
        return false;
      }
      case 'message_stop':
        this.sawContent = true;
        return true;
      case 'error':
        this.fail(readUpstreamError(ev.json()) ?? { type: 'error', message: ev.text.slice(0, 500) });
        return false;
      default:
        if (name?.startsWith('content_block')) this.sawContent = true;
        return false;
    }
  }

  protected streamUsage(): Usage {
    return this.merger.result();
  }

  protected override finish(): void {
    if (!this.completed && this.stopReasonSeen && this.error === null) this.completed = true;
  }
}

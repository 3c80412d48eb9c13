// Watches an OpenAI Responses SSE stream: first output event, response.completed/incomplete/failed, error events.
import { field, str } from '../common/json-values';
import { eventKind, type SseEvent } from '../common/sse-scanner';
import { StreamInspectorBase } from '../common/stream-base';
import { emptyUsage, type Usage } from '../common/types';
import { readUpstreamError } from '../common/upstream-error';
import { inspectOpenAiResponsesJson } from './json';
import { openAiResponsesUsage } from './usage';

/**
 * Dispatches on the `event:` name (else the data's leading `"type"`); parses only response.completed,
 * response.incomplete, response.failed and error. Usage and model come from the terminal event's `response`.
 */
export class OpenAiResponsesStreamInspector extends StreamInspectorBase {
  private lastUsage: Usage | undefined;

  constructor() {
    super(false, inspectOpenAiResponsesJson);
  }

  protected handle(ev: SseEvent): boolean {
    const name = eventKind(ev);
    if (name === undefined) return false;
    if (name.startsWith('response.output_') || name.startsWith('response.content_part')) {
      this.sawContent = true;
      return false;
    }
    switch (name) {
      case 'response.completed':
      case 'response.incomplete':
        this.readResponse(ev);
        this.sawContent = true;
        return true;
      case 'response.failed': {
        const response = this.readResponse(ev);
        this.fail(
          readUpstreamError({ error: field(response, 'error') }) ?? {
            type: 'response_failed',
            message: 'upstream reported response.failed',
          },
        );
        return false;
      }
      case 'error':
        this.fail(readUpstreamError(ev.json()) ?? { type: 'error', message: ev.text.slice(0, 500) });
        return false;
      default:
        return false;
    }
  }

  protected streamUsage(): Usage {
    return this.lastUsage ?? emptyUsage();
  }

  private readResponse(ev: SseEvent): unknown {
    const response = field(ev.json(), 'response');
    const usage = field(response, 'usage');
    if (usage !== undefined && usage !== null) this.lastUsage = openAiResponsesUsage(usage);
    if (!this.model) this.model = str(field(response, 'model')) || undefined;
    return response;
  }
}

// How a Responses stream fails: an `error` event followed by `response.failed` (what Codex and the SDKs act on).
import { randomUUID } from 'node:crypto';

export function responsesFailure(code: string, message: string, sequence: number | undefined): Buffer {
  const seq = (offset: number) => (sequence === undefined ? {} : { sequence_number: sequence + offset });
  const errorEvent = { type: 'error', code, message, param: null, ...seq(0) };
  const failed = {
    type: 'response.failed',
    ...seq(1),
    response: {
      id: `resp_${randomUUID().replace(/-/g, '')}`,
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'failed',
      error: { code, message },
      incomplete_details: null,
      output: [],
      usage: null,
    },
  };
  return Buffer.from(
    `event: error\ndata: ${JSON.stringify(errorEvent)}\n\nevent: response.failed\ndata: ${JSON.stringify(failed)}\n\n`,
  );
}

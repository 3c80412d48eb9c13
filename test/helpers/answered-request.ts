// One small Anthropic request through the hub, JSON or streamed by turns, answering with the hub's request id.
import type Anthropic from '@anthropic-ai/sdk';

/** Request `i` of a burst: even ones as JSON, odd ones streamed to the end; resolves once the client has the answer. */
export async function answeredRequest(client: Anthropic, i: number): Promise<string> {
  const req = {
    model: 'claude-sonnet-4-6',
    max_tokens: 10,
    messages: [{ role: 'user' as const, content: `n${i}` }],
  };
  if (i % 2 === 0) {
    const { response } = await client.messages.create(req).withResponse();
    return response.headers.get('x-cchub-request-id') as string;
  }
  const s = client.messages.stream(req);
  await s.finalMessage();
  return (await s.withResponse()).response.headers.get('x-cchub-request-id') as string;
}

// A request body shaped like a real Claude Code call (~70 KB): 24 tools, 3 system blocks, a conversation, metadata.
export function claudeCodeBody({ stream = true, model = 'claude-sonnet-4-6', targetBytes = 70_000 } = {}) {
  const sessionId = '7d1c9a52-3f0e-4b8a-9a57-2f1c5e8b9d10';
  const lorem =
    'The tool reads files from the working tree and returns their contents with line numbers; it never follows symlinks outside the project. ';
  const tools = Array.from({ length: 24 }, (_, i) => ({
    name: `Tool${i}`,
    description: lorem.repeat(6),
    input_schema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Absolute path to the file' },
        offset: { type: 'number', description: 'Line to start at' },
        limit: { type: 'number', description: 'How many lines' },
        pattern: { type: 'string', description: 'A regular expression' },
      },
      required: ['path'],
      additionalProperties: false,
    },
  }));
  const body = {
    model,
    max_tokens: 64000,
    stream,
    thinking: { type: 'adaptive' },
    system: [
      { type: 'text', text: 'x-anthropic-billing-header: cc_version=2.1.0; cc_entrypoint=cli' },
      {
        type: 'text',
        text: 'You are Claude Code, an interactive CLI tool that helps users with software engineering tasks.',
      },
      { type: 'text', text: lorem.repeat(40), cache_control: { type: 'ephemeral', ttl: '1h' } },
    ],
    tools,
    messages: [],
    metadata: { user_id: JSON.stringify({ device_id: 'a'.repeat(64), account_uuid: '', session_id: sessionId }) },
  };
  let i = 0;
  while (JSON.stringify(body).length < targetBytes) {
    body.messages.push({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: [{ type: 'text', text: `${lorem.repeat(3)} (${i})` }],
    });
    i++;
  }
  if (body.messages.length % 2 === 0) body.messages.push({ role: 'user', content: 'continue' });
  return JSON.stringify(body);
}

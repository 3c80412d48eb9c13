// Some Responses upstreams (the ChatGPT Codex backend) refuse a string `input`: the request with it as one message.
import type { ReactiveFix } from './reactive-fix';

/** `{"detail":"Input must be a list"}`: the string becomes one user message (its bytes kept as the client sent them). */
export const responsesInputFix: ReactiveFix = {
  name: 'responses-input',
  format: 'openai-responses',
  recognises: (text) => /input must be an? (?:list|array)/i.test(text),
  correct(members) {
    const input = members.bytes('input');
    if (input?.[0] !== 0x22) return undefined;
    return members.edit({ input: `[{"type":"message","role":"user","content":${input.toString('utf8')}}]` });
  },
};

// The public usage page's data: this hub's address as the caller reached it and copy-paste client setups.
import { UsageDoc } from '../../../../shared/api-schemas';
import { publicBaseUrl } from '../http-origin';
import { type AdminApi, defineRoute } from '../openapi';

const KEY = 'sk-cchub-YOUR-KEY';

type Snippet = UsageDoc['clients'][number]['snippets'][number];

/** Every client's setup, filled with the hub's base URL. */
export function usageDocFor(base: string): UsageDoc {
  const v1 = `${base}/v1`;
  const snippet = (id: string, title: string, language: Snippet['language'], code: string, note?: string): Snippet => ({
    id,
    title,
    language,
    code,
    ...(note === undefined ? {} : { note }),
  });
  return {
    baseUrl: base,
    openaiBaseUrl: v1,
    geminiBaseUrl: base,
    keyPlaceholder: KEY,
    clients: [
      {
        id: 'claude-code',
        name: 'Claude Code',
        snippets: [
          snippet(
            'claude-code-env',
            'macOS / Linux shell',
            'bash',
            `export ANTHROPIC_BASE_URL="${base}"\nexport ANTHROPIC_AUTH_TOKEN="${KEY}"\nclaude`,
            'Add the two exports to ~/.bashrc or ~/.zshrc to keep them.',
          ),
          snippet(
            'claude-code-powershell',
            'Windows PowerShell',
            'powershell',
            `$env:ANTHROPIC_BASE_URL = "${base}"\n$env:ANTHROPIC_AUTH_TOKEN = "${KEY}"\nclaude`,
          ),
          snippet(
            'claude-code-settings',
            '~/.claude/settings.json',
            'json',
            JSON.stringify({ env: { ANTHROPIC_BASE_URL: base, ANTHROPIC_AUTH_TOKEN: KEY } }, null, 2),
            'The same settings for every terminal.',
          ),
        ],
      },
      {
        id: 'codex-cli',
        name: 'Codex CLI',
        snippets: [
          snippet(
            'codex-config',
            '~/.codex/config.toml',
            'toml',
            [
              'model_provider = "cchub"',
              'model = "gpt-5-codex"',
              '',
              '[model_providers.cchub]',
              'name = "cchub"',
              `base_url = "${v1}"`,
              'wire_api = "responses"',
              'env_key = "CCHUB_API_KEY"',
            ].join('\n'),
          ),
          snippet('codex-env', 'The key, in your shell', 'bash', `export CCHUB_API_KEY="${KEY}"\ncodex`),
        ],
      },
      {
        id: 'gemini-cli',
        name: 'Gemini CLI',
        snippets: [
          snippet(
            'gemini-env',
            'macOS / Linux shell',
            'bash',
            `export GOOGLE_GEMINI_BASE_URL="${base}"\nexport GEMINI_API_KEY="${KEY}"\ngemini`,
          ),
        ],
      },
      {
        id: 'sdk',
        name: 'SDKs',
        snippets: [
          snippet(
            'python-anthropic',
            'Python — anthropic',
            'python',
            `import anthropic\n\nclient = anthropic.Anthropic(base_url="${base}", api_key="${KEY}")\n` +
              'message = client.messages.create(\n    model="claude-sonnet-4-5",\n    max_tokens=1024,\n' +
              '    messages=[{"role": "user", "content": "Hello"}],\n)\nprint(message.content[0].text)',
          ),
          snippet(
            'python-openai',
            'Python — openai',
            'python',
            `from openai import OpenAI\n\nclient = OpenAI(base_url="${v1}", api_key="${KEY}")\n` +
              'response = client.responses.create(model="gpt-5", input="Hello")\nprint(response.output_text)',
          ),
          snippet(
            'ts-anthropic',
            'TypeScript — @anthropic-ai/sdk',
            'typescript',
            `import Anthropic from '@anthropic-ai/sdk';\n\nconst client = new Anthropic({ baseURL: '${base}', apiKey: '${KEY}' });\n` +
              "const message = await client.messages.create({\n  model: 'claude-sonnet-4-5',\n  max_tokens: 1024,\n" +
              "  messages: [{ role: 'user', content: 'Hello' }],\n});",
          ),
          snippet(
            'ts-openai',
            'TypeScript — openai',
            'typescript',
            `import OpenAI from 'openai';\n\nconst client = new OpenAI({ baseURL: '${v1}', apiKey: '${KEY}' });\n` +
              "const response = await client.responses.create({ model: 'gpt-5', input: 'Hello' });",
          ),
          snippet(
            'curl',
            'curl',
            'bash',
            `curl ${v1}/messages \\\n  -H "x-api-key: ${KEY}" \\\n  -H "anthropic-version: 2023-06-01" \\\n` +
              '  -H "content-type: application/json" \\\n' +
              `  -d '{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"Hello"}]}'`,
          ),
        ],
      },
    ],
  };
}

export function registerUsageDocRoutes(api: AdminApi): void {
  defineRoute(api, {
    method: 'get',
    path: '/usage-doc',
    auth: 'public',
    summary: "This hub's base URL and client setup snippets (public)",
    description:
      'The base URL is the one the caller used (its Host header), so a teammate on the LAN gets the LAN address. ' +
      'Snippets carry a key placeholder, never a real key.',
    responses: { 200: UsageDoc },
    handler: ({ ctx, req }) => usageDocFor(publicBaseUrl(req, ctx.baseUrl())),
  });
}

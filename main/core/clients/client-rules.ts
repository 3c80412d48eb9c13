// A user's or key's client restrictions, compiled once per registry rebuild: block, then allow, then minimum versions.
import { RE2JS } from 're2js';
import { KNOWN_CLIENTS, type KnownClient } from '../../../shared/api-schemas';
import type { JsonClientRestrictions } from '../db/schema';
import type { RecognisedClient } from './recognise-client';

/** One allow or block entry: a known client's name, or a glob on the whole User-Agent (ignoring case). */
interface ClientPattern {
  text: string;
  matches(client: RecognisedClient): boolean;
}

export interface ClientRules {
  /** Whose restrictions these are, in refusal messages ("this key", "this user"). */
  owner: 'user' | 'key';
  block: readonly ClientPattern[];
  allow: readonly ClientPattern[];
  minVersion: readonly { client: KnownClient; text: string; parts: number[] }[];
}

/** Each owner's rules that restrict anything, in the order given (empty when none does). */
export function compileClientRules(owners: [ClientRules['owner'], JsonClientRestrictions | null][]): ClientRules[] {
  const out: ClientRules[] = [];
  for (const [owner, r] of owners) {
    if (!r) continue;
    const rules: ClientRules = {
      owner,
      block: (r.block ?? []).map(compilePattern),
      allow: (r.allow ?? []).map(compilePattern),
      minVersion: Object.entries(r.minVersion ?? {}).flatMap(([client, text]) =>
        text && (KNOWN_CLIENTS as readonly string[]).includes(client)
          ? [{ client: client as KnownClient, text, parts: versionParts(text) }]
          : [],
      ),
    };
    if (rules.block.length + rules.allow.length + rules.minVersion.length > 0) out.push(rules);
  }
  return out;
}

/** Why the client may not use these credentials (a message for the client), or undefined when it may. */
export function clientRefusal(rules: ClientRules, client: RecognisedClient): string | undefined {
  const who = describe(client);
  const blocked = rules.block.find((p) => p.matches(client));
  if (blocked) return `this ${rules.owner} does not accept ${who} (blocked: ${blocked.text})`;
  if (rules.allow.length > 0 && !rules.allow.some((p) => p.matches(client))) {
    const allowed = rules.allow.map((p) => p.text).join(', ');
    return `this ${rules.owner} accepts only these clients: ${allowed}; this request came from ${who}`;
  }
  for (const min of rules.minVersion) {
    if (client.name !== min.client) continue;
    if (client.version === undefined || compareVersions(versionParts(client.version), min.parts) < 0) {
      return `this ${rules.owner} needs ${min.client} ${min.text} or newer; this request came from ${who}`;
    }
  }
  return undefined;
}

function describe(c: RecognisedClient): string {
  if (c.name) return c.version ? `${c.name} ${c.version}` : c.name;
  return c.userAgent
    ? `an unrecognised client (User-Agent "${c.userAgent.slice(0, 100)}")`
    : 'a client without a User-Agent';
}

function compilePattern(text: string): ClientPattern {
  if ((KNOWN_CLIENTS as readonly string[]).includes(text)) return { text, matches: (c) => c.name === text };
  // A linear-time engine: `*a*a*a*b` on a long User-Agent would make a backtracking one crawl.
  const source = text
    .split(/([*?])/)
    .map((piece) => (piece === '*' ? '.*' : piece === '?' ? '.' : RE2JS.quote(piece)))
    .join('');
  const glob = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL);
  return { text, matches: (c) => c.userAgent !== '' && glob.testExact(c.userAgent) };
}

/** `2.1.3-beta.1` → [2, 1, 3]: the leading numeric parts. */
function versionParts(v: string): number[] {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(v.trim());
  return m ? (m[1] as string).split('.').map(Number) : [];
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

// Masks secrets in text the hub stores or shows: the secrets it holds, verbatim, and the common key shapes.

/** A held secret shorter than this is not searched for verbatim: it would mask ordinary words. */
export const MIN_SECRET_LENGTH = 8;

/** What a secret the hub holds (a provider key, the admin token, the caller's own key) becomes. */
export const SECRET_MASK = '[secret]';

/** Names of fields and headers whose values are credentials. */
export const SECRET_NAME = /(authorization|token|secret|password|passwd|cookie|api[-_]?key|^key$|credential)/i;

/**
 * Key shapes masked wherever they appear, each keeping only its recognisable prefix. Order matters where shapes
 * overlap (a hub key is also an `sk-` key). Each shape needs enough characters, a digit or a fixed prefix not to
 * match ordinary words ("Bearer authentication", "risk-management").
 */
const SHAPES: { source: string; mask: (match: string) => string }[] = [
  { source: 'sk-cchub-[A-Za-z0-9]{6,}', mask: () => 'sk-cchub-***' },
  { source: '\\bsk-ant-[A-Za-z0-9_-]{8,}', mask: () => 'sk-ant-***' },
  { source: '\\bsk-[A-Za-z0-9_-]{16,}', mask: () => 'sk-***' },
  { source: '\\bAIza[0-9A-Za-z_-]{30,}', mask: () => 'AIza***' },
  { source: 'cchub-admin-[A-Za-z0-9_-]{8,}', mask: () => 'cchub-admin-***' },
  // header.payload.signature, base64url JSON: both first parts start `eyJ` (`{"`)
  { source: '\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*', mask: () => 'eyJ***' },
  {
    source: '\\b[Bb]earer\\s+(?=[A-Za-z0-9._~+/=-]*\\d)[A-Za-z0-9._~+/=-]{8,}',
    mask: (m) => `${m.slice(0, 6)} ***`,
  },
];

const SHAPES_SOURCE = SHAPES.map((s) => `(${s.source})`).join('|');

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One pass of one RegExp over the text: the held secrets (escaped literals, longest first, so a secret that is a
 * prefix of another never leaves the other's tail) as group 1, then each shape as its own group. Built when the set
 * of held secrets changes, never per call; used only where upstream-derived text is stored or shown (error
 * messages, decision-chain notes, captured bodies, log lines), never on a successful request's path.
 */
export class SecretRedactor {
  private pattern: RegExp = new RegExp(SHAPES_SOURCE, 'g');
  private literalGroup = false;

  /** `fixed`: secrets held for the redactor's whole life (the admin token). */
  constructor(private readonly fixed: readonly string[] = []) {
    this.setSecrets([]);
  }

  /** Replaces the changing secrets held verbatim (the providers'); short and empty ones are ignored. */
  setSecrets(secrets: Iterable<string>): void {
    const literals = [...new Set([...this.fixed, ...secrets])]
      .filter((s) => s.length >= MIN_SECRET_LENGTH)
      .sort((a, b) => b.length - a.length)
      .map(escapeLiteral);
    this.literalGroup = literals.length > 0;
    this.pattern = new RegExp(this.literalGroup ? `(${literals.join('|')})|${SHAPES_SOURCE}` : SHAPES_SOURCE, 'g');
  }

  /** The text with every secret masked; `extra` is one more secret for this call only (the caller's own key). */
  redact(text: string, extra?: string): string {
    if (text === '') return text;
    let out = text;
    if (extra !== undefined && extra.length >= MIN_SECRET_LENGTH && out.includes(extra)) {
      out = out.split(extra).join(SECRET_MASK);
    }
    const offset = this.literalGroup ? 1 : 0;
    return out.replace(this.pattern, (match: string, ...groups: unknown[]) => {
      if (offset === 1 && groups[0] !== undefined) return SECRET_MASK;
      for (let i = 0; i < SHAPES.length; i++) {
        if (groups[i + offset] !== undefined) return (SHAPES[i] as (typeof SHAPES)[number]).mask(match);
      }
      return match;
    });
  }
}

/** Masks the key shapes only (for text that never meets a held secret, or before the hub knows its secrets). */
const shapesOnly = new SecretRedactor();
export function redactKeyShapes(text: string): string {
  return shapesOnly.redact(text);
}

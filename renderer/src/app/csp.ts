// Reads the per-response CSP nonce the hub writes into index.html, for the style renderer.

/**
 * The nonce of `<meta property="csp-nonce" nonce="…">`. Browsers hide a nonce attribute's value once a CSP applies
 * (only the `nonce` property keeps it), so read the property first. Null when the page was served without one.
 */
export function readCspNonce(doc: Document): string | null {
  const meta = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  if (!meta) return null;
  const value = meta.nonce || meta.getAttribute('nonce') || meta.getAttribute('content') || '';
  if (value === '' || value.startsWith('__')) return null;
  return value;
}

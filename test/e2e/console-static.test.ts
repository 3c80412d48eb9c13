// The console's static serving: the per-response CSP and nonce, root-relative asset URLs, and what is not a page.
import { describe, expect, it } from 'vitest';
import { consoleCsp, NONCE_PLACEHOLDER, newNonce, splitTemplate } from '../../main/core/console-static';

const built = `<!doctype html><html><head>
<meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}" />
<link rel="icon" href="./favicon.svg" />
<script type="module" crossorigin src="./assets/index-1.js"></script>
<link rel="modulepreload" crossorigin href="./assets/chunk-2.js">
<link rel="stylesheet" href="/assets/style-3.css" nonce="x">
</head><body><div id="root"></div></body></html>`;

describe('console index.html template', () => {
  const html = splitTemplate(built).join('NONCE123');

  it('puts the nonce into the meta tag the app reads, and on every script and link tag', () => {
    expect(html).toContain('<meta property="csp-nonce" nonce="NONCE123" />');
    expect(html).toContain('<script nonce="NONCE123" type="module" crossorigin src="/assets/index-1.js">');
    expect(html).toContain('<link nonce="NONCE123" rel="modulepreload" crossorigin href="/assets/chunk-2.js">');
    expect(html).not.toContain(NONCE_PLACEHOLDER);
  });

  it('makes the build’s document-relative URLs root-relative, so deep links load the same assets', () => {
    expect(html).not.toMatch(/(src|href)="\.\//);
    expect(html).toContain('href="/favicon.svg"');
  });

  it('leaves a tag that already carries a nonce alone', () => {
    expect(html).toContain('<link rel="stylesheet" href="/assets/style-3.css" nonce="x">');
  });
});

describe('console CSP', () => {
  it('allows scripts and styles only from this origin or with the nonce, nothing from other hosts', () => {
    const csp = consoleCsp('abc');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).toContain("style-src 'self' 'nonce-abc'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('draws a new 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});

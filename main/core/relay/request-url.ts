// A relay request's URL: path and query split without a URL object, and a Gemini-style `?key=` hub key taken out.

/** Splits a request URL into path and query without allocating a URL object. */
export function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/** Removes `key=` parameters (a Gemini-style hub key) from a raw query string; keeps every other parameter as sent. */
export function stripKeyParam(query: string): { query: string; key: string | undefined } {
  if (!query) return { query, key: undefined };
  let key: string | undefined;
  const kept: string[] = [];
  for (const part of query.split('&')) {
    if (part.startsWith('key=')) {
      key = decodeURIComponent(part.slice(4).replace(/\+/g, ' '));
    } else if (part.length > 0) {
      kept.push(part);
    }
  }
  return { query: kept.join('&'), key };
}

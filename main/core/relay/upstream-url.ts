// Joins a provider's base URL with the client's request path without doubling version segments.

/**
 * `https://x` + `/v1/messages` → `https://x/v1/messages`; `https://x/api/v1` + `/v1/messages` → `https://x/api/v1/messages`;
 * a base that already is the full endpoint (`https://x/v1/messages`) is used as is (and `/count_tokens` is appended for
 * the sub-endpoint). Returns the origin (for the connection pool) and the path+query to request.
 */
export function joinUpstreamUrl(baseUrl: string, clientPath: string, query: string): { origin: string; path: string } {
  const cacheKey = `${baseUrl}\n${clientPath}`;
  let joined = cache.get(cacheKey);
  if (!joined) {
    if (cache.size >= 1000) cache.clear();
    joined = join(baseUrl, clientPath);
    cache.set(cacheKey, joined);
  }
  const fullQuery = joined.baseQuery && query ? `${joined.baseQuery}&${query}` : joined.baseQuery || query;
  return { origin: joined.origin, path: fullQuery ? `${joined.path}?${fullQuery}` : joined.path };
}

/** Joins are the same for every request of a provider and endpoint: computed once. */
const cache = new Map<string, { origin: string; path: string; baseQuery: string }>();

function join(baseUrl: string, clientPath: string): { origin: string; path: string; baseQuery: string } {
  const url = new URL(baseUrl);
  const basePath = url.pathname.replace(/\/+$/, '');
  let path: string;
  const versionMatch = /^\/(v1beta|v1)(\/.*)$/.exec(clientPath);
  if (basePath.endsWith(clientPath)) {
    path = basePath;
  } else if (versionMatch && endsWithSegment(basePath, `/${versionMatch[1]}`)) {
    path = basePath + versionMatch[2];
  } else if (versionMatch && overlapsEndpoint(basePath, clientPath)) {
    path = basePath + clientPath.slice(overlapLength(basePath, clientPath));
  } else {
    path = basePath + clientPath;
  }
  return { origin: url.origin, path, baseQuery: url.search.length > 1 ? url.search.slice(1) : '' };
}

function endsWithSegment(path: string, segment: string): boolean {
  return path === segment || path.endsWith(segment);
}

/** True when the base ends with a leading part of the client path longer than the version, e.g. base `/v1/messages` for `/v1/messages/count_tokens`. */
function overlapsEndpoint(basePath: string, clientPath: string): boolean {
  return overlapLength(basePath, clientPath) > 0;
}

function overlapLength(basePath: string, clientPath: string): number {
  const segments = clientPath.split('/').filter(Boolean);
  for (let n = segments.length - 1; n >= 2; n--) {
    const prefix = `/${segments.slice(0, n).join('/')}`;
    if (basePath.endsWith(prefix)) return prefix.length;
  }
  return 0;
}

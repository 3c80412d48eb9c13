// Route stage: the path names the wire format (its spec, looked up once), the endpoint or the model list, the query.
import type { TrustedProxies } from '../client-address';
import { clientAddress } from '../client-address';
import { formatOfPath, isModelListPath, matchEndpoint, WIRE_FORMATS } from '../formats';
import type { Exchange } from './exchange';
import type { Refusal } from './refusal';
import { splitUrl, stripKeyParam } from './request-url';

/** Sets the exchange's route, or refuses an unknown path (404) or method (405) in the path's format. */
export function route(ex: Exchange, trustedProxies: TrustedProxies, method = ex.req.method): Refusal | undefined {
  const { req } = ex;
  const { path, query } = splitUrl(req.url ?? '/');
  ex.path = path;
  const endpoint = matchEndpoint(path);
  const isModelList = method === 'GET' && isModelListPath(path);
  ex.format = endpoint?.format ?? formatOfPath(path);
  ex.spec = WIRE_FORMATS[ex.format];
  const stripped = stripKeyParam(query);
  ex.query = stripped.query;
  ex.queryKey = stripped.key;
  ex.clientIp = clientAddress(req, trustedProxies);
  if (!endpoint && !isModelList) {
    return { status: 404, code: 'unknown_endpoint', message: `no relay endpoint at ${method} ${path}` };
  }
  if (endpoint && method !== endpoint.method) {
    const only = endpoint.method;
    return {
      status: 405,
      code: 'method_not_allowed',
      message: `${path} accepts ${only} only`,
      headers: { allow: only },
    };
  }
  ex.endpoint = isModelList ? undefined : endpoint;
  return undefined;
}

/** Claude Code probes its base URL with HEAD, without a key, and must get an answer at once. */
export function answerProbe(ex: Exchange): void {
  ex.res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-cchub-request-id': ex.requestId });
  ex.res.end();
}

// undici's three dispatchers the hub uses, loaded alone: the package index also loads fetch, WebSocket, caches and
// mocks: megabytes of heap the hub never touches.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const load = createRequire(import.meta.url);

// What undici's index does for its dispatchers: `request()` and friends live on Dispatcher.prototype (model-list
// uses `request`; the relay itself uses `dispatch`).
Object.assign((load('undici/lib/dispatcher/dispatcher.js') as { prototype: object }).prototype, load('undici/lib/api'));

export const Pool = load('undici/lib/dispatcher/pool.js') as typeof Undici.Pool;
export const ProxyAgent = load('undici/lib/dispatcher/proxy-agent.js') as typeof Undici.ProxyAgent;
export const Socks5ProxyAgent = load('undici/lib/dispatcher/socks5-proxy-agent.js') as typeof Undici.Socks5ProxyAgent;

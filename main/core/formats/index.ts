// The wire-format registry: every format's spec by name, and the lookups that run over all of them.
import type { IncomingHttpHeaders } from 'node:http';
import { anthropic } from './anthropic/spec';
import type { Endpoint, WireFormatSpec } from './common/spec';
import type { WireFormat } from './common/types';
import { gemini } from './gemini/spec';
import { openAiChat } from './openai-chat/spec';
import { openAiResponses } from './openai-responses/spec';

export type { Endpoint, PathRoute, WireFormatSpec } from './common/spec';
export type { JsonInspection, StreamInspector, UpstreamBodyError, Usage, WireFormat } from './common/types';
export { emptyUsage } from './common/types';

/** Every wire format the hub speaks. Adding one: its folder, and one line here. */
export const WIRE_FORMATS: Readonly<Record<WireFormat, WireFormatSpec>> = {
  anthropic,
  'openai-chat': openAiChat,
  'openai-responses': openAiResponses,
  gemini,
};

/** The format assumed where nothing marks the client's (an unknown path, a model list asked without marks). */
export const DEFAULT_FORMAT: WireFormat = 'openai-chat';

const SPECS: readonly WireFormatSpec[] = Object.values(WIRE_FORMATS);

const EXACT = new Map<string, Endpoint>();
for (const spec of SPECS) for (const e of spec.endpoints) if (e.path !== undefined) EXACT.set(e.path, e);

/** Specs whose paths name the model; matched after the exact paths. */
const PATH_ROUTED = SPECS.filter((s) => s.route !== undefined);

/** The endpoint a path names, over every format, or undefined. A trailing slash is tolerated on exact paths. */
export function matchEndpoint(path: string): Endpoint | undefined {
  const hit = EXACT.get(path);
  if (hit) return hit;
  if (path.length > 1 && path.endsWith('/')) return EXACT.get(path.slice(0, -1));
  for (const spec of PATH_ROUTED) {
    const route = spec.route?.(path);
    if (route) return route.endpoint;
  }
  return undefined;
}

/**
 * The format a path belongs to though it names no endpoint (`/v1/messages/batches`, `/v1beta/anything`): the format
 * of an endpoint whose path it extends, or of a path prefix only its clients use; undefined for any other path.
 */
export function formatNear(path: string): WireFormat | undefined {
  for (const [exact, endpoint] of EXACT) if (path.startsWith(exact)) return endpoint.format;
  for (const spec of SPECS) {
    const prefix = spec.client.pathPrefix;
    if (prefix !== undefined && path.startsWith(prefix)) return spec.format;
  }
  return undefined;
}

/** The format whose error shape answers a path that names no endpoint: a format's path prefix, else the default. */
export function formatOfPath(path: string): WireFormat {
  for (const spec of SPECS) {
    const prefix = spec.client.pathPrefix;
    if (prefix !== undefined && path.startsWith(prefix)) return spec.format;
  }
  return DEFAULT_FORMAT;
}

const LIST_PATHS = new Set(SPECS.flatMap((s) => [s.models.path, `${s.models.path}/`]));

/** `GET` on one of these paths asks for the model list. */
export function isModelListPath(path: string): boolean {
  return LIST_PATHS.has(path);
}

/**
 * The spec whose list shape the asking client expects: a format marked by the path or a credential header, else by a
 * version header (an Anthropic client sends anthropic-version), else the default.
 */
export function listingSpecFor(path: string, headers: IncomingHttpHeaders): WireFormatSpec {
  for (const spec of SPECS) {
    const { pathPrefix, credentialHeader } = spec.client;
    if ((pathPrefix !== undefined && path.startsWith(pathPrefix)) || (credentialHeader && headers[credentialHeader])) {
      return spec;
    }
  }
  for (const spec of SPECS) {
    const { versionHeader } = spec.client;
    if (versionHeader && headers[versionHeader]) return spec;
  }
  return WIRE_FORMATS[DEFAULT_FORMAT];
}

const FORMATS_BY_SHAPE = new Map<string, WireFormat[]>();
for (const spec of SPECS) {
  const list = FORMATS_BY_SHAPE.get(spec.models.shape) ?? [];
  list.push(spec.format);
  FORMATS_BY_SHAPE.set(spec.models.shape, list);
}

/** The formats whose providers one list shape lists (OpenAI chat and Responses share theirs). */
export function formatsListedAs(shape: string): readonly WireFormat[] {
  return FORMATS_BY_SHAPE.get(shape) ?? [];
}

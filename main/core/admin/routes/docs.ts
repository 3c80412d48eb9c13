// The public OpenAPI document of the admin API, built from the registry every route was declared in.
import { z } from 'zod';
import { buildOpenApiDocument } from '../api-registry';
import { type AdminApi, defineRoute } from '../openapi';

const OpenApiDocument = z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) });
type OpenApiDocument = z.output<typeof OpenApiDocument>;

export function registerDocsRoutes(api: AdminApi): void {
  let cached: { routeCount: number; doc: ReturnType<typeof buildOpenApiDocument> } | undefined;
  defineRoute(api, {
    method: 'get',
    path: '/openapi.json',
    auth: 'public',
    summary: 'The OpenAPI 3.1 document of this API',
    tags: ['docs'],
    responses: { 200: OpenApiDocument },
    handler: () => {
      const routeCount = api.registry.routes.length;
      if (cached?.routeCount !== routeCount) cached = { routeCount, doc: buildOpenApiDocument(api.registry) };
      // The generator's interfaces carry no index signature; the document is plain JSON all the same.
      return cached.doc as unknown as OpenApiDocument;
    },
  });
}

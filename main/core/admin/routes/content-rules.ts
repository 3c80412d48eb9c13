// Admin routes for content rules (sensitive phrases): CRUD with every change audited, and the rule tester.
import {
  ContentRule,
  ContentRuleCreate,
  ContentRuleList,
  ContentRuleTestBody,
  ContentRuleTestResult,
  ContentRuleUpdate,
  IdParams,
  PageQuery,
} from '../../../../shared/api-schemas';
import { compileContentRegex } from '../../content-rules/content-regex';
import { contentRuleToApi } from '../api-shapes';
import { recordAudit } from '../audit';
import { ApiError, notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';
import { pageOptions } from '../paging';

/** A regex rule must compile in the linear-time engine the relay runs it in. */
function checkRegex(match: string | undefined, pattern: string | undefined): void {
  if (match !== 'regex' || pattern === undefined) return;
  try {
    compileContentRegex(pattern);
  } catch (err) {
    throw new ApiError(400, 'invalid_pattern', (err as Error).message, 'pattern');
  }
}

export function registerContentRuleRoutes(api: AdminApi): void {
  defineRoute(api, {
    method: 'post',
    path: '/content-rules',
    auth: 'admin',
    summary: 'Create a content rule',
    description:
      'A request whose system prompt or user text matches an enabled rule is refused with 400 in its own format ' +
      'before any upstream call, and logged as blocked by "content_rule" naming the rule (never the text).',
    body: ContentRuleCreate,
    responses: { 201: ContentRule },
    handler: (input) => {
      const { ctx, body } = input;
      checkRegex(body.match, body.pattern);
      const row = ctx.store.contentRules.create(body, ctx.clock.now());
      ctx.notifyChanged('content-rules');
      const created = contentRuleToApi(row);
      recordAudit(input, 'content_rule.create', row.id, null, created);
      return created;
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/content-rules',
    auth: 'admin',
    summary: 'List content rules',
    query: PageQuery,
    responses: { 200: ContentRuleList },
    handler: ({ ctx, query }) => {
      const page = ctx.store.contentRules.page(pageOptions(query));
      return { items: page.rows.map(contentRuleToApi), nextCursor: page.nextCursor };
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/content-rules/test',
    auth: 'admin',
    summary: 'Which content rule a sample text would hit',
    description: 'Checks the text as the relay checks one piece of a prompt: against the enabled rules, in order.',
    body: ContentRuleTestBody,
    responses: { 200: ContentRuleTestResult },
    handler: ({ ctx, body }) => {
      const hit = ctx.contentRules.current.firstMatch([body.text]);
      const row = hit ? ctx.store.contentRules.get(hit.id) : undefined;
      return { rule: row ? contentRuleToApi(row) : null };
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/content-rules/{id}',
    auth: 'admin',
    summary: 'Get a content rule',
    params: IdParams,
    responses: { 200: ContentRule },
    handler: ({ ctx, params }) => {
      const row = ctx.store.contentRules.get(params.id);
      if (!row) throw notFound('content rule');
      return contentRuleToApi(row);
    },
  });

  defineRoute(api, {
    method: 'patch',
    path: '/content-rules/{id}',
    auth: 'admin',
    summary: 'Update a content rule',
    params: IdParams,
    body: ContentRuleUpdate,
    responses: { 200: ContentRule },
    handler: (input) => {
      const { ctx, params, body } = input;
      const before = ctx.store.contentRules.get(params.id);
      if (!before) throw notFound('content rule');
      checkRegex(body.match ?? before.match, body.pattern ?? before.pattern);
      const row = ctx.store.contentRules.update(params.id, body, ctx.clock.now());
      if (!row) throw notFound('content rule');
      ctx.notifyChanged('content-rules');
      const updated = contentRuleToApi(row);
      recordAudit(input, 'content_rule.update', row.id, contentRuleToApi(before), updated);
      return updated;
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/content-rules/{id}',
    auth: 'admin',
    summary: 'Delete a content rule',
    params: IdParams,
    responses: { 204: null },
    handler: (input) => {
      const { ctx, params } = input;
      const before = ctx.store.contentRules.get(params.id);
      if (!before || !ctx.store.contentRules.delete(params.id)) throw notFound('content rule');
      ctx.notifyChanged('content-rules');
      recordAudit(input, 'content_rule.delete', params.id, contentRuleToApi(before), null);
    },
  });
}

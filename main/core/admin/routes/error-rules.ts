// Admin routes for error rules: the list in evaluation order (built-ins included), CRUD, restoring the defaults, and
// a tester telling which rule a sample upstream error would hit.
import {
  ErrorRule,
  ErrorRuleCreate,
  ErrorRuleDecision,
  ErrorRuleList,
  ErrorRuleTest,
  ErrorRuleUpdate,
  IdParams,
} from '../../../../shared/api-schemas';
import type { ErrorRuleDef, ErrorRuleFields } from '../../error-rules/rule';
import { effectiveRules } from '../../error-rules/rule-book';
import { ErrorRuleSet, patternError } from '../../error-rules/rule-set';
import { fixFor } from '../../relay/fixes';
import { toIsoOrNull } from '../../store/iso';
import type { AuditContext } from '../audit';
import { recordAudit } from '../audit';
import { ApiError, notFound } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';

export function errorRuleToApi(r: ErrorRuleDef): ErrorRule {
  return { ...r, createdAt: toIsoOrNull(r.createdAt), updatedAt: toIsoOrNull(r.updatedAt) };
}

/** The fields a new rule gets for what its create body leaves out. */
function withDefaults(body: ErrorRuleCreate): ErrorRuleFields {
  return {
    pattern: body.pattern,
    match: body.match ?? 'regex',
    status: body.status ?? null,
    statusTo: body.statusTo ?? null,
    providerId: body.providerId ?? null,
    format: body.format ?? null,
    action: body.action,
    nextProvider: body.nextProvider ?? false,
    countsForBreaker: body.countsForBreaker ?? body.action === 'failover',
    clientStatus: body.clientStatus ?? null,
    clientMessage: body.clientMessage ?? null,
    priority: body.priority ?? 100,
    enabled: body.enabled ?? true,
    note: body.note ?? null,
  };
}

const invalid = (field: string, why: string) =>
  new ApiError(400, 'invalid_field', `invalid value for "${field}": ${why}`, field);

export function registerErrorRuleRoutes(api: AdminApi): void {
  const rules = (ctx: AdminApi['ctx']) => effectiveRules(ctx.store.errorRules.list());
  const find = (ctx: AdminApi['ctx'], id: string) => rules(ctx).find((r) => r.id === id);

  /** A rule as it will be stored: pattern compiles, the provider exists, a status range is in order. */
  const check = (ctx: AdminApi['ctx'], f: ErrorRuleFields) => {
    const why = patternError(f.match, f.pattern);
    if (why !== undefined) throw invalid('pattern', why);
    if (f.providerId !== null && !ctx.store.providers.get(f.providerId))
      throw invalid('providerId', 'no such provider');
    if (f.statusTo !== null && (f.status === null || f.statusTo < f.status)) {
      throw invalid('statusTo', 'statusTo needs a status at or below it');
    }
  };

  const changed = (input: AuditContext, action: string, id: string | null, before: unknown, after: unknown) => {
    input.ctx.notifyChanged('error-rules');
    recordAudit(input, action, id, before, after);
  };

  defineRoute(api, {
    method: 'post',
    path: '/error-rules',
    auth: 'admin',
    summary: 'Create an error rule',
    description:
      'Decides what an upstream error status means when its status, provider, format and body match: fail over or ' +
      'return it to the client at once, whether it counts for the breaker, and what the client sees. Lower priority ' +
      "first (default 100); the operator's rules before the built-in ones at equal priority. Regexes are RE2 " +
      '(linear time: no backreferences or lookaround).',
    body: ErrorRuleCreate,
    responses: { 201: ErrorRule },
    handler: (input) => {
      const { ctx, body } = input;
      const fields = withDefaults(body);
      check(ctx, fields);
      const created = errorRuleToApi(ctx.store.errorRules.create(fields, ctx.clock.now()));
      changed(input, 'errorRule.create', created.id, null, created);
      return created;
    },
  });

  defineRoute(api, {
    method: 'get',
    path: '/error-rules',
    auth: 'admin',
    summary: 'List error rules in evaluation order',
    description: 'Every rule, the built-in ones (builtIn: true) included, in the order they are tried; one page.',
    responses: { 200: ErrorRuleList },
    handler: ({ ctx }) => ({ items: rules(ctx).map(errorRuleToApi), nextCursor: null }),
  });

  defineRoute(api, {
    method: 'get',
    path: '/error-rules/{id}',
    auth: 'admin',
    summary: 'Get an error rule',
    params: IdParams,
    responses: { 200: ErrorRule },
    handler: ({ ctx, params }) => {
      const rule = find(ctx, params.id);
      if (!rule) throw notFound('error rule');
      return errorRuleToApi(rule);
    },
  });

  defineRoute(api, {
    method: 'patch',
    path: '/error-rules/{id}',
    auth: 'admin',
    summary: 'Update an error rule',
    description: 'Fields given replace. A built-in rule may be edited (or disabled) too; restore-defaults undoes that.',
    params: IdParams,
    body: ErrorRuleUpdate,
    responses: { 200: ErrorRule },
    handler: (input) => {
      const { ctx, params, body } = input;
      const before = find(ctx, params.id);
      if (!before) throw notFound('error rule');
      const next: ErrorRuleDef = { ...before, ...body };
      check(ctx, next);
      const now = ctx.clock.now();
      const row = ctx.store.errorRules.put({ ...next, createdAt: before.createdAt ?? now, updatedAt: now });
      const updated = errorRuleToApi(row);
      changed(input, 'errorRule.update', row.id, errorRuleToApi(before), updated);
      return updated;
    },
  });

  defineRoute(api, {
    method: 'delete',
    path: '/error-rules/{id}',
    auth: 'admin',
    summary: 'Delete an error rule',
    description: 'A built-in rule cannot be deleted (409): disable it with enabled: false.',
    params: IdParams,
    responses: { 204: null },
    handler: (input) => {
      const { ctx, params } = input;
      const before = find(ctx, params.id);
      if (!before) throw notFound('error rule');
      if (before.builtIn) {
        throw new ApiError(409, 'built_in_rule', 'a built-in rule cannot be deleted: disable it (enabled: false)');
      }
      ctx.store.errorRules.delete(params.id);
      changed(input, 'errorRule.delete', params.id, errorRuleToApi(before), null);
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/error-rules/restore-defaults',
    auth: 'admin',
    summary: 'Restore the built-in error rules',
    description: "Every built-in rule goes back to the hub's default; the operator's own rules stay.",
    responses: { 200: ErrorRuleList },
    handler: (input) => {
      const { ctx } = input;
      const before = rules(ctx).filter((r) => r.builtIn && r.createdAt !== null);
      ctx.store.errorRules.restoreBuiltIns();
      changed(input, 'errorRule.restoreDefaults', null, before.map(errorRuleToApi), null);
      return { items: rules(ctx).map(errorRuleToApi), nextCursor: null };
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/error-rules/test',
    auth: 'admin',
    summary: 'Which error rule a sample upstream error would hit',
    description:
      "Evaluates the rules in force against a status and body (and optionally a provider and the provider's " +
      'format) without sending anything. Names the reactive fix a 400 would call for first, if any.',
    body: ErrorRuleTest,
    responses: { 200: ErrorRuleDecision },
    handler: ({ ctx, body }) => {
      const provider = body.providerId === undefined ? undefined : ctx.store.providers.get(body.providerId);
      if (body.providerId !== undefined && !provider) throw invalid('providerId', 'no such provider');
      const format = body.format ?? provider?.type;
      const set = new ErrorRuleSet(rules(ctx));
      const d = set.decide({ status: body.status, providerId: body.providerId, format, body: body.body });
      return {
        rule: d.rule ? errorRuleToApi(d.rule) : null,
        action: d.action,
        nextProvider: d.nextProvider,
        countsForBreaker: d.countsForBreaker,
        clientStatus: d.clientStatus,
        clientMessage: d.clientMessage,
        fix: fixFor(format, body.status, body.body) ?? null,
      };
    },
  });
}

// A provider as form state (text fields, seconds instead of ms) and back into the API's create/update bodies.
import type {
  ModelRedirect,
  ModelRule,
  PROVIDER_DEFAULTS,
  Provider,
  ProviderCreate,
  ProviderDraftTestBody,
  ProviderType,
  ProviderUpdate,
} from '../../../../shared/api-schemas';
import { hangBounds } from '../../../../shared/hang-bounds';
import { DraftError, numberText, requiredNumber } from '../../components/form/fieldErrors';
import { draftToLimits, type LimitsDraft, limitsToDraft } from '../../components/form/limitsDraft';
import { draftToOverrides, type OverridesDraft, overridesToDraft } from './overridesDraft';

export type AnthropicAuth = Provider['anthropicAuth'];

export interface HeaderDraft {
  name: string;
  value: string;
}

export interface ProviderDraft {
  name: string;
  type: ProviderType;
  baseUrl: string;
  apiKey: string;
  anthropicAuth: AnthropicAuth;
  enabled: boolean;
  priority: string;
  weight: string;
  costMultiplier: string;
  groups: string[];
  sticky: boolean;
  scheduleOn: boolean;
  scheduleStart: string;
  scheduleEnd: string;
  allowedModels: ModelRule[];
  modelRedirects: ModelRedirect[];
  limits: LimitsDraft;
  attempts: string;
  failureThreshold: string;
  openSeconds: string;
  halfOpenSuccesses: string;
  countNetworkErrors: boolean;
  connectSeconds: string;
  firstByteSeconds: string;
  idleSeconds: string;
  totalSeconds: string;
  proxyUrl: string;
  headers: HeaderDraft[];
  forwardClientIp: boolean;
  overrides: OverridesDraft;
  websocket: boolean;
}

/**
 * The defaults for a new provider. Typed as the shared constant, whose type is its literal values: the compiler
 * refuses any drift, and the console does not import the zod schemas (and zod's eval probe, which the CSP blocks).
 */
export const DEFAULTS: typeof PROVIDER_DEFAULTS = {
  enabled: true,
  priority: 0,
  weight: 1,
  costMultiplier: 1,
  attempts: 2,
  sticky: true,
  breaker: { failureThreshold: 5, openMs: 1_800_000, halfOpenSuccesses: 2, countNetworkErrors: false },
  timeouts: { connectMs: 10_000, firstByteMs: 30_000, idleMs: 300_000, totalMs: 300_000 },
  anthropicAuth: 'both',
  forwardClientIp: false,
  websocket: false,
};

const seconds = (ms: number) => numberText(ms / 1000);

export function providerToDraft(p?: Provider): ProviderDraft {
  const d = DEFAULTS;
  const breaker = p?.breaker ?? d.breaker;
  const timeouts = p?.timeouts ?? d.timeouts;
  return {
    name: p?.name ?? '',
    type: p?.type ?? 'anthropic',
    baseUrl: p?.baseUrl ?? '',
    apiKey: '',
    anthropicAuth: p?.anthropicAuth ?? d.anthropicAuth,
    enabled: p?.enabled ?? d.enabled,
    priority: String(p?.priority ?? d.priority),
    weight: String(p?.weight ?? d.weight),
    costMultiplier: String(p?.costMultiplier ?? d.costMultiplier),
    groups: [...(p?.groups ?? [])],
    sticky: p?.sticky ?? d.sticky,
    scheduleOn: Boolean(p?.schedule),
    scheduleStart: p?.schedule?.start ?? '09:00',
    scheduleEnd: p?.schedule?.end ?? '18:00',
    allowedModels: [...(p?.allowedModels ?? [])],
    modelRedirects: [...(p?.modelRedirects ?? [])],
    limits: limitsToDraft(p?.limits),
    attempts: String(p?.attempts ?? d.attempts),
    failureThreshold: String(breaker.failureThreshold),
    openSeconds: seconds(breaker.openMs),
    halfOpenSuccesses: String(breaker.halfOpenSuccesses),
    countNetworkErrors: breaker.countNetworkErrors ?? false,
    connectSeconds: seconds(timeouts.connectMs),
    firstByteSeconds: seconds(timeouts.firstByteMs),
    idleSeconds: seconds(timeouts.idleMs),
    totalSeconds: seconds(timeouts.totalMs),
    proxyUrl: p?.proxyUrl ?? '',
    headers: Object.entries(p?.headers ?? {}).map(([name, value]) => ({ name, value })),
    forwardClientIp: p?.forwardClientIp ?? d.forwardClientIp,
    overrides: overridesToDraft(p?.overrides),
    websocket: p?.websocket ?? d.websocket,
  };
}

/** What the form's timeouts mean for a hang, in seconds (null: never); undefined while a field is not a number. */
export function draftHangBounds(
  d: ProviderDraft,
): { streamSeconds: number | null; jsonSeconds: number | null } | undefined {
  const numbers = [d.attempts, d.firstByteSeconds, d.idleSeconds, d.totalSeconds].map((v) =>
    v.trim() === '' ? Number.NaN : Number(v),
  );
  if (numbers.some((n) => !Number.isFinite(n) || n < 0)) return undefined;
  const [attempts = 1, firstByte = 0, idle = 0, total = 0] = numbers;
  const b = hangBounds(attempts, { firstByteMs: firstByte * 1000, idleMs: idle * 1000, totalMs: total * 1000 });
  const s = (ms: number | null) => (ms === null ? null : ms / 1000);
  return { streamSeconds: s(b.streamMs), jsonSeconds: s(b.jsonMs) };
}

const ms = (text: string, field: string) => Math.round(requiredNumber(text, field) * 1000);

function headersOf(rows: readonly HeaderDraft[]): Record<string, string> {
  const headers: Record<string, string> = {};
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (name === '' && row.value.trim() === '') return;
    if (name === '') throw new DraftError(`headers.${i}`, 'form.required');
    headers[name] = row.value;
  });
  return headers;
}

/** The fields shared by create and update; throws DraftError for a field the form cannot turn into a number. */
function commonBody(d: ProviderDraft) {
  checkConnection(d);
  return {
    name: d.name.trim(),
    type: d.type,
    baseUrl: d.baseUrl.trim(),
    enabled: d.enabled,
    priority: requiredNumber(d.priority, 'priority', { integer: true }),
    weight: requiredNumber(d.weight, 'weight', { integer: true }),
    costMultiplier: requiredNumber(d.costMultiplier, 'costMultiplier'),
    groups: d.groups,
    allowedModels: d.allowedModels.filter((r) => r.pattern.trim() !== ''),
    modelRedirects: d.modelRedirects.filter((r) => r.pattern.trim() !== '' || r.target.trim() !== ''),
    schedule: d.scheduleOn ? { start: d.scheduleStart, end: d.scheduleEnd } : null,
    limits: draftToLimits(d.limits),
    attempts: requiredNumber(d.attempts, 'attempts', { integer: true }),
    sticky: d.sticky,
    breaker: {
      failureThreshold: requiredNumber(d.failureThreshold, 'breaker.failureThreshold', { integer: true }),
      openMs: ms(d.openSeconds, 'breaker.openMs'),
      halfOpenSuccesses: requiredNumber(d.halfOpenSuccesses, 'breaker.halfOpenSuccesses', { integer: true }),
      countNetworkErrors: d.countNetworkErrors,
    },
    timeouts: {
      connectMs: ms(d.connectSeconds, 'timeouts.connectMs'),
      firstByteMs: ms(d.firstByteSeconds, 'timeouts.firstByteMs'),
      idleMs: ms(d.idleSeconds, 'timeouts.idleMs'),
      totalMs: ms(d.totalSeconds, 'timeouts.totalMs'),
    },
    headers: headersOf(d.headers),
    proxyUrl: d.proxyUrl.trim() === '' ? null : d.proxyUrl.trim(),
    forwardClientIp: d.forwardClientIp,
    overrides: draftToOverrides(d.overrides),
    ...(d.type === 'openai-responses' ? { websocket: d.websocket } : {}),
    ...(d.type === 'anthropic' ? { anthropicAuth: d.anthropicAuth } : {}),
  };
}

/** The form's own checks of the connection fields, worded for the field (the server checks again). */
function checkConnection(d: ProviderDraft): void {
  if (d.name.trim() === '') throw new DraftError('name', 'form.nameRequired');
  if (!/^https?:\/\/[^\s/]+/i.test(d.baseUrl.trim())) throw new DraftError('baseUrl', 'form.httpUrl');
  const multiplier = Number(d.costMultiplier);
  if (d.costMultiplier.trim() !== '' && Number.isFinite(multiplier) && multiplier < 0)
    throw new DraftError('costMultiplier', 'form.zeroOrMore');
}

/** The form as it stands, for a test before saving: a saved provider lends its key when none was typed. */
export function draftToTest(d: ProviderDraft, providerId: string | undefined): ProviderDraftTestBody {
  const body: ProviderDraftTestBody = commonBody(d);
  if (d.apiKey.trim() !== '') body.apiKey = d.apiKey.trim();
  else if (providerId === undefined) throw new DraftError('apiKey', 'form.required');
  if (providerId !== undefined) body.providerId = providerId;
  return body;
}

export function draftToCreate(d: ProviderDraft): ProviderCreate {
  const body = commonBody(d); // the fields in the form's order: name and base URL before the key
  if (d.apiKey.trim() === '') throw new DraftError('apiKey', 'form.required');
  return { ...body, apiKey: d.apiKey.trim() };
}

/** An update: the secret is sent only when the admin typed a new one. */
export function draftToUpdate(d: ProviderDraft): ProviderUpdate {
  const body: ProviderUpdate = commonBody(d);
  if (d.apiKey.trim() !== '') body.apiKey = d.apiKey.trim();
  return body;
}

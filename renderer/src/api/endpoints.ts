// Typed calls for every API route the console uses; types come from shared/api-schemas.
// notifications, self-service keys and quota resets
import type {
  AuditList,
  Breaker,
  ContentRule,
  ContentRuleCreate,
  ContentRuleList,
  ContentRuleTestResult,
  ContentRuleUpdate,
  CreatedKey,
  ErrorRule,
  ErrorRuleCreate,
  ErrorRuleDecision,
  ErrorRuleList,
  ErrorRuleTest,
  ErrorRuleUpdate,
  Key,
  KeyCreate,
  KeyList,
  KeyUpdate,
  Leaderboard,
  LeaderboardPeriod,
  LiveSessionList,
  Me,
  MeKeyCreate,
  MeKeyUpdate,
  MeUsage,
  Overview,
  Price,
  PriceImportResult,
  PriceList,
  Provider,
  ProviderCreate,
  ProviderDraftTestBody,
  ProviderList,
  ProviderTestResult,
  ProviderUpdate,
  Quota,
  RequestList,
  RequestRecord,
  ResettableWindow,
  RotatedKey,
  Settings,
  SettingsUpdate,
  StatsGroupBy,
  Timeseries,
  UsageDoc,
  User,
  UserCreate,
  UserList,
  UserUpdate,
} from '../../../shared/api-schemas';
import type {
  Availability,
  AvailabilityBucketSize,
  PublicStatus,
  SessionEndResult,
  SessionList,
  SessionSummary,
  SessionTurnList,
} from '../../../shared/operations-schemas';
import type {
  Webhook,
  WebhookCreate,
  WebhookDeliveryList,
  WebhookList,
  WebhookTestResult,
  WebhookUpdate,
} from '../../../shared/webhook-schemas';
import { api, type Query } from './client';

const id = (value: string) => encodeURIComponent(value);

export type StatsRange = 'today' | '7d' | '30d';

export const endpoints = {
  // error rules
  errorRules: (signal?: AbortSignal) => api.get<ErrorRuleList>('/error-rules', undefined, signal),
  createErrorRule: (body: ErrorRuleCreate) => api.post<ErrorRule>('/error-rules', body),
  updateErrorRule: (ruleId: string, body: ErrorRuleUpdate) => api.patch<ErrorRule>(`/error-rules/${id(ruleId)}`, body),
  deleteErrorRule: (ruleId: string) => api.delete(`/error-rules/${id(ruleId)}`),
  restoreErrorRules: () => api.post<ErrorRuleList>('/error-rules/restore-defaults'),
  testErrorRule: (body: ErrorRuleTest) => api.post<ErrorRuleDecision>('/error-rules/test', body),

  overview: (signal?: AbortSignal) => api.get<Overview>('/stats/overview', undefined, signal),
  timeseries: (range: StatsRange, groupBy: StatsGroupBy | null, signal?: AbortSignal) =>
    api.get<Timeseries>('/stats/timeseries', { range, groupBy: groupBy ?? undefined }, signal),
  leaderboard: (
    query: { period: LeaderboardPeriod; scope: StatsGroupBy; from?: string; to?: string; limit?: number },
    signal?: AbortSignal,
  ) => api.get<Leaderboard>('/leaderboard', query, signal),

  providers: (signal?: AbortSignal) => api.get<ProviderList>('/providers', { limit: 500 }, signal),
  provider: (providerId: string, signal?: AbortSignal) =>
    api.get<Provider>(`/providers/${id(providerId)}`, undefined, signal),
  createProvider: (body: ProviderCreate) => api.post<Provider>('/providers', body),
  updateProvider: (providerId: string, body: ProviderUpdate) =>
    api.patch<Provider>(`/providers/${id(providerId)}`, body),
  deleteProvider: (providerId: string) => api.delete(`/providers/${id(providerId)}`),
  testProviderDraft: (body: ProviderDraftTestBody) => api.post<ProviderTestResult>('/providers/test', body),
  testProvider: (providerId: string, model?: string) =>
    api.post<ProviderTestResult>(`/providers/${id(providerId)}/test`, model ? { model } : {}),
  breaker: (providerId: string, signal?: AbortSignal) =>
    api.get<Breaker>(`/providers/${id(providerId)}/breaker`, undefined, signal),
  resetBreaker: (providerId: string) => api.post<Breaker>(`/providers/${id(providerId)}/breaker/reset`),
  providerQuota: (providerId: string, signal?: AbortSignal) =>
    api.get<Quota>(`/providers/${id(providerId)}/quota`, undefined, signal),
  /** Sessions seen within the session TTL; `inFlightOnly`: only those with a request being relayed now. */
  sessions: (inFlightOnly: boolean, signal?: AbortSignal) =>
    api.get<LiveSessionList>('/sessions', inFlightOnly ? { active: 'true' } : undefined, signal),

  users: (query: Query, signal?: AbortSignal) => api.get<UserList>('/users', query, signal),
  user: (userId: string, signal?: AbortSignal) => api.get<User>(`/users/${id(userId)}`, undefined, signal),
  createUser: (body: UserCreate) => api.post<User>('/users', body),
  updateUser: (userId: string, body: UserUpdate) => api.patch<User>(`/users/${id(userId)}`, body),
  deleteUser: (userId: string) => api.delete(`/users/${id(userId)}`),
  userQuota: (userId: string, signal?: AbortSignal) => api.get<Quota>(`/users/${id(userId)}/quota`, undefined, signal),

  keys: (query: Query, signal?: AbortSignal) => api.get<KeyList>('/keys', query, signal),
  createKey: (userId: string, body: KeyCreate) => api.post<CreatedKey>(`/users/${id(userId)}/keys`, body),
  updateKey: (keyId: string, body: KeyUpdate) => api.patch<Key>(`/keys/${id(keyId)}`, body),
  deleteKey: (keyId: string) => api.delete(`/keys/${id(keyId)}`),
  rotateKey: (keyId: string, graceSeconds: number) =>
    api.post<RotatedKey>(`/keys/${id(keyId)}/rotate`, { graceSeconds }),
  keyQuota: (keyId: string, signal?: AbortSignal) => api.get<Quota>(`/keys/${id(keyId)}/quota`, undefined, signal),

  requests: (query: Query, signal?: AbortSignal) => api.get<RequestList>('/requests', query, signal),
  request: (requestId: string, signal?: AbortSignal) =>
    api.get<RequestRecord>(`/requests/${id(requestId)}`, undefined, signal),

  prices: (query: Query, signal?: AbortSignal) => api.get<PriceList>('/prices', query, signal),
  price: (model: string, signal?: AbortSignal) => api.get<Price>(`/prices/${id(model)}`, undefined, signal),
  putPrice: (model: string, priceData: Record<string, unknown>) =>
    api.put<Price>(`/prices/${id(model)}`, { priceData }),
  importPricesUrl: (url: string) => api.post<PriceImportResult>('/prices/import', { url }),
  importPricesFile: (content: unknown) => api.post<PriceImportResult>('/prices/import', content),

  settings: (signal?: AbortSignal) => api.get<Settings>('/settings', undefined, signal),
  updateSettings: (body: SettingsUpdate) => api.patch<Settings>('/settings', body),
  audit: (query: Query, signal?: AbortSignal) => api.get<AuditList>('/audit', query, signal),

  me: (signal?: AbortSignal) => api.get<Me>('/me', undefined, signal),
  myQuota: (signal?: AbortSignal) => api.get<Quota>('/me/quota', undefined, signal),
  myUsage: (query: { from?: string; to?: string }, signal?: AbortSignal) =>
    api.get<MeUsage>('/me/usage', query, signal),
  myRequests: (query: Query, signal?: AbortSignal) => api.get<RequestList>('/me/requests', query, signal),
  usageDoc: (signal?: AbortSignal) => api.get<UsageDoc>('/usage-doc', undefined, signal),

  // operator rules: content rules
  contentRules: (query: Query, signal?: AbortSignal) => api.get<ContentRuleList>('/content-rules', query, signal),
  createContentRule: (body: ContentRuleCreate) => api.post<ContentRule>('/content-rules', body),
  updateContentRule: (ruleId: string, body: ContentRuleUpdate) =>
    api.patch<ContentRule>(`/content-rules/${id(ruleId)}`, body),
  deleteContentRule: (ruleId: string) => api.delete(`/content-rules/${id(ruleId)}`),
  testContentRules: (text: string) => api.post<ContentRuleTestResult>('/content-rules/test', { text }),
  // notifications, self-service keys and quota resets
  webhooks: (signal?: AbortSignal) => api.get<WebhookList>('/webhooks', { limit: 500 }, signal),
  createWebhook: (body: WebhookCreate) => api.post<Webhook>('/webhooks', body),
  updateWebhook: (webhookId: string, body: WebhookUpdate) => api.patch<Webhook>(`/webhooks/${id(webhookId)}`, body),
  deleteWebhook: (webhookId: string) => api.delete(`/webhooks/${id(webhookId)}`),
  testWebhook: (webhookId: string) => api.post<WebhookTestResult>(`/webhooks/${id(webhookId)}/test`),
  webhookDeliveries: (webhookId: string, query: Query, signal?: AbortSignal) =>
    api.get<WebhookDeliveryList>(`/webhooks/${id(webhookId)}/deliveries`, query, signal),
  createMyKey: (body: MeKeyCreate) => api.post<CreatedKey>('/me/keys', body),
  updateMyKey: (keyId: string, body: MeKeyUpdate) => api.patch<Key>(`/me/keys/${id(keyId)}`, body),
  deleteMyKey: (keyId: string) => api.delete(`/me/keys/${id(keyId)}`),
  resetQuota: (kind: 'user' | 'key' | 'provider', subjectId: string, window: ResettableWindow) =>
    api.post<Quota>(`/${kind}s/${id(subjectId)}/quota/reset`, { window }),
  // Operations: provider availability, the public status page, sessions from the request log.
  availability: (
    providerId: string,
    query: { from: string; to: string; bucket: AvailabilityBucketSize },
    signal?: AbortSignal,
  ) => api.get<Availability>(`/providers/${id(providerId)}/availability`, query, signal),
  publicStatus: (signal?: AbortSignal) => api.get<PublicStatus>('/status', undefined, signal),
  sessionLog: (query: Query, signal?: AbortSignal) => api.get<SessionList>('/session-log', query, signal),
  sessionSummary: (sessionId: string, signal?: AbortSignal) =>
    api.get<SessionSummary>(`/session-log/${id(sessionId)}`, undefined, signal),
  sessionTurns: (sessionId: string, query: Query, signal?: AbortSignal) =>
    api.get<SessionTurnList>(`/session-log/${id(sessionId)}/requests`, query, signal),
  endSession: (sessionId: string) => api.post<SessionEndResult>(`/sessions/${id(sessionId)}/end`),
};

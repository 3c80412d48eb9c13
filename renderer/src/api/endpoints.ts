// Typed calls for every API route the console uses; types come from shared/api-schemas.
import type {
  AuditList,
  Breaker,
  CreatedKey,
  Key,
  KeyCreate,
  KeyList,
  KeyUpdate,
  Leaderboard,
  LeaderboardPeriod,
  LiveSessionList,
  Me,
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
import { api, type Query } from './client';

const id = (value: string) => encodeURIComponent(value);

export type StatsRange = 'today' | '7d' | '30d';

export const endpoints = {
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
};

// Admin routes for the hub settings: currency symbol, timezone, log retention, body capture, billing model.
import { Settings, SettingsUpdate } from '../../../../shared/api-schemas';
import { defaultSettings } from '../../store/settings';
import { recordAudit } from '../audit';
import { type AdminApi, defineRoute } from '../openapi';

export function registerSettingsRoutes(api: AdminApi): void {
  const current = () => api.ctx.store.settings.read(defaultSettings(api.ctx.config.timezone));

  defineRoute(api, {
    method: 'get',
    path: '/settings',
    auth: 'admin',
    summary: 'The hub settings',
    responses: { 200: Settings },
    handler: () => current(),
  });

  defineRoute(api, {
    method: 'patch',
    path: '/settings',
    auth: 'admin',
    summary: 'Change hub settings',
    description:
      'Fields given replace. The timezone (IANA name) sets the days, weeks and months of statistics, leaderboards ' +
      'and quota windows; logRetentionDays 0 keeps the request log forever (rollups and the usage ledger are never ' +
      'cleaned).',
    body: SettingsUpdate,
    responses: { 200: Settings },
    handler: (input) => {
      const { ctx, body } = input;
      const before = current();
      ctx.store.settings.write(body, ctx.clock.now());
      ctx.notifyChanged('settings');
      const after = current();
      recordAudit(input, 'settings.update', null, before, after);
      return after;
    },
  });
}

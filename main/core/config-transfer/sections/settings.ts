// The settings section: the hub settings as one object; an import changes the fields it gives.
import { SettingsUpdate } from '../../../../shared/api-schemas';
import { defaultSettings } from '../../store/settings';
import { changedFields, defineSection } from './section';

type SettingsItem = SettingsUpdate;

export const settingsSection = defineSection<SettingsItem>({
  path: 'settings',
  single: true,
  item: SettingsUpdate,
  id: () => 'settings',
  label: () => 'settings',
  export: (x) => [x.ctx.store.settings.read(defaultSettings(x.ctx.config.timezone))],
  // Only the fields given count: a field left out keeps this hub's value.
  diff: (_x, current, incoming) =>
    changedFields(
      Object.fromEntries(Object.keys(incoming).map((k) => [k, (current as Record<string, unknown>)[k]])),
      incoming,
    ),
  apply: (x, item) => {
    x.ctx.store.settings.write(item, x.now);
  },
  reloads: ['settings'],
});

// The sections of a configuration export, in the order an import applies them (users before their keys, providers
// before the error rules naming them).

import { contentRulesSection } from './sections/content-rules';
import { errorRulesSection } from './sections/error-rules';
import { groupsSection } from './sections/groups';
import { keysSection } from './sections/keys';
import { pricesSection } from './sections/prices';
import { providersSection } from './sections/providers';
import type { ConfigSection } from './sections/section';
import { settingsSection } from './sections/settings';
import { usersSection } from './sections/users';
import { webhooksSection } from './sections/webhooks';

/** One line per table group; a new one adds its section module here (replacing its `notKeptSection` line if any). */
export const CONFIG_SECTIONS: readonly ConfigSection[] = [
  settingsSection as ConfigSection,
  providersSection as ConfigSection,
  usersSection as ConfigSection,
  keysSection as ConfigSection,
  groupsSection as ConfigSection,
  pricesSection as ConfigSection,
  contentRulesSection as ConfigSection,
  errorRulesSection as ConfigSection,
  webhooksSection as ConfigSection,
];

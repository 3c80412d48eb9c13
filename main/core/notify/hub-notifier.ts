// Builds the hub's Notifier over its context: the webhooks repository, secrets, governance, registry and settings.
import type { HubContext } from '../context';
import type { Send } from './delivery-queue';
import { Notifier } from './notifier';

export function createNotifier(ctx: HubContext, send?: Send): Notifier {
  const { store } = ctx;
  return new Notifier({
    clock: ctx.clock,
    logger: ctx.logger,
    deliveries: store.webhooks,
    decrypt: (c) => ctx.secrets.decrypt(c),
    memory: {
      read: (key) => store.settings.readInternal(key),
      write: (key, value) => store.settings.writeInternal(key, value, ctx.clock.now()),
    },
    breakers: ctx.governance.breakers,
    spend: ctx.governance.spend,
    registry: ctx.registry,
    settings: () => ctx.settings(),
    comboSums: (from, to) => store.usage.comboSums(from, to),
    userName: (id) => store.users.get(id)?.name,
    ...(send ? { send } : {}),
  });
}

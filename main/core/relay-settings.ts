// The relay's settings-driven switches, each read from the current settings when a request needs it.

import { fixSwitchesOf } from './relay/fixes';
import type { RelayDeps } from './relay/relay';
import type { HubSettings } from './store/records';

type SettingsSwitches = Pick<
  RelayDeps,
  'billRedirectedModel' | 'captureBodies' | 'fixes' | 'answerWarmup' | 'openAiPassThrough'
>;

export function relaySettings(settings: () => HubSettings): SettingsSwitches {
  return {
    billRedirectedModel: () => settings().billingModel === 'redirected',
    captureBodies: () => {
      const s = settings();
      return { enabled: s.captureBodies, keepMessageText: s.captureMessageText, maxBytes: s.captureMaxBodyBytes };
    },
    fixes: () => fixSwitchesOf(settings()),
    answerWarmup: () => settings().answerWarmup,
    openAiPassThrough: () => settings().openAiPassThrough,
  };
}

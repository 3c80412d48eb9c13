// The setup most relay suites share: a fake Anthropic upstream, a hub with it as its one provider, and a user's key.
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream';
import { startTestHub, type TestHub } from './test-hub';

export interface RelayFixture {
  fake: FakeUpstream;
  t: TestHub;
  key: string;
  /** Stops the hub, then the fake. */
  stop(): Promise<void>;
}

export async function startRelayFixture(provider: Record<string, unknown> = {}): Promise<RelayFixture> {
  const fake = await startFakeUpstream();
  const t = await startTestHub();
  await t.addProvider(fake.url, provider);
  const { key } = await t.addUserWithKey();
  return {
    fake,
    t,
    key,
    stop: async () => {
      await t.stop();
      await fake.close();
    },
  };
}

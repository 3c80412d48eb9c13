// Metrics series are bounded: clients name the model, so past MAX_SERIES new names share one `(other)` series.
import { describe, expect, it } from 'vitest';
import { record } from '../../test/api/records';
import { MAX_SERIES, Metrics } from './metrics';
import { JournalHealth } from './store/journal-health';

const live = {
  inFlight: 0,
  liveSessions: 0,
  bodyBytesInFlight: 0,
  bodiesRefused: 0,
  breakers: [],
  journal: new JournalHealth(),
};

describe('Metrics', () => {
  it('counts distinct models up to the bound, then under model="(other)"', () => {
    const m = new Metrics(() => 'p');
    const batch = Array.from({ length: MAX_SERIES + 50 }, (_, i) =>
      record({ format: 'anthropic', endpoint: 'messages', status: 404, providerId: null, model: `m-${i}` }),
    );
    m.record(batch);
    m.record([record({ format: 'anthropic', endpoint: 'messages', status: 404, providerId: null, model: 'm-0' })]);
    const text = m.render(live);
    const series = text.split('\n').filter((l) => l.startsWith('cchub_requests_total{'));
    expect(series).toHaveLength(MAX_SERIES + 1);
    expect(series).toContain(
      'cchub_requests_total{format="anthropic",endpoint="messages",status="404",provider="",model="m-0"} 2',
    );
    expect(series).toContain(
      'cchub_requests_total{format="anthropic",endpoint="messages",status="404",provider="",model="(other)"} 50',
    );
  });
});

// Public entry of the fake upstream: start it, script its behaviour, read what it received.

export { REAL_ERRORS, type RealErrorName } from './real-errors';
export { startFakeUpstream } from './server';
export type { Behaviour, FakeUpstream, FakeUpstreamOptions, FakeUsage, RecordedCall } from './types';

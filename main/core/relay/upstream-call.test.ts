import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { UpstreamCall } from './upstream-call';

/** A dispatcher that only records the handler: the test plays undici's part by calling the handler's hooks. */
function recordingDispatcher() {
  const seen: { handler?: Dispatcher.DispatchHandler; opts?: Dispatcher.DispatchOptions } = {};
  const dispatcher = {
    dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
      seen.opts = opts;
      seen.handler = handler;
      return true;
    },
  } as unknown as Dispatcher;
  return { dispatcher, seen };
}

function controller() {
  const c = {
    aborted: null as Error | null,
    paused: false,
    abort(reason: Error) {
      c.aborted = reason;
    },
    pause() {
      c.paused = true;
    },
    resume() {
      c.paused = false;
    },
    reason: null,
  };
  return c;
}

const request = {
  origin: 'http://up',
  path: '/v1/messages',
  headers: {},
  body: Buffer.from('{}'),
  headersTimeout: 1,
  bodyTimeout: 1,
};

/** A call whose request undici has started and whose 200 head has arrived; `h` plays undici's further part. */
function answeredCall() {
  const { dispatcher, seen } = recordingDispatcher();
  const call = new UpstreamCall(dispatcher, request);
  const c = controller();
  const h = seen.handler as Required<Dispatcher.DispatchHandler>;
  h.onRequestStart(c as never, {});
  h.onResponseStart(c as never, 200, {}, 'OK');
  return { call, c, h };
}

describe('UpstreamCall', () => {
  it('dispatches a POST with the request and resolves the head on the first non-1xx status', async () => {
    const { dispatcher, seen } = recordingDispatcher();
    const call = new UpstreamCall(dispatcher, request);
    expect(seen.opts).toMatchObject({ method: 'POST', origin: 'http://up', path: '/v1/messages' });
    const c = controller();
    const h = seen.handler as Required<Dispatcher.DispatchHandler>;
    h.onRequestStart(c as never, {});
    h.onResponseStart(c as never, 100, {}, 'Continue');
    h.onResponseStart(c as never, 200, { 'content-type': 'application/json' }, 'OK');
    await expect(call.head).resolves.toEqual({ status: 200, headers: { 'content-type': 'application/json' } });
  });

  it('an abort before undici starts the request rejects the head at once, and aborts the request when it starts', async () => {
    const { dispatcher, seen } = recordingDispatcher();
    const call = new UpstreamCall(dispatcher, request);
    const reason = new Error('client gone');
    call.abort(reason);
    await expect(call.head).rejects.toBe(reason);
    const c = controller();
    seen.handler?.onRequestStart?.(c as never, {});
    expect(c.aborted).toBe(reason);
  });

  it('queues body events until a sink attaches, and collect() refuses bodies over its cap', async () => {
    const { call, c, h } = answeredCall();
    h.onResponseData(c as never, Buffer.from('{"a":'));
    h.onResponseData(c as never, Buffer.from('1}'));
    h.onResponseEnd(c as never, {});
    await expect(call.collect(100)).resolves.toEqual(Buffer.from('{"a":1}'));

    const { call: big, c: c2, h: h2 } = answeredCall();
    const collected = big.collect(4);
    h2.onResponseData(c2 as never, Buffer.from('12345'));
    await expect(collected).rejects.toMatchObject({ code: 'CCHUB_TOO_LARGE' });
    expect(c2.aborted).toMatchObject({ code: 'CCHUB_TOO_LARGE' });
  });

  it('an error after the head reaches the sink; pause and resume reach undici', async () => {
    const { call, c, h } = answeredCall();
    await call.head;
    const events: string[] = [];
    call.attach({
      data: (b) => events.push(`data ${b}`),
      end: () => events.push('end'),
      error: (e) => events.push(`error ${e.message}`),
    });
    call.pause();
    expect(c.paused).toBe(true);
    call.resume();
    expect(c.paused).toBe(false);
    h.onResponseData(c as never, Buffer.from('x'));
    h.onResponseError(c as never, new Error('socket hang up'));
    expect(events).toEqual(['data x', 'error socket hang up']);
  });
});

// Behaviour selection: the x-fake-behaviour header override, then the FIFO queue, then the default.
import { isRealErrorName } from './real-errors';
import type { Behaviour } from './types';

export const BEHAVIOUR_HEADER = 'x-fake-behaviour';
export const OK: Behaviour = { kind: 'ok' };

const SIMPLE_KINDS = new Set([
  'ok',
  'reset',
  'hang',
  'errorAfterHead',
  'errorMidStream',
  'truncated',
  'emptyStream',
  'html200',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isBehaviour(value: unknown): value is Behaviour {
  if (!isRecord(value) || typeof value.kind !== 'string') return false;
  if (value.kind === 'status') {
    return (
      typeof value.status === 'number' && Number.isInteger(value.status) && value.status >= 100 && value.status <= 999
    );
  }
  if (value.kind === 'realError') return isRealErrorName(value.error);
  if (value.kind === 'slowFirstByte') {
    return typeof value.ms === 'number' && value.ms >= 0 && (value.after === undefined || isBehaviour(value.after));
  }
  return SIMPLE_KINDS.has(value.kind);
}

/** The header's behaviour, or an error message when the header is not a valid Behaviour. */
export function parseBehaviourHeader(raw: string): Behaviour | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return `${BEHAVIOUR_HEADER} is not JSON`;
  }
  return isBehaviour(value) ? value : `${BEHAVIOUR_HEADER} is not a known behaviour`;
}

export class BehaviourQueue {
  private queue: Behaviour[] = [];
  private fallback: Behaviour = OK;

  enqueue(behaviours: Behaviour[]): void {
    this.queue.push(...behaviours);
  }

  setDefault(behaviour: Behaviour): void {
    this.fallback = behaviour;
  }

  next(): Behaviour {
    return this.queue.shift() ?? this.fallback;
  }

  reset(): void {
    this.queue = [];
    this.fallback = OK;
  }
}

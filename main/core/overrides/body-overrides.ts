// A provider's body overrides applied to the request's bytes: only the top-level members they touch are rewritten.
import type { JsonOverrides } from '../db/schema';
import type { MemberSpan } from '../formats/common/json-members';

type BodyOp = NonNullable<JsonOverrides['body']>[number];

/** The overrides of one top-level member, in the order the admin listed them. */
interface MemberPlan {
  key: string;
  /** Each op's path below the member ([] = the member itself). */
  ops: { op: 'set' | 'remove'; rest: string[]; value: unknown }[];
}

/** A provider's body overrides grouped by the top-level member they touch (built once per registry rebuild). */
export interface BodyOverridePlan {
  members: readonly MemberPlan[];
  /** For the decision chain: `set max_tokens, remove service_tier`. */
  summary: string;
}

export function planBodyOverrides(ops: readonly BodyOp[] | undefined): BodyOverridePlan | null {
  if (!ops || ops.length === 0) return null;
  const byKey = new Map<string, MemberPlan>();
  for (const o of ops) {
    const [key, ...rest] = o.path.split('.') as [string, ...string[]];
    let plan = byKey.get(key);
    if (!plan) {
      plan = { key, ops: [] };
      byKey.set(key, plan);
    }
    plan.ops.push({ op: o.op, rest, value: o.value });
  }
  return { members: [...byKey.values()], summary: ops.map((o) => `${o.op} ${o.path}`).join(', ') };
}

const REMOVED = Symbol('removed');

/**
 * The body with the plan applied. Members the plan does not touch keep their bytes; a touched member's value is
 * parsed alone (only when an op reaches inside it) and written back; a new member is added at the end. `spans` are
 * the body's top-level members (the parse stage's). The object's whitespace between members is not kept.
 */
export function applyBodyOverrides(body: Buffer, spans: readonly MemberSpan[], plan: BodyOverridePlan): Buffer {
  const newValues = new Map<string, Buffer | typeof REMOVED>();
  for (const m of plan.members) {
    const current = lastSpan(spans, m.key);
    const next = applyMemberOps(current ? body.subarray(current.start, current.end) : undefined, m);
    if (next !== undefined) newValues.set(m.key, next);
  }
  const pieces: Buffer[] = [OPEN];
  let first = true;
  const add = (...parts: Buffer[]) => {
    if (!first) pieces.push(COMMA);
    first = false;
    pieces.push(...parts);
  };
  for (const s of spans) {
    const replaced = newValues.get(s.key);
    if (replaced === undefined) add(body.subarray(s.keyStart, s.end));
    else if (replaced !== REMOVED) add(body.subarray(s.keyStart, s.start), replaced);
  }
  for (const [key, value] of newValues) {
    if (value !== REMOVED && !lastSpan(spans, key)) add(Buffer.from(`${JSON.stringify(key)}:`), value);
  }
  pieces.push(CLOSE);
  return Buffer.concat(pieces);
}

/** The member's new value bytes, REMOVED, or undefined when nothing changes (removing what is absent). */
function applyMemberOps(current: Buffer | undefined, plan: MemberPlan): Buffer | typeof REMOVED | undefined {
  // A member only set or removed as a whole is never parsed: the last op decides.
  if (plan.ops.every((o) => o.rest.length === 0)) {
    const last = plan.ops[plan.ops.length - 1] as MemberPlan['ops'][number];
    if (last.op === 'remove') return current === undefined ? undefined : REMOVED;
    return Buffer.from(JSON.stringify(last.value));
  }
  let value: unknown = current === undefined ? undefined : JSON.parse(current.toString('utf8'));
  let present = current !== undefined;
  for (const o of plan.ops) {
    if (o.rest.length === 0) {
      present = o.op === 'set';
      value = o.op === 'set' ? structuredClone(o.value) : undefined;
      continue;
    }
    if (o.op === 'set') {
      if (!isContainer(value)) value = {};
      present = true;
      setPath(value as Container, o.rest, structuredClone(o.value));
    } else if (isContainer(value)) removePath(value, o.rest);
  }
  if (!present) return current === undefined ? undefined : REMOVED;
  return Buffer.from(JSON.stringify(value));
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function setPath(root: Container, path: string[], value: unknown): void {
  let node: Container = root;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as string;
    let child = (node as Record<string, unknown>)[seg];
    if (!isContainer(child)) {
      child = {};
      (node as Record<string, unknown>)[seg] = child;
    }
    node = child as Container;
  }
  (node as Record<string, unknown>)[path[path.length - 1] as string] = value;
}

function removePath(root: Container, path: string[]): void {
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isContainer(node)) return;
    node = (node as Record<string, unknown>)[path[i] as string];
  }
  if (!isContainer(node)) return;
  const last = path[path.length - 1] as string;
  if (Array.isArray(node) && /^\d+$/.test(last)) node.splice(Number(last), 1);
  else delete (node as Record<string, unknown>)[last];
}

function lastSpan(spans: readonly MemberSpan[], key: string): MemberSpan | undefined {
  for (let i = spans.length - 1; i >= 0; i--) if ((spans[i] as MemberSpan).key === key) return spans[i];
  return undefined;
}

const OPEN = Buffer.from('{');
const CLOSE = Buffer.from('}');
const COMMA = Buffer.from(',');

// A request body's top-level fields, read on demand from the client's bytes (see json-members).
import { findMember, type MemberSpan, scanMembers } from './json-members';

/**
 * A request body's top-level fields, read on demand from the original bytes: only the small values the pipeline
 * asks for are ever parsed (never the message tree), and the body itself is forwarded as received.
 */
export class RequestFields {
  constructor(
    readonly body: Buffer,
    private readonly members: readonly MemberSpan[],
  ) {}

  /** Every top-level member's span, in order (duplicates kept). */
  spans(): readonly MemberSpan[] {
    return this.members;
  }

  has(key: string): boolean {
    return findMember(this.members, key) !== undefined;
  }

  /** The member's value, parsed (meant for small values such as `model` or `metadata`). */
  value(key: string): unknown {
    const m = findMember(this.members, key);
    return m ? JSON.parse(this.body.toString('utf8', m.start, m.end)) : undefined;
  }

  /** The member's value as the client's bytes. */
  bytes(key: string): Buffer | undefined {
    const m = findMember(this.members, key);
    return m ? this.body.subarray(m.start, m.end) : undefined;
  }

  /** The first element of an array member, as the client's bytes. */
  firstElementBytes(key: string): Buffer | undefined {
    const first = findMember(this.members, key)?.first;
    return first ? this.body.subarray(first.start, first.end) : undefined;
  }

  /** A member whose value is exactly the literal `true`. */
  isTrue(key: string): boolean {
    const m = findMember(this.members, key);
    return m !== undefined && m.end - m.start === 4 && this.body[m.start] === 0x74;
  }
}

/** Fields of a body known to be a JSON object (tests and callers holding a plain object); throws if it is not. */
export function requestFieldsOf(body: Buffer): RequestFields {
  const scanned = scanMembers(body);
  if (!scanned.ok) throw new Error(scanned.error);
  return new RequestFields(body, scanned.members);
}

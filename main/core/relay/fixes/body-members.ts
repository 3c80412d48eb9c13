// Request-body byte surgery for the reactive fixes: top-level members replaced or removed, every other byte kept.
import { firstMeaningfulByte, skipWhitespace } from '../../formats/common/bytes';
import { findMember, type MemberSpan, scanMembers } from '../../formats/common/json-members';

/** A body's top-level members, to read a few values from and edit. */
export class BodyMembers {
  private constructor(
    readonly body: Buffer,
    private readonly members: MemberSpan[],
  ) {}

  /** undefined when the body is not a JSON object. */
  static of(body: Buffer): BodyMembers | undefined {
    const scanned = scanMembers(body);
    return scanned.ok ? new BodyMembers(body, scanned.members) : undefined;
  }

  /** The member's value, parsed (the last one when the key repeats, as JSON.parse would read it). */
  value(key: string): unknown {
    const m = findMember(this.members, key);
    return m ? JSON.parse(this.body.toString('utf8', m.start, m.end)) : undefined;
  }

  /** The member's value as the client's bytes. */
  bytes(key: string): Buffer | undefined {
    const m = findMember(this.members, key);
    return m ? this.body.subarray(m.start, m.end) : undefined;
  }

  /**
   * A new body with each named member's value replaced by the given JSON text, or the member removed (null); members
   * not named, and the bytes between them, are kept as they were. Every occurrence of a repeated key is edited.
   */
  edit(changes: Readonly<Record<string, string | null>>): Buffer {
    const { body, members } = this;
    let keyStart = skipWhitespace(body, firstMeaningfulByte(body) + 1);
    const pieces: Buffer[] = [body.subarray(0, keyStart)];
    let anyKept = false;
    members.forEach((m, i) => {
      const change = changes[m.key];
      if (change !== null) {
        // The separator is the one before this member (whitespace, a comma, whitespace), wherever the kept one before is.
        if (anyKept) pieces.push(body.subarray((members[i - 1] as MemberSpan).end, keyStart));
        pieces.push(body.subarray(keyStart, m.start));
        pieces.push(change === undefined ? body.subarray(m.start, m.end) : Buffer.from(change, 'utf8'));
        anyKept = true;
      }
      let next = skipWhitespace(body, m.end);
      if (body[next] === 0x2c) next = skipWhitespace(body, next + 1);
      keyStart = next;
    });
    const last = members.at(-1);
    // After the last member: its trailing whitespace and the closing brace (the whitespace only when it stays).
    pieces.push(
      body.subarray(last && changes[last.key] !== null ? last.end : skipWhitespace(body, last?.end ?? keyStart)),
    );
    return Buffer.concat(pieces);
  }
}

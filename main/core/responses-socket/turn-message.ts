// A client message on the Responses WebSocket: its type, and for `response.create` the request body it carries (the
// message without its `type` member, every other byte as sent) and the response it continues.
import { skipWhitespace } from '../formats/common/bytes';
import { findMember, scanMembers } from '../formats/common/json-members';

export type ClientMessage =
  | { kind: 'create'; body: Buffer; previousResponseId: string | undefined }
  /** A message Codex sends that needs no answer (`response.processed`). */
  | { kind: 'ignored' }
  | { kind: 'invalid'; message: string };

const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;

export function readClientMessage(data: Buffer): ClientMessage {
  const scanned = scanMembers(data);
  if (!scanned.ok) return { kind: 'invalid', message: `the message is not a JSON object: ${scanned.error}` };
  const type = findMember(scanned.members, 'type');
  const typeName = type && data[type.start] === QUOTE ? parseString(data, type.start, type.end) : undefined;
  if (typeName === 'response.processed') return { kind: 'ignored' };
  if (typeName !== 'response.create' || !type) {
    return {
      kind: 'invalid',
      message: `unsupported message type ${JSON.stringify(typeName ?? null)}; send response.create`,
    };
  }
  const previous = findMember(scanned.members, 'previous_response_id');
  const previousResponseId =
    previous && data[previous.start] === QUOTE ? parseString(data, previous.start, previous.end) : undefined;
  return { kind: 'create', body: withoutMember(data, type.start, type.end), previousResponseId };
}

function parseString(data: Buffer, start: number, end: number): string | undefined {
  try {
    const v: unknown = JSON.parse(data.toString('utf8', start, end));
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The object without the member whose value spans `start`..`end`: from its key's opening quote to the comma after it
 * (or, for the last member, from the comma before it).
 */
function withoutMember(data: Buffer, start: number, end: number): Buffer {
  let i = start - 1;
  while (i > 0 && data[i] !== COLON) i--;
  i--;
  while (i > 0 && data[i] !== QUOTE) i--; // the key's closing quote
  i--;
  while (i > 0 && (data[i] !== QUOTE || data[i - 1] === 0x5c)) i--; // its opening quote
  let from = i;
  let to = skipWhitespace(data, end);
  if (data[to] === COMMA) to++;
  else {
    // The last member: take the comma before it instead.
    let j = from - 1;
    while (j > 0 && data[j] !== COMMA && data[j] !== 0x7b) j--;
    if (data[j] === COMMA) from = j;
  }
  return Buffer.concat([data.subarray(0, from), data.subarray(to)]);
}

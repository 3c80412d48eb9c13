// The exchange: one relayed request as every stage sees it, filled in stage by stage, and its decision chain's writer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResponseCapture } from '../capture/response-capture';
import type { Clock } from '../clock';
import { DEFAULT_FORMAT, type Endpoint, WIRE_FORMATS, type WireFormat, type WireFormatSpec } from '../formats';
import type { SpendEstimate } from '../limits/spend-estimate';
import type { SpendReservation } from '../limits/spend-reservations';
import type { DecisionStep } from '../model/decision';
import type { KeyEntry, ProviderRuntime } from '../model/entities';
import type { DecisionChain, DecisionNotes } from '../routing/decision-chain';
import type { SelectionInput } from '../routing/select';
import type { LiveSession } from '../sessions/session-table';
import type { Translation } from '../translate/translation';
import type { BaseRecord } from './base-record';
import type { ClientConnection } from './client-connection';
import type { AttemptFailure } from './outcomes';
import type { ParsedRequest } from './parse-body';
import type { UpstreamSockets } from './upstream-sockets';

/**
 * One object per request, its fields set by the stage that owns them (route → authenticate → parse → guard → select →
 * forward → account); a field is read only by the stages after the one that sets it (those marked `!` have no value
 * before). The decision chain is written only through `note`.
 */
export class Exchange implements DecisionNotes {
  // route
  readonly requestId: string;
  path = '/';
  query = '';
  /** The hub key sent as `?key=`, if any: masked with the others in upstream text. */
  queryKey: string | undefined = undefined;
  format: WireFormat = DEFAULT_FORMAT;
  /** The format's spec, looked up once per request. */
  spec: WireFormatSpec = WIRE_FORMATS[DEFAULT_FORMAT];
  /** The relay endpoint; undefined for a model list. */
  endpoint: Endpoint | undefined = undefined;
  clientIp = '';
  /** How the client sent it: an HTTP request, or one turn on a Responses WebSocket (set by the WebSocket server). */
  transport: 'http' | 'websocket' = 'http';
  /** A WebSocket turn continuing a response: the one provider that holds it. */
  pinnedProvider: string | undefined = undefined;
  /** A WebSocket turn's connections to providers that serve the Responses API over WebSocket. */
  upstreamSockets: UpstreamSockets | undefined = undefined;
  // authenticate
  entry!: KeyEntry;
  // parse
  /** Set once the body is being read: a refusal before that drains it. */
  bodyTaken = false;
  /** The body as received (with the usage member a stream needs); `sendBody` is what one provider gets. */
  body: Buffer = EMPTY;
  /** Bytes of the body as the client sent it (the spend estimate's input). */
  receivedBytes = 0;
  parsed!: ParsedRequest;
  /** The client asked for a stream (body `stream: true`, or a streaming Gemini action). */
  stream = false;
  sessionId = '';
  chain!: DecisionChain;
  base!: BaseRecord;
  /** Tells the attempt when the client goes away. */
  client!: ClientConnection;
  /** Set when body capture is on: keeps the first bytes of the answer the client gets. */
  capture: ResponseCapture | undefined = undefined;
  keepMessageText = false;
  // guard
  session: LiveSession | undefined = undefined;
  reservation: SpendReservation | undefined = undefined;
  estimate: SpendEstimate | undefined = undefined;
  /** A spend window of the key or its user applies (else only a provider's own windows need the estimate). */
  clientLimited = false;
  // select
  selection: SelectionInput | undefined = undefined;
  /** Providers tried so far (the selection's `exclude`). */
  readonly tried = new Set<string>();
  provider!: ProviderRuntime;
  /** The model named upstream: the provider's redirect, or the requested one. */
  sentModel = '';
  /** The provider's redirect of the model, when it has one. */
  redirectedTo: string | undefined = undefined;
  sendBody: Buffer = EMPTY;
  sendPath = '/';
  /** The query sent upstream: the client's, or none for a translated request. */
  sendQuery = '';
  /** The provider's format's spec: it reads the upstream answer (usage, errors); `spec` still answers the client. */
  upstreamSpec: WireFormatSpec = WIRE_FORMATS[DEFAULT_FORMAT];
  /** Set when the provider speaks another format than the client: rewrites the request and its answer. */
  translation: Translation | undefined = undefined;
  // forward
  attempt = 0;
  attemptStartedAt = 0;
  /** The last failed attempt of any provider. */
  lastFailure: AttemptFailure | undefined = undefined;
  /** The reactive fixes this request has used (each at most once). */
  fixesUsed: Set<string> | undefined = undefined;
  /** An upstream's answer reached the client (set when the forward stage ends delivered). */
  delivered = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly clock: Clock,
    readonly startedAt: number,
    requestId: string,
  ) {
    this.requestId = requestId;
  }

  /** Adds a step to the request's decision chain (it has one from the parse stage on). */
  note(step: Omit<DecisionStep, 'at'>): void {
    this.chain.note(step);
  }
}

const EMPTY = Buffer.alloc(0);

// The wire formats the hub speaks, written once: the server's registry, the API schemas and the console use this list.
import { z } from 'zod';

/** Every wire format, in the order the console offers them. */
export const WIRE_FORMAT_NAMES = ['anthropic', 'openai-chat', 'openai-responses', 'gemini'] as const;

export const WireFormatSchema = z.enum(WIRE_FORMAT_NAMES);

/** A client-facing or provider-facing wire format (a provider's `type` is the format it speaks). */
export type WireFormat = z.infer<typeof WireFormatSchema>;

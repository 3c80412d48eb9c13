// Settings of body capture and the public status page (their fields join the hub settings in api-schemas.ts).
import { z } from 'zod';

const MiB = 1024 * 1024;

export const CAPTURE_DEFAULTS = {
  captureMaxBodyBytes: 4 * MiB,
  captureBudgetBytes: 512 * MiB,
  captureRetentionDays: 7,
  captureCompression: 'brotli',
} as const;

export const StatusPageProvider = z.strictObject({
  providerId: z.string().min(1).max(128),
  displayName: z.string().trim().min(1).max(100).meta({ description: 'the only name the public page shows' }),
});

export const StatusPageSettings = z
  .strictObject({
    enabled: z.boolean().meta({ description: 'off by default: GET /api/v1/status and the /status page answer 404' }),
    title: z.string().trim().min(1).max(100),
    providers: z.array(StatusPageProvider).max(50).meta({ description: 'shown in this order; no others' }),
    windowHours: z.number().int().min(1).max(168),
    bucketMinutes: z.union([z.literal(5), z.literal(15), z.literal(30), z.literal(60)]),
    showLatency: z.boolean().meta({ description: 'also show each provider’s median time to first byte' }),
  })
  .meta({ id: 'StatusPageSettings' });
export type StatusPageSettings = z.infer<typeof StatusPageSettings>;

export const STATUS_PAGE_DEFAULTS: StatusPageSettings = {
  enabled: false,
  title: 'Service status',
  providers: [],
  windowHours: 24,
  bucketMinutes: 60,
  showLatency: false,
};

/** Spread into the hub's settings fields. */
export const operationsSettingsFields = {
  captureMaxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(64 * MiB)
    .meta({ description: 'each captured body is kept whole up to this many bytes (as rendered), cut past it' }),
  captureBudgetBytes: z
    .number()
    .int()
    .min(MiB)
    .max(1024 * 1024 * MiB)
    .meta({ description: 'total bytes captured bodies may take compressed; the oldest are dropped past it' }),
  captureRetentionDays: z
    .number()
    .int()
    .min(0)
    .max(36_500)
    .meta({ description: 'captured bodies older than this are dropped; 0 keeps them while the budget allows' }),
  captureCompression: z.enum(['brotli', 'gzip']).meta({ description: 'how captured bodies are compressed' }),
  statusPage: StatusPageSettings,
};

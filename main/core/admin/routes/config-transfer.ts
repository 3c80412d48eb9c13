// GET /config/export and POST /config/import: the hub's configuration as one versioned JSON document, and back.
import {
  ConfigImportQuery,
  ConfigImportResult,
  PASSPHRASE_HEADER,
  type SealedSecrets,
} from '../../../../shared/config-document';
import { documentSchema, incomingDocument, writeDocument } from '../../config-transfer/document';
import { planImport, summarize } from '../../config-transfer/import-plan';
import { newSealer, opener, PassphraseError } from '../../config-transfer/passphrase';
import { CONFIG_SECTIONS } from '../../config-transfer/registry';
import type { SectionContext } from '../../config-transfer/sections/section';
import type { HubContext } from '../../context';
import { redactSecrets } from '../../logger';
import { recordAudit } from '../audit';
import { ApiError } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';

/** The passphrase from its header ('' when not sent). */
function passphraseOf(headers: Record<string, string | string[] | undefined>): string {
  const value = headers[PASSPHRASE_HEADER];
  return typeof value === 'string' ? value : '';
}

function passphraseRefused(err: unknown): never {
  if (err instanceof PassphraseError) throw new ApiError(400, 'wrong_passphrase', err.message, PASSPHRASE_HEADER);
  throw err;
}

async function importContext(ctx: HubContext, passphrase: string, secrets: SealedSecrets | null | undefined) {
  const x: SectionContext = { ctx, now: ctx.clock.now() };
  if (passphrase !== '' && secrets) x.open = await opener(passphrase, secrets).catch(passphraseRefused);
  return x;
}

export function registerConfigTransferRoutes(api: AdminApi): void {
  const ConfigDocument = documentSchema(CONFIG_SECTIONS).meta({ id: 'ConfigDocument' });

  defineRoute(api, {
    method: 'get',
    path: '/config/export',
    auth: 'admin',
    summary: "Export the hub's configuration",
    description:
      'Providers, users, keys (as SHA-256 hashes: the same keys work on the importing hub, the keys themselves are ' +
      'never kept), groups, rules, webhooks, price overrides and settings as one versioned JSON document. Secrets ' +
      '(provider API keys, secret-named provider headers, proxy passwords, webhook URLs and secrets) are left out ' +
      'and named in `withheld`, ' +
      `unless a passphrase of at least 8 characters is sent in the ${PASSPHRASE_HEADER} header: then they are sealed ` +
      'with AES-256-GCM under a key scrypt derives from it.',
    responses: { 200: ConfigDocument },
    handler: async (input) => {
      const { ctx, req } = input;
      const passphrase = passphraseOf(req.headers);
      const sealer = passphrase === '' ? undefined : await newSealer(passphrase).catch(passphraseRefused);
      const x: SectionContext = { ctx, now: ctx.clock.now(), ...(sealer ? { seal: sealer.seal } : {}) };
      const doc = writeDocument(x, CONFIG_SECTIONS, sealer?.header ?? null);
      const counts = Object.fromEntries(
        CONFIG_SECTIONS.filter((s) => !s.single).map((s) => [s.path, incomingDocument(doc, [s]).items(s.path).length]),
      );
      recordAudit(input, 'config.export', null, null, { secretsSealed: sealer !== undefined, counts });
      return doc;
    },
  });

  defineRoute(api, {
    method: 'post',
    path: '/config/import',
    auth: 'admin',
    summary: 'Import a configuration export (dry run first)',
    description:
      'Each object of the document is matched by id: a new one is created, a known one replaced by the imported ' +
      'settings (an update lists the fields that change), objects the document does not name are left alone. ' +
      '`dryRun=true` (the default) only reports the changes; `dryRun=false` applies them all in one transaction. ' +
      `Sealed secrets need the export's passphrase in the ${PASSPHRASE_HEADER} header; without it a known ` +
      'provider or webhook keeps its own secrets and a new one is created disabled. A key whose user is neither ' +
      'imported nor ' +
      'on this hub, or whose hash another key holds, refuses the whole import (400 naming the field).',
    query: ConfigImportQuery,
    body: ConfigDocument,
    bodyLimit: '32mb',
    responses: { 200: ConfigImportResult },
    handler: async (input) => {
      const { ctx, req, query, body } = input;
      const doc = body as Record<string, unknown>;
      const dryRun = query.dryRun !== 'false';
      const x = await importContext(ctx, passphraseOf(req.headers), doc.secrets as SealedSecrets | null | undefined);
      const plan = planImport(x, CONFIG_SECTIONS, incomingDocument(doc, CONFIG_SECTIONS));
      const first = plan.problems[0];
      if (first) {
        const more = plan.problems.length > 1 ? ` (and ${plan.problems.length - 1} more)` : '';
        throw new ApiError(
          400,
          'invalid_field',
          `invalid value for "${first.field}": ${first.message}${more}`,
          first.field,
        );
      }
      const summary = summarize(plan.changes);
      if (!dryRun) {
        try {
          plan.apply();
        } catch (err) {
          throw new ApiError(409, 'import_failed', `nothing was applied: ${redactSecrets((err as Error).message)}`);
        }
        recordAudit(input, 'config.import', null, null, {
          summary,
          changed: plan.changes
            .filter((c) => c.action === 'create' || c.action === 'update')
            .map((c) => ({ section: c.section, id: c.id, action: c.action, fields: c.fields })),
        });
      }
      return { dryRun, applied: !dryRun, changes: plan.changes, summary };
    },
  });
}

// POST /backup: a consistent copy of the whole database while the hub serves, streamed to the admin as a file.
import { randomBytes } from 'node:crypto';
import { createReadStream, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { journalPathFor } from '../../store/journal-file';
import { backupDatabase } from '../../store/online-backup';
import { recordAudit } from '../audit';
import { ApiError } from '../errors';
import { type AdminApi, defineRoute } from '../openapi';

/** Copies being written or sent live in the data directory (same disk and permissions as the database) under this. */
const TEMP_NAME = /^\.backup-[0-9a-f]{16}\.sqlite/;

/** A copy a killed hub left behind (while writing or sending it) is removed at start. */
function removeLeftovers(dataDir: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) if (TEMP_NAME.test(name)) rmSync(join(dataDir, name), { force: true });
}

/** `cchub-backup-2026-12-08T10-30-00Z.sqlite` */
function downloadName(now: number): string {
  return `cchub-backup-${new Date(now)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-')}.sqlite`;
}

export function registerBackupRoutes(api: AdminApi): void {
  const dataDir = api.ctx.config.dataDir;
  removeLeftovers(dataDir);
  let running = false;

  defineRoute(api, {
    method: 'post',
    path: '/backup',
    auth: 'admin',
    summary: 'Download a consistent backup of the whole database',
    description:
      'A SQLite database file taken with the online backup API while the hub keeps serving: every request answered ' +
      'before the call is in it (rows still in the request journal are folded into the copy). Restore: stop the hub, ' +
      'put the file in an empty data directory as cchub.sqlite with the same data key (secret.key or ' +
      'CCHUB_SECRET_KEY), start the hub. The copy is written to the data directory, then streamed and deleted. One ' +
      'backup at a time (409 while one runs).',
    responses: { 200: { stream: 'application/vnd.sqlite3', description: 'the database file' } },
    handler: async (input) => {
      const { ctx, res } = input;
      if (running) throw new ApiError(409, 'backup_in_progress', 'a backup is being taken; try again when it ends');
      running = true;
      const file = join(dataDir, `.backup-${randomBytes(8).toString('hex')}.sqlite`);
      try {
        const result = await backupDatabase(ctx.database.sqlite, journalPathFor(ctx.database.file), file);
        recordAudit(input, 'backup.create', null, null, { bytes: result.bytes, journalRows: result.journalRows });
        res.status(200);
        res.setHeader('content-type', 'application/vnd.sqlite3');
        res.setHeader('content-length', String(result.bytes));
        res.setHeader('content-disposition', `attachment; filename="${downloadName(ctx.clock.now())}"`);
        res.setHeader('cache-control', 'no-store');
        await pipeline(createReadStream(file), res).catch((err: unknown) => {
          ctx.logger.warn(`backup download ended early: ${String(err)}`);
        });
      } finally {
        rmSync(file, { force: true });
        running = false;
      }
    },
  });
}

// `cchub backup FILE [--data-dir DIR]`: a consistent copy of a data directory's database, the hub running or not.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DB_FILE, JOURNAL_FILE } from './db/data-dir-files';
import { backupDatabase, openForBackup, PAGES_PER_STEP } from './store/online-backup';

export interface BackupCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = 'usage: cchub backup FILE [--data-dir DIR]   (DIR defaults to CCHUB_DATA_DIR, then ./data)';

/** The file and data directory named by the arguments after `backup`; a string is the error to print. */
export function parseBackupArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { file: string; dataDir: string } | string {
  let file: string | undefined;
  let dataDir = env.CCHUB_DATA_DIR || './data';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--data-dir' || arg.startsWith('--data-dir=')) {
      const value = arg === '--data-dir' ? args[++i] : arg.slice('--data-dir='.length);
      if (!value) return '--data-dir needs a value';
      dataDir = value;
    } else if (arg.startsWith('-')) return `unknown flag ${arg}`;
    else if (file === undefined) file = arg;
    else return `unexpected argument ${arg}`;
  }
  if (file === undefined) return 'name the backup FILE';
  return { file: resolve(file), dataDir: resolve(dataDir) };
}

/**
 * Reads the data directory directly (no admin token, no network): SQLite lets this process read the database while the
 * hub writes it, and the journal's unfolded lines are folded into the copy (see store/online-backup). Nothing in the
 * data directory is changed. Returns the exit code.
 */
export async function runBackupCli(args: readonly string[], env: NodeJS.ProcessEnv, io: BackupCliIo): Promise<number> {
  const parsed = parseBackupArgs(args, env);
  if (typeof parsed === 'string') {
    io.stderr(`cchub: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const databaseFile = join(parsed.dataDir, DB_FILE);
  if (!existsSync(databaseFile)) {
    io.stderr(`cchub: no cchub database in ${parsed.dataDir} (expected ${DB_FILE})\n`);
    return 1;
  }
  try {
    const source = openForBackup(databaseFile);
    try {
      const result = await backupDatabase(
        source,
        join(parsed.dataDir, JOURNAL_FILE),
        parsed.file,
        PAGES_PER_STEP.otherProcess,
      );
      io.stdout(
        `cchub: backup of ${parsed.dataDir} written to ${parsed.file} (${result.bytes} bytes` +
          `${result.journalRows > 0 ? `, ${result.journalRows} request(s) from the journal` : ''})\n`,
      );
    } finally {
      source.close();
    }
    return 0;
  } catch (err) {
    io.stderr(`cchub: backup failed: ${(err as Error).message}\n`);
    return 1;
  }
}

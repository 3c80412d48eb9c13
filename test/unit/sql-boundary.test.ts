// Storage has one door: SQL and query building live under main/core/store/ and main/core/db/, nowhere else in main/.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/price-source';

/** What marks code that talks to the database itself rather than through a repository. */
const SQL_PATTERNS: [string, RegExp][] = [
  ['prepared statement', /\.prepare\(/],
  ['sql template', /\bsql`/],
  ['exec', /\b(sqlite|db|database|conn)\.exec\(/],
  ['query builder', /\b(db|tx)\s*\.\s*(select|selectDistinct|insert|update|delete|transaction|run|all|get|\$count)\(/],
  ['driver import', /^import\s+(?!type\b)[^;]*from\s+'(better-sqlite3|drizzle-orm[^']*)'/m],
];

const ALLOWED = ['main/core/store/', 'main/core/db/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `file: what` for every SQL use under `root`/main outside the store and db folders. */
function sqlOutsideStore(root: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(join(root, 'main'))) {
    const rel = relative(root, file).split(sep).join('/');
    if (ALLOWED.some((dir) => rel.startsWith(dir))) continue;
    const text = readFileSync(file, 'utf8');
    for (const [what, pattern] of SQL_PATTERNS) if (pattern.test(text)) found.push(`${rel}: ${what}`);
  }
  return found;
}

let tree = '';
afterEach(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
  tree = '';
});

function treeWith(files: Record<string, string>): string {
  tree = mkdtempSync(join(tmpdir(), 'cchub-sql-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(tree, dirname(name)), { recursive: true });
    writeFileSync(join(tree, name), text);
  }
  return tree;
}

describe('SQL lives only in store/ and db/', () => {
  it('holds for main/', () => {
    expect(sqlOutsideStore(REPO_ROOT)).toEqual([]);
  });

  it('finds each kind of statement outside them, and allows it inside', () => {
    const root = treeWith({
      'main/core/routing/a.ts': "const n = sqlite.prepare('SELECT 1').get();\n",
      'main/core/b.ts': 'const q = sql`SELECT 1`;\ndatabase.exec("VACUUM");\n',
      'main/core/admin/c.ts': "import { eq } from 'drizzle-orm';\nctx.database.db.select().from(users).all();\n",
      'main/desktop/d.ts': "import Database from 'better-sqlite3';\n",
      'main/core/admin/types-only.ts': "import type Database from 'better-sqlite3';\n",
      'main/core/store/users.ts': "import { eq } from 'drizzle-orm';\ndb.select().from(users);\nsqlite.prepare('x');\n",
      'main/core/db/connection.ts': "sqlite.prepare('SELECT count(*) FROM __drizzle_migrations');\n",
      'main/core/relay/e.test.ts': "sqlite.prepare('SELECT 1');\n",
    });
    expect(sqlOutsideStore(root).sort()).toEqual(
      [
        'main/core/admin/c.ts: driver import',
        'main/core/admin/c.ts: query builder',
        'main/core/b.ts: exec',
        'main/core/b.ts: sql template',
        'main/core/routing/a.ts: prepared statement',
        'main/desktop/d.ts: driver import',
      ].sort(),
    );
  });
});

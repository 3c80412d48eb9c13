// The users repository: queries, create/patch, and the row → API mapping. Deleting a user deletes its keys.
import { desc, eq } from 'drizzle-orm';
import type { UserCreate, UserUpdate } from '../../../shared/api-schemas';
import type { Db } from '../db/connection';
import { users } from '../db/schema';
import { newId } from '../ids';
import { fromIsoOrNull } from './iso';
import { limitsFromApi, mergeLimits } from './json-limits';
import { beforeCursor, type Cursor, type Page, toPage } from './paging';
import type { PageOptions, UsersRepository } from './repositories';

export type UserRow = typeof users.$inferSelect;

/** Every user, oldest first: what the relay's registry reads. */
export function listUsers(db: Db): UserRow[] {
  return db.select().from(users).orderBy(users.createdAt, users.id).all();
}

/** One page, newest first by (createdAt, id). */
export function listUsersPage(db: Db, opts: { limit: number; after?: Cursor }): Page<UserRow> {
  const rows = db
    .select()
    .from(users)
    .where(opts.after ? beforeCursor(users.createdAt, users.id, opts.after) : undefined)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(opts.limit + 1)
    .all();
  return toPage(rows, opts.limit);
}

export function getUser(db: Db, id: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function createUser(db: Db, input: UserCreate, now: number): UserRow {
  const row = userRowFrom(input, newId('usr'), now);
  db.insert(users).values(row).run();
  return row;
}

/** The row for a user with the API's defaults. */
export function userRowFrom(input: UserCreate, id: string, now: number): UserRow {
  return {
    id,
    name: input.name,
    note: input.note ?? '',
    role: input.role ?? 'user',
    enabled: input.enabled ?? true,
    expiresAt: fromIsoOrNull(input.expiresAt ?? null),
    groups: input.groups ?? [],
    allowedModels: input.allowedModels ?? [],
    rpm: input.rpm ?? null,
    limits: limitsFromApi(input.limits),
    clients: input.clients ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Applies a PATCH; undefined when there is no such user. */
export function updateUser(db: Db, id: string, patch: UserUpdate, now: number): UserRow | undefined {
  return db.transaction((tx) => {
    const current = tx.select().from(users).where(eq(users.id, id)).get();
    if (!current) return undefined;
    const next: UserRow = {
      ...current,
      name: patch.name ?? current.name,
      note: patch.note ?? current.note,
      role: patch.role ?? current.role,
      enabled: patch.enabled ?? current.enabled,
      expiresAt: patch.expiresAt === undefined ? current.expiresAt : fromIsoOrNull(patch.expiresAt),
      groups: patch.groups ?? current.groups,
      allowedModels: patch.allowedModels ?? current.allowedModels,
      rpm: patch.rpm === undefined ? current.rpm : patch.rpm,
      limits: mergeLimits(current.limits, patch.limits),
      clients: patch.clients === undefined ? current.clients : patch.clients,
      updatedAt: now,
    };
    const { id: _id, createdAt: _createdAt, ...changes } = next;
    tx.update(users).set(changes).where(eq(users.id, id)).run();
    return next;
  });
}

/** Deletes the user; its keys go with it (foreign key ON DELETE CASCADE). */
export function deleteUser(db: Db, id: string): boolean {
  return db.delete(users).where(eq(users.id, id)).run().changes > 0;
}

/** id → name of every user. */
export function userNames(db: Db): Map<string, string> {
  return new Map(
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .all()
      .map((r) => [r.id, r.name]),
  );
}

/** The users repository on SQLite. */
export class SqliteUsers implements UsersRepository<'sync'> {
  constructor(private readonly db: Db) {}
  list = () => listUsers(this.db);
  page = (opts: PageOptions) => listUsersPage(this.db, opts);
  get = (id: string) => getUser(this.db, id);
  create = (input: UserCreate, now: number) => createUser(this.db, input, now);
  update = (id: string, patch: UserUpdate, now: number) => updateUser(this.db, id, patch, now);
  delete = (id: string) => deleteUser(this.db, id);
  names = () => userNames(this.db);
}

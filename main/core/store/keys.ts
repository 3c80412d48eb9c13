// The hub keys repository: issuing a key (only its hash and display prefix are kept), queries, patches, mapping.
import { and, desc, eq } from 'drizzle-orm';
import type { KeyCreate, KeyUpdate } from '../../../shared/api-schemas';
import type { Db } from '../db/connection';
import { keys, users } from '../db/schema';
import { hashKey, keyDisplayPrefix, newHubKey, newId } from '../ids';
import { fromIsoOrNull } from './iso';
import { limitsFromApi, mergeLimits } from './json-limits';
import { beforeCursor, type Cursor, type Page, toPage } from './paging';
import type { KeysRepository, PageOptions } from './repositories';
import type { UserRow } from './users';

export type KeyRow = typeof keys.$inferSelect;

/** Every key, oldest first: what the relay's registry reads. The rows hold hashes, never keys. */
export function listKeys(db: Db): KeyRow[] {
  return db.select().from(keys).orderBy(keys.createdAt, keys.id).all();
}

/** One page, newest first by (createdAt, id), optionally one user's keys only. */
export function listKeysPage(db: Db, opts: { limit: number; after?: Cursor; userId?: string }): Page<KeyRow> {
  const rows = db
    .select()
    .from(keys)
    .where(
      and(
        opts.userId === undefined ? undefined : eq(keys.userId, opts.userId),
        opts.after ? beforeCursor(keys.createdAt, keys.id, opts.after) : undefined,
      ),
    )
    .orderBy(desc(keys.createdAt), desc(keys.id))
    .limit(opts.limit + 1)
    .all();
  return toPage(rows, opts.limit);
}

export function getKey(db: Db, id: string): KeyRow | undefined {
  return db.select().from(keys).where(eq(keys.id, id)).get();
}

/** The key with this SHA-256 hash and its user (for authentication); no validity checks here. */
export function findKeyByHash(db: Db, keyHash: string): { key: KeyRow; user: UserRow } | undefined {
  const row = db
    .select({ key: keys, user: users })
    .from(keys)
    .innerJoin(users, eq(users.id, keys.userId))
    .where(eq(keys.keyHash, keyHash))
    .get();
  return row ?? undefined;
}

/** Issues a new key for a user. The returned `key` is the only copy of the secret: show it once. */
export function createKey(db: Db, userId: string, input: KeyCreate, now: number): { row: KeyRow; key: string } {
  const key = newHubKey();
  const row: KeyRow = {
    id: newId('key'),
    userId,
    name: input.name,
    keyHash: hashKey(key),
    prefix: keyDisplayPrefix(key),
    enabled: input.enabled ?? true,
    expiresAt: fromIsoOrNull(input.expiresAt ?? null),
    canLogin: input.canLogin ?? false,
    groups: input.groups ?? null,
    limits: limitsFromApi(input.limits),
    clients: input.clients ?? null,
    retiresAt: null,
    lastUsedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  db.insert(keys).values(row).run();
  return { row, key };
}

/** Applies a PATCH; undefined when there is no such key. */
export function updateKey(db: Db, id: string, patch: KeyUpdate, now: number): KeyRow | undefined {
  return db.transaction((tx) => {
    const current = tx.select().from(keys).where(eq(keys.id, id)).get();
    if (!current) return undefined;
    const next: KeyRow = {
      ...current,
      name: patch.name ?? current.name,
      enabled: patch.enabled ?? current.enabled,
      expiresAt: patch.expiresAt === undefined ? current.expiresAt : fromIsoOrNull(patch.expiresAt),
      canLogin: patch.canLogin ?? current.canLogin,
      groups: patch.groups === undefined ? current.groups : patch.groups,
      limits: mergeLimits(current.limits, patch.limits),
      clients: patch.clients === undefined ? current.clients : patch.clients,
      updatedAt: now,
    };
    const { id: _id, createdAt: _createdAt, keyHash: _keyHash, ...changes } = next;
    tx.update(keys).set(changes).where(eq(keys.id, id)).run();
    return next;
  });
}

/**
 * Rotation: a new key with the old one's settings, and the old one retiring at `retiresAt` (kept if it already
 * retires sooner). undefined when there is no such key. The returned `key` is the only copy of the new secret.
 */
export function rotateKey(
  db: Db,
  id: string,
  retiresAt: number,
  now: number,
): { row: KeyRow; key: string; old: KeyRow } | undefined {
  return db.transaction((tx) => {
    const old = tx.select().from(keys).where(eq(keys.id, id)).get();
    if (!old) return undefined;
    const key = newHubKey();
    const row: KeyRow = {
      ...old,
      id: newId('key'),
      keyHash: hashKey(key),
      prefix: keyDisplayPrefix(key),
      retiresAt: null,
      lastUsedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    tx.insert(keys).values(row).run();
    const retires = old.retiresAt === null ? retiresAt : Math.min(old.retiresAt, retiresAt);
    tx.update(keys).set({ retiresAt: retires, updatedAt: now }).where(eq(keys.id, id)).run();
    return { row, key, old: { ...old, retiresAt: retires, updatedAt: now } };
  });
}

export function deleteKey(db: Db, id: string): boolean {
  return db.delete(keys).where(eq(keys.id, id)).run().changes > 0;
}

/** Every key with its user (the relay's registry is built from these). */
export function listKeysWithUsers(db: Db): { key: KeyRow; user: UserRow }[] {
  return db.select({ key: keys, user: users }).from(keys).innerJoin(users, eq(users.id, keys.userId)).all();
}

/** id → name of every key. */
export function keyNames(db: Db): Map<string, string> {
  return new Map(
    db
      .select({ id: keys.id, name: keys.name })
      .from(keys)
      .all()
      .map((r) => [r.id, r.name]),
  );
}

/** The keys repository on SQLite. */
export class SqliteKeys implements KeysRepository<'sync'> {
  constructor(private readonly db: Db) {}
  page = (opts: PageOptions & { userId?: string }) => listKeysPage(this.db, opts);
  get = (id: string) => getKey(this.db, id);
  listWithUsers = () => listKeysWithUsers(this.db);
  findByHash = (keyHash: string) => findKeyByHash(this.db, keyHash);
  create = (userId: string, input: KeyCreate, now: number) => createKey(this.db, userId, input, now);
  update = (id: string, patch: KeyUpdate, now: number) => updateKey(this.db, id, patch, now);
  rotate = (id: string, retiresAt: number, now: number) => rotateKey(this.db, id, retiresAt, now);
  delete = (id: string) => deleteKey(this.db, id);
  names = () => keyNames(this.db);
}

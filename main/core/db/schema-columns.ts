// Column helpers the schema files share: creation and update times in integer ms since the epoch.
import { integer } from 'drizzle-orm/sqlite-core';

export const createdAt = () => integer('created_at').notNull();
export const updatedAt = () => integer('updated_at').notNull();

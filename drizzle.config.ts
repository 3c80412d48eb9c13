// drizzle-kit settings: migrations are generated from main/core/db/schema.ts into main/core/db/migrations.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './main/core/db/schema.ts',
  out: './main/core/db/migrations',
});

// Finds the files the hub reads at run time (migrations, bundled prices, console bundle) wherever it runs from.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ResourceName = 'migrations' | 'prices' | 'console';

/** Path of each resource relative to the package root (the repo, the Docker image's /app, the packaged app). */
const RELATIVE: Record<ResourceName, string> = {
  migrations: 'main/core/db/migrations',
  prices: 'resources/prices.json',
  console: 'out/renderer',
};

/** The marker that identifies the package root: our own package.json next to the resources folder. */
function isPackageRoot(dir: string): boolean {
  return existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'));
}

/**
 * The package root, found by walking up from this module's own location (works from `main/core/` in the
 * repo and from `out/main/` after a build), then from `process.resourcesPath` (packaged Electron app).
 * The working directory never matters.
 */
export function findPackageRoot(startDir = dirname(fileURLToPath(import.meta.url))): string {
  const override = process.env.CCHUB_RESOURCES_DIR;
  if (override) return resolve(override);
  for (let dir = startDir; ; dir = dirname(dir)) {
    if (isPackageRoot(dir)) return dir;
    if (dirname(dir) === dir) break;
  }
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged) {
    for (const candidate of [join(packaged, 'app.asar.unpacked'), join(packaged, 'app')]) {
      if (isPackageRoot(candidate)) return candidate;
    }
  }
  throw new Error(`cchub: cannot find its package root from ${startDir} (set CCHUB_RESOURCES_DIR)`);
}

let cachedRoot: string | undefined;

/** Absolute path of a run-time resource. */
export function resourcePath(name: ResourceName, root?: string): string {
  if (!root && !cachedRoot) cachedRoot = findPackageRoot();
  const base = root ?? (cachedRoot as string);
  return join(base, RELATIVE[name]);
}

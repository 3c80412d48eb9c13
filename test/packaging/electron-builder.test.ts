// The desktop packaging config, checked without packaging (that needs Electron's downloads): schema, targets,
// the run-time files the resource resolver looks for, the native rebuild, and the icons.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ResourceName, resourcePath } from '../../main/core/resources';
import { REPO_ROOT } from '../helpers/spawn-hub';

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  directories: { buildResources: string; output: string };
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string; entitlements: string };
  win: { target: string[]; icon: string };
}

const config = parse(readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): [number, number] {
  const b = readFileSync(path);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

const covers = (patterns: string[], path: string) =>
  patterns.some((p) => {
    const base = p.replace(/\/\*\*(\/\*)?$/, '');
    return path === base || path.startsWith(`${base}/`);
  });

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    // electron-builder's own modules (its dependencies app-builder-lib and builder-util).
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = await import('builder-util');
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, dmg, nsis from build/', () => {
    expect(config.directories).toEqual({ buildResources: 'build', output: 'dist' });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const file of [config.linux.icon, config.mac.icon, config.win.icon, config.mac.entitlements]) {
      expect(existsSync(join(REPO_ROOT, file)), file).toBe(true);
    }
  });

  it('packs and unpacks every run-time resource the resolver looks for, and the API docs assets', () => {
    const relative = (name: ResourceName) => resourcePath(name, '/ROOT').slice('/ROOT/'.length);
    expect(covers(config.files, 'package.json')).toBe(true);
    expect(covers(config.files, pkg.main)).toBe(true);
    expect(covers(config.files, 'out/preload/index.cjs')).toBe(true);
    for (const name of ['migrations', 'prices', 'console'] as const) {
      expect(covers(config.files, relative(name)), `${name} packed`).toBe(true);
      expect(covers(config.asarUnpack, relative(name)), `${name} unpacked`).toBe(true);
    }
    // The resolver's marker: package.json beside a resources folder.
    expect(covers(config.files, 'resources/tray.png')).toBe(true);
    for (const dep of ['node_modules/swagger-ui-dist', 'node_modules/@scalar/api-reference']) {
      expect(covers(config.asarUnpack, dep), dep).toBe(true);
    }
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('packs the native modules as installed: N-API prebuilds for every target, no rebuild, no install hooks', () => {
    expect(config.npmRebuild).toBe(false);
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook]).toBeUndefined();
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
    // Only sound while better-sqlite3 builds nothing on install and carries a binary for each packaged platform.
    const sqlite = join(REPO_ROOT, 'node_modules', 'better-sqlite3');
    const sqlitePkg = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')) as {
      gypfile?: boolean;
      scripts?: Record<string, string>;
    };
    expect(sqlitePkg.gypfile).toBe(false);
    expect(sqlitePkg.scripts?.install).toBeUndefined();
    for (const target of ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64']) {
      expect(existsSync(join(sqlite, 'prebuilds', `${target}.node`)), target).toBe(true);
    }
  });
});

describe('icons', () => {
  it('app icon large enough for icns and ico; tray icons at 1x and 2x, template ones for macOS', () => {
    const [w, h] = pngSize(join(REPO_ROOT, 'build', 'icon.png'));
    expect(w).toBe(h);
    expect(w).toBeGreaterThanOrEqual(512);
    expect(pngSize(join(REPO_ROOT, 'resources', 'icon.png'))).toEqual([256, 256]);
    for (const name of ['tray', 'trayTemplate']) {
      expect(pngSize(join(REPO_ROOT, 'resources', `${name}.png`))).toEqual([16, 16]);
      expect(pngSize(join(REPO_ROOT, 'resources', `${name}@2x.png`))).toEqual([32, 32]);
    }
  });
});

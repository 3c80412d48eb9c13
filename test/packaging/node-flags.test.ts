// Every way of starting the headless hub passes the same V8 flags (scripts/node-flags.mjs; the Dockerfile's CMD is
// checked with the rest of the image in docker-steps.test.ts).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUB_NODE_FLAGS } from '../../scripts/node-flags.mjs';
import { REPO_ROOT } from '../helpers/spawn-hub';

describe('hub V8 flags', () => {
  it('npm start passes them to the process that runs the hub', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(`node ${HUB_NODE_FLAGS.join(' ')} scripts/start.mjs`);
  });

  it('the cchub command passes them through its shebang', () => {
    const shebang = readFileSync(join(REPO_ROOT, 'bin/cchub.js'), 'utf8').split('\n')[0];
    expect(shebang).toBe(`#!/usr/bin/env -S node ${HUB_NODE_FLAGS.join(' ')}`);
  });

  it('are flags this Node accepts', () => {
    const r = spawnSync(process.execPath, [...HUB_NODE_FLAGS, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

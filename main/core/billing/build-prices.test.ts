// Tests for scripts/build-prices.mjs and the committed resources/prices.json it produces.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LITELLM_SOURCE_PATH, REPO_ROOT as repoRoot } from '../../../test/helpers/price-source';

const sourcePath = LITELLM_SOURCE_PATH;
const bundledPath = path.join(repoRoot, 'resources', 'prices.json');
const script = path.join(repoRoot, 'scripts', 'build-prices.mjs');

type Entry = Record<string, unknown>;
const sourceText = readFileSync(sourcePath, 'utf8');
const source = JSON.parse(sourceText) as Record<string, Entry>;
const bundledText = readFileSync(bundledPath, 'utf8');
const bundled = JSON.parse(bundledText) as {
  source: { file: string; sha256: string; models: number };
  models: Record<string, Entry>;
};

const tmp = mkdtempSync(path.join(tmpdir(), 'cchub-prices-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('build-prices', () => {
  it('is reproducible: with no source named it builds from the repository snapshot, byte for byte the committed file', () => {
    const out = path.join(tmp, 'prices.json');
    execFileSync(process.execPath, [script, '--out', out], { stdio: 'pipe', cwd: tmp });
    expect(readFileSync(out, 'utf8')).toBe(bundledText);
  });

  it('refreshes from another file named as its argument', () => {
    const other = path.join(tmp, 'other-prices.json');
    const entry = { mode: 'chat', litellm_provider: 'x', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };
    writeFileSync(
      other,
      JSON.stringify({
        'zeta-model': entry,
        'alpha-model': entry,
        'an-embedder': { mode: 'embedding', input_cost_per_token: 1e-8 },
        'an-image-model': { mode: 'image_generation' },
      }),
    );
    const out = path.join(tmp, 'refreshed.json');
    execFileSync(process.execPath, [script, other, '--out', out], { stdio: 'pipe' });
    const refreshed = JSON.parse(readFileSync(out, 'utf8')) as typeof bundled;
    expect(refreshed.source).toEqual({
      file: 'other-prices.json',
      sha256: createHash('sha256').update(readFileSync(other)).digest('hex'),
      models: 3,
    });
    expect(Object.keys(refreshed.models)).toEqual(['alpha-model', 'an-embedder', 'zeta-model']);
  });

  it('keeps exactly the chat / responses / completion / embedding entries, and only those', () => {
    const kept = ['chat', 'responses', 'completion', 'embedding'];
    const expected = Object.keys(source).filter((name) => kept.includes(source[name]?.mode as string));
    expect(expected.length).toBeGreaterThan(2000);
    expect(Object.keys(bundled.models).length).toBe(expected.length);
    expect(bundled.source.models).toBe(expected.length);
    expect(new Set(Object.keys(bundled.models))).toEqual(new Set(expected));
    for (const entry of Object.values(bundled.models)) expect(kept).toContain(entry.mode);
    expect(bundled.models.sample_spec).toBeUndefined();
    expect(bundled.models['text-embedding-3-small']).toEqual(source['text-embedding-3-small']);
    expect(bundled.models['gemini/gemini-embedding-001']?.mode).toBe('embedding');
    expect(Object.values(source).some((e) => e.mode === 'image_generation')).toBe(true);
    expect(Object.values(bundled.models).some((e) => e.mode === 'image_generation')).toBe(false);
  });

  it('keeps every field verbatim', () => {
    for (const name of ['claude-sonnet-4-5', 'claude-opus-4-1', 'gpt-4o', 'gpt-4o-2024-08-06', 'gemini-2.5-pro']) {
      expect(bundled.models[name], name).toEqual(source[name]);
    }
    const sonnet = bundled.models['claude-sonnet-4-5'];
    expect(sonnet?.input_cost_per_token).toBe(3e-6);
    expect(sonnet?.output_cost_per_token).toBe(1.5e-5);
    expect(sonnet?.cache_read_input_token_cost).toBe(3e-7);
    expect(sonnet?.cache_creation_input_token_cost).toBe(3.75e-6);
    expect(sonnet?.cache_creation_input_token_cost_above_1hr).toBe(6e-6);
    expect(sonnet?.input_cost_per_token_above_200k_tokens).toBe(6e-6);
    expect(bundled.models['gpt-4o']?.input_cost_per_token).toBe(2.5e-6);
    expect(bundled.models['gpt-4o']?.output_cost_per_token).toBe(1e-5);
  });

  it('records the source file and its sha256, sorts models by name, one entry per line', () => {
    expect(bundled.source.file).toBe('litellm-model-prices.json');
    expect(bundled.source.sha256).toBe(createHash('sha256').update(readFileSync(sourcePath)).digest('hex'));
    const names = Object.keys(bundled.models);
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(names).toEqual(sorted);
    expect(bundledText.split('\n').length).toBe(names.length + 3);
  });
});

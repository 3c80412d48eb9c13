// Tests for the LiteLLM entry schema and parseLiteLlmTable on the real file, the bundled file and broken files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LITELLM_SOURCE_PATH, REPO_ROOT as repoRoot } from '../../../test/helpers/price-source';
import { PriceImportError, parseLiteLlmTable } from './price-data';

const raw = JSON.parse(readFileSync(LITELLM_SOURCE_PATH, 'utf8')) as Record<string, Record<string, unknown>>;
const bundled: unknown = JSON.parse(readFileSync(path.join(repoRoot, 'resources', 'prices.json'), 'utf8'));

const ok = { mode: 'chat', litellm_provider: 'x', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };

function importError(json: unknown): PriceImportError {
  try {
    parseLiteLlmTable(json);
  } catch (error) {
    if (error instanceof PriceImportError) return error;
    throw error;
  }
  throw new Error('expected a PriceImportError');
}

describe('parseLiteLlmTable', () => {
  it('parses the raw LiteLLM file: kept modes plus mode-less entries with token prices', () => {
    const kept = new Set(['chat', 'responses', 'completion', 'embedding']);
    const expected = Object.entries(raw).filter(([name, e]) => {
      if (name === 'sample_spec') return false;
      if (e.mode === undefined) return e.input_cost_per_token !== undefined || e.output_cost_per_token !== undefined;
      return kept.has(String(e.mode));
    });
    const { models, skipped } = parseLiteLlmTable(raw);
    expect(models.size).toBe(expected.length);
    expect(models.size + skipped.length).toBe(Object.keys(raw).length);
    expect(models.has('sample_spec')).toBe(false);
    expect(skipped).toContainEqual({ model: 'sample_spec', reason: 'schema sample' });
    expect(skipped.some((s) => s.reason === 'mode image_generation')).toBe(true);
    expect(models.get('text-embedding-3-small')?.mode).toBe('embedding');
    // Mode-less entry with token prices is kept; a mode-less rules entry is not.
    expect(models.get('fireworks-ai-up-to-4b')?.input_cost_per_token).toBe(2e-7);
    expect(models.has('fallback_generalizations')).toBe(false);
  });

  it('keeps entries verbatim, including untyped and tiered fields', () => {
    const { models } = parseLiteLlmTable(raw);
    const sonnet = models.get('claude-sonnet-4-5');
    expect(sonnet).toEqual(raw['claude-sonnet-4-5']);
    expect(sonnet?.cache_creation_input_token_cost_above_1hr_above_200k_tokens).toBe(1.2e-5);
    expect(sonnet?.supports_prompt_caching).toBe(true);
    expect(sonnet?.search_context_cost_per_query).toEqual(raw['claude-sonnet-4-5']?.search_context_cost_per_query);
  });

  it('parses the bundled shape', () => {
    const { models } = parseLiteLlmTable(bundled);
    const expected = Object.values(raw).filter((e) =>
      ['chat', 'responses', 'completion', 'embedding'].includes(String(e.mode)),
    );
    expect(models.size).toBe(expected.length);
    expect(models.get('gpt-4o')).toEqual(raw['gpt-4o']);
  });

  it('rejects a negative price, naming the model and field', () => {
    const error = importError({ good: ok, 'bad-model': { ...ok, output_cost_per_token: -1e-6 } });
    expect(error.model).toBe('bad-model');
    expect(error.field).toBe('output_cost_per_token');
    expect(error.message).toContain('"bad-model"');
    expect(error.message).toContain('output_cost_per_token');
    expect(error.message).toContain('negative');
  });

  it('rejects a string price, naming the model and field', () => {
    const error = importError({ 'm-1': { ...ok, input_cost_per_token: '0.000003' } });
    expect(error.model).toBe('m-1');
    expect(error.field).toBe('input_cost_per_token');
    expect(error.message).toMatch(/"m-1".*input_cost_per_token.*must be a number/);
  });

  it('validates untyped price fields too, nested ones included', () => {
    expect(importError({ m: { ...ok, input_cost_per_token_above_272k_tokens: 'x' } }).field).toBe(
      'input_cost_per_token_above_272k_tokens',
    );
    const nested = importError({ m: { ...ok, search_context_cost_per_query: { search_context_size_low: -1 } } });
    expect(nested.field).toBe('search_context_cost_per_query');
    expect(nested.message).toContain('search_context_size_low');
  });

  it('rejects a bad mode type and a non-object entry', () => {
    expect(importError({ m: { ...ok, mode: 3 } }).field).toBe('mode');
    expect(importError({ m: ok, n: 'oops' }).model).toBe('n');
  });

  it('does not validate entries it skips', () => {
    const { models, skipped } = parseLiteLlmTable({
      m: ok,
      img: { mode: 'image_generation', input_cost_per_token: 'x' },
    });
    expect([...models.keys()]).toEqual(['m']);
    expect(skipped).toEqual([{ model: 'img', reason: 'mode image_generation' }]);
  });

  it('rejects a top-level array, a non-object and an empty or unusable table', () => {
    expect(importError([ok]).message).toMatch(/JSON object.*array/);
    expect(importError(null).message).toMatch(/JSON object/);
    expect(importError('{}').message).toMatch(/JSON object/);
    expect(importError({}).message).toMatch(/no usable model/);
    expect(importError({ sample_spec: ok, e: { mode: 'image_generation' } }).message).toMatch(/no usable model/);
  });
});

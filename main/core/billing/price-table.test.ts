// Tests for PriceTable: layer precedence, model-name matching, search pagination, and the bundled loader.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PriceData } from './price-data';
import { loadBundledPrices, PriceTable } from './price-table';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const p = (input: number, provider = 'anthropic'): PriceData => ({
  mode: 'chat',
  litellm_provider: provider,
  input_cost_per_token: input,
  output_cost_per_token: input * 5,
});

function tableOf(names: string[]): PriceTable {
  const table = new PriceTable();
  table.setLayer('bundled', new Map(names.map((n, i) => [n, p((i + 1) * 1e-6)])));
  return table;
}

describe('PriceTable layers', () => {
  it('manual wins over import wins over bundled; delete reveals the lower layer', () => {
    const table = new PriceTable();
    table.setLayer('bundled', new Map([['m', p(1e-6)]]));
    expect(table.lookup('m')).toEqual({ model: 'm', source: 'bundled', data: p(1e-6) });

    table.setLayer('import', new Map([['m', p(2e-6)]]));
    expect(table.lookup('m')?.source).toBe('import');

    table.set('manual', 'm', p(3e-6));
    expect(table.lookup('m')).toEqual({ model: 'm', source: 'manual', data: p(3e-6) });

    // A newer bundled snapshot does not override the manual entry.
    table.setLayer('bundled', new Map([['m', p(9e-6)]]));
    expect(table.lookup('m')?.data.input_cost_per_token).toBe(3e-6);

    expect(table.delete('manual', 'm')).toBe(true);
    expect(table.lookup('m')).toEqual({ model: 'm', source: 'import', data: p(2e-6) });
    expect(table.delete('import', 'm')).toBe(true);
    expect(table.lookup('m')).toEqual({ model: 'm', source: 'bundled', data: p(9e-6) });
    expect(table.delete('bundled', 'm')).toBe(true);
    expect(table.lookup('m')).toBeUndefined();
    expect(table.delete('bundled', 'm')).toBe(false);
  });

  it('counts distinct models across layers', () => {
    const table = tableOf(['a', 'b']);
    table.set('import', 'b', p(1e-6));
    table.set('manual', 'c', p(1e-6));
    expect(table.size).toBe(3);
    expect(table.layer('bundled').size).toBe(2);
  });

  it('setLayer copies the map it is given', () => {
    const models = new Map([['a', p(1e-6)]]);
    const table = new PriceTable();
    table.setLayer('import', models);
    models.set('b', p(1e-6));
    expect(table.lookup('b')).toBeUndefined();
  });
});

describe('PriceTable.lookup name matching', () => {
  const table = tableOf(['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'gpt-4o', 'openrouter/anthropic/x']);

  it('matches exactly, then case-insensitively', () => {
    expect(table.lookup('gpt-4o')?.model).toBe('gpt-4o');
    expect(table.lookup('GPT-4o')?.model).toBe('gpt-4o');
    expect(table.lookup('Claude-Sonnet-4-5')?.model).toBe('claude-sonnet-4-5');
  });

  it('strips vendor prefixes one segment at a time', () => {
    expect(table.lookup('anthropic/claude-sonnet-4-5')?.model).toBe('claude-sonnet-4-5');
    expect(table.lookup('OpenAI/GPT-4o')?.model).toBe('gpt-4o');
    expect(table.lookup('a/b/gpt-4o')?.model).toBe('gpt-4o');
    expect(table.lookup('openrouter/anthropic/x')?.model).toBe('openrouter/anthropic/x');
    // A bare name never matches a prefixed table name.
    expect(table.lookup('x')).toBeUndefined();
  });

  it('does not guess between dated and undated names', () => {
    expect(table.lookup('gpt-4o-2024-08-06')).toBeUndefined();
    expect(table.lookup('claude-sonnet-4-5-20250929')?.model).toBe('claude-sonnet-4-5-20250929');
    const undatedOnly = tableOf(['claude-opus-4-1']);
    expect(undatedOnly.lookup('claude-opus-4-1-20250805')).toBeUndefined();
    const datedOnly = tableOf(['claude-opus-4-1-20250805']);
    expect(datedOnly.lookup('claude-opus-4-1')).toBeUndefined();
  });

  it('prefers the exact name when two names differ only by case', () => {
    const t = tableOf(['Model-A', 'model-a']);
    expect(t.lookup('model-a')?.model).toBe('model-a');
    expect(t.lookup('Model-A')?.model).toBe('Model-A');
    expect(t.lookup('MODEL-A')?.model).toBe('Model-A'); // code-unit order: uppercase sorts first
  });

  it('sees changes made after the first lookup', () => {
    const t = tableOf(['a']);
    expect(t.lookup('B')).toBeUndefined();
    t.set('manual', 'b', p(1e-6));
    expect(t.lookup('B')?.source).toBe('manual');
  });
});

describe('PriceTable.search', () => {
  const table = tableOf(['gpt-4o', 'claude-b', 'claude-a', 'gemini-2.5-pro', 'claude-c', 'Claude-D']);
  table.set('manual', 'claude-c', p(7e-6, 'custom'));
  table.set('import', 'deepseek-chat', p(1e-7, 'deepseek'));

  it('pages through sorted entries with their effective source', () => {
    const first = table.search('', 3);
    expect(first.items.map((e) => e.model)).toEqual(['Claude-D', 'claude-a', 'claude-b']);
    expect(first.nextAfter).toBe('claude-b');
    const second = table.search('', 3, first.nextAfter ?? undefined);
    expect(second.items.map((e) => e.model)).toEqual(['claude-c', 'deepseek-chat', 'gemini-2.5-pro']);
    expect(second.items.map((e) => e.source)).toEqual(['manual', 'import', 'bundled']);
    expect(second.nextAfter).toBe('gemini-2.5-pro');
    const third = table.search('', 3, second.nextAfter ?? undefined);
    expect(third).toEqual({ items: [expect.objectContaining({ model: 'gpt-4o' })], nextAfter: null });
  });

  it('puts the model named exactly first, then pages on in name order without repeating it', () => {
    const named = tableOf(['gpt-4o-mini', 'gpt-4o', 'azure/gpt-4o', 'gpt-4']);
    expect(named.search('GPT-4o', 10).items.map((e) => e.model)).toEqual(['gpt-4o', 'azure/gpt-4o', 'gpt-4o-mini']);
    const first = named.search('gpt-4o', 2);
    expect(first.items.map((e) => e.model)).toEqual(['gpt-4o', 'azure/gpt-4o']);
    const second = named.search('gpt-4o', 2, first.nextAfter ?? undefined);
    expect(second).toEqual({ items: [expect.objectContaining({ model: 'gpt-4o-mini' })], nextAfter: null });
  });

  it('gives no next cursor when the page ends exactly at the last match', () => {
    expect(table.search('claude', 4).nextAfter).toBeNull();
    expect(table.search('claude', 3).nextAfter).toBe('claude-b');
  });

  it('filters case-insensitively on model name or provider', () => {
    expect(table.search('CLAUDE', 10).items.map((e) => e.model)).toEqual([
      'Claude-D',
      'claude-a',
      'claude-b',
      'claude-c',
    ]);
    expect(table.search('deepseek', 10).items.map((e) => e.model)).toEqual(['deepseek-chat']);
    // claude-c's manual entry is provider "custom", the others "anthropic"
    expect(table.search('anthropic', 10).items.map((e) => e.model)).not.toContain('claude-c');
    expect(table.search('custom', 10).items.map((e) => e.model)).toEqual(['claude-c']);
    expect(table.search('claude', 2, 'claude-a').items.map((e) => e.model)).toEqual(['claude-b', 'claude-c']);
    expect(table.search('nothing', 10)).toEqual({ items: [], nextAfter: null });
  });

  it('accepts a cursor that is not itself a model name', () => {
    expect(table.search('', 1, 'claude-bb').items.map((e) => e.model)).toEqual(['claude-c']);
    expect(table.search('', 1, 'zzz')).toEqual({ items: [], nextAfter: null });
  });
});

describe('loadBundledPrices', () => {
  it('loads resources/prices.json into a table', () => {
    const models = loadBundledPrices(path.join(repoRoot, 'resources', 'prices.json'));
    expect(models.size).toBeGreaterThan(2000);
    const table = new PriceTable();
    table.setLayer('bundled', models);
    expect(table.lookup('anthropic/claude-sonnet-4-5')).toMatchObject({
      model: 'claude-sonnet-4-5',
      source: 'bundled',
      data: { input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 },
    });
    expect(table.lookup('text-embedding-3-small')?.data).toMatchObject({ mode: 'embedding' });
    expect(table.lookup('dall-e-3')).toBeUndefined(); // image generation: not bundled
  });
});

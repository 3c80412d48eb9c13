// Anthropic refuses thinking.budget_tokens not below max_tokens: the request with a budget that fits.
import type { ReactiveFix } from './reactive-fix';

/** Anthropic's smallest thinking budget. */
const MIN_BUDGET = 1024;

/**
 * "`max_tokens` must be greater than `thinking.budget_tokens`". The client's max_tokens is its cap on the answer and
 * stays: the budget becomes max_tokens - 1, or, when that is under Anthropic's minimum, thinking is switched off.
 */
export const thinkingBudgetFix: ReactiveFix = {
  name: 'thinking-budget',
  format: 'anthropic',
  recognises: (text) => /max_tokens\W{0,3}must be greater than\W{0,3}thinking\.budget_tokens/i.test(text),
  correct(members) {
    const maxTokens = members.value('max_tokens');
    const thinking = members.value('thinking') as { type?: unknown; budget_tokens?: unknown } | undefined;
    if (typeof maxTokens !== 'number' || typeof thinking?.budget_tokens !== 'number') return undefined;
    if (thinking.budget_tokens < maxTokens) return undefined;
    const budget = maxTokens - 1;
    return members.edit({
      thinking: budget >= MIN_BUDGET ? JSON.stringify({ ...thinking, budget_tokens: budget }) : null,
    });
  },
};

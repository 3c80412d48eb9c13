// Reasoning asked for in one format's terms, read in another's: a token budget (Anthropic, Gemini) and an effort
// (OpenAI) stand for each other at fixed points.

export type Effort = 'minimal' | 'low' | 'medium' | 'high';

/** The thinking budget an effort stands for (medium when none is named). */
export function effortBudget(effort: string | undefined): number {
  switch (effort) {
    case 'minimal':
      return 0;
    case 'low':
      return 2048;
    case 'high':
      return 24576;
    default:
      return 8192;
  }
}

/** The effort a thinking budget stands for: under 4096 low, under 16384 medium, else high (medium when none). */
export function budgetEffort(budget: number | undefined): Effort {
  if (budget === undefined) return 'medium';
  if (budget < 4096) return 'low';
  if (budget < 16384) return 'medium';
  return 'high';
}

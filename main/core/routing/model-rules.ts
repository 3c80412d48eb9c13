// The model filter of selection: a provider serves a model its allowlist admits (model/model-rules.ts).
import { allowsModel } from '../model/model-rules';
import type { CandidateFilter } from './select';

/** The relay imports the redirect from here until its stages import model/ directly. */

/** Drops providers whose allowlist does not admit the requested model (redirects do not count for eligibility). */
export function modelFilter(): CandidateFilter {
  return (p, input) => {
    if (input.model === undefined || allowsModel(p.allowedModels, input.model)) return null;
    return `does not serve model ${input.model}`;
  };
}

// The hub's current content rules: the enabled ones compiled once per change, read by the relay and the rule tester.
import type { ContentRulesRepository } from '../store/repositories';
import { ContentRuleSet } from './rule-set';

export class ContentRuleBook {
  private set: ContentRuleSet = ContentRuleSet.EMPTY;

  constructor(private readonly source: Pick<ContentRulesRepository<'sync'>, 'list'>) {
    this.reload();
  }

  /** The rules in force; `size` 0 when none is enabled (the relay then reads no text at all). */
  get current(): ContentRuleSet {
    return this.set;
  }

  reload(): void {
    this.set = new ContentRuleSet(this.source.list().filter((r) => r.enabled));
  }
}

// Guard stage, content rules: the request's system prompt and user text against the enabled rules, before any
// upstream call; a hit is refused naming the rule, never the text. With no rule enabled nothing is read.
import type { ContentRuleSet } from '../content-rules/rule-set';
import type { Exchange } from './exchange';
import type { Refusal } from './refusal';

export function refuseContent(ex: Exchange, rules: ContentRuleSet): Refusal | undefined {
  if (rules.size === 0) return undefined;
  const rule = rules.firstMatch(ex.spec.promptText(ex.parsed.fields));
  if (!rule) return undefined;
  const message = `the request matches content rule ${rule.id} (${rule.match})${rule.note ? `: ${rule.note}` : ''}`;
  return { status: 400, code: 'content_rule', message, row: 'blocked', blockedBy: 'content_rule' };
}

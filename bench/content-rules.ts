// `npm run bench`, content rules: what the guard stage adds per request with 100 rules on a 70 KB Claude Code body
// (the prompt text read from the body, then every rule checked), in process on the hub's own modules.
import { performance } from 'node:perf_hooks';
import { ContentRuleSet } from '../main/core/content-rules/rule-set';
import { WIRE_FORMATS } from '../main/core/formats';
import { requestFieldsOf } from '../main/core/formats/common/request-fields';
// @ts-expect-error: a plain ES module without types
import { claudeCodeBody } from './claude-code-body.mjs';

const ITERATIONS = Number(process.env.BENCH_RULE_ITERATIONS ?? 2000);
const body = Buffer.from((claudeCodeBody as (o: { stream: boolean }) => string)({ stream: true }));
const spec = WIRE_FORMATS.anthropic;

type Kind = 'contains' | 'exact' | 'regex';
const rules = (kinds: Kind[]) =>
  new ContentRuleSet(
    kinds.map((match, i) => ({
      id: `cr${i}`,
      match,
      note: '',
      pattern:
        match === 'regex' ? `/(?:leaked|internal)[-_ ]?token[-_ ]${i}[0-9a-f]{8}/i` : `confidential phrase number ${i}`,
    })),
  );

/** Median microseconds of one request's check: the text read from the body's members, then the rule set run. */
function measure(set: ContentRuleSet): number {
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const fields = requestFieldsOf(body); // the parse stage's work, not counted
    const t0 = performance.now();
    if (set.size > 0 && set.firstMatch(spec.promptText(fields))) throw new Error('a bench rule matched');
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return (samples[Math.floor(samples.length / 2)] as number) * 1000;
}

const mix: Kind[] = [...Array(70).fill('contains'), ...Array(10).fill('exact'), ...Array(20).fill('regex')];
const cases: [string, ContentRuleSet][] = [
  ['no rules', ContentRuleSet.EMPTY],
  ['100 rules: 70 contains, 10 exact, 20 regex', rules(mix)],
  ['100 contains', rules(Array(100).fill('contains'))],
  ['100 regex', rules(Array(100).fill('regex'))],
];
const texts = spec.promptText(requestFieldsOf(body));
const chars = texts.reduce((n, t) => n + t.length, 0);
for (const [, set] of cases) measure(set); // warm-up
console.table(
  cases.map(([name, set]) => ({ 'content rules': name, 'added µs/request (median)': measure(set).toFixed(1) })),
);
process.stdout.write(
  `content rules: ${Math.round(body.length / 1024)} KB Claude Code body, ${texts.length} prompt texts of ` +
    `${chars} characters; ${ITERATIONS} requests per case, in process, median\n`,
);

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRubric, RubricError, DEFAULT_RUBRIC, CRITERION_IDS, TRAITS } from '../../src/core/grade';
import { MAX_PROMPT_CHARS } from '../../src/core/grade/rubric/rubric';

function problemsOf(text: string) {
  try {
    parseRubric(text, 'rubric.json');
  } catch (e) {
    assert.ok(e instanceof RubricError, String(e));
    return e.problems;
  }
  assert.fail('expected a RubricError');
}

describe('grade: rubric file validation', () => {
  it('fills defaults for an empty object and merges partial weights', () => {
    assert.deepEqual(parseRubric('{}'), DEFAULT_RUBRIC);
    const r = parseRubric('{"weights": {"fluency": 3}, "scale": {"min": 1, "max": 6, "step": 0.5}}');
    assert.equal(r.weights.fluency, 3);
    assert.equal(r.weights.vocabulary, DEFAULT_RUBRIC.weights.vocabulary);
    assert.deepEqual(r.scale, { min: 1, max: 6, step: 0.5 });
  });

  it('names the line, column and field of a wrong value', () => {
    const text = '{\n  "weights": {\n    "fluency": "high"\n  },\n  "scale": {"min": 5, "max": 1}\n}';
    const problems = problemsOf(text);
    assert.deepEqual(problems.map((p) => [p.field, p.line, p.column]), [['weights.fluency', 3, 16], ['scale.max', 5, 30]]);
    assert.match(problems[0].message, /a number >= 0 \(got "high"\)/);
    assert.match(problems[1].message, /greater than scale.min/);
  });

  it('rejects unknown fields and criteria (typos) with the expected names', () => {
    const problems = problemsOf('{"wieghts": {}, "weights": {"grammer": 1}}');
    assert.deepEqual(problems.map((p) => p.field), ['wieghts', 'weights.grammer']);
    assert.match(problems[1].message, new RegExp(CRITERION_IDS.join(', ')));
  });

  it('reports JSON syntax errors with their position', () => {
    const problems = problemsOf('{\n  "threshold": 0.5,\n}');
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /field name/);
    const err = (() => { try { parseRubric('{"scale": 3}', 'r.json'); } catch (e) { return e as Error; } })()!;
    assert.match(err.message, /r\.json:1:11: scale: must be an object/);
  });

  it('reads the feedback confidence, a probability from 0 to 1', () => {
    assert.equal(parseRubric('{"feedbackConfidence": 0.7}').feedbackConfidence, 0.7);
    assert.equal(parseRubric('{}').feedbackConfidence, DEFAULT_RUBRIC.feedbackConfidence);
    assert.deepEqual(problemsOf('{"feedbackConfidence": 1.5}').map((p) => [p.field, p.message]), [['feedbackConfidence', 'must be a probability from 0 to 1 (got 1.5)']]);
  });

  it('validates letter bands, expected words and the threshold', () => {
    const problems = problemsOf('{"letters": [{"letter": "A", "min": "x"}, 3], "expectedWords": {"min": 500, "max": 100}, "threshold": 1.5}');
    assert.deepEqual(problems.map((p) => p.field), ['letters.0.min', 'letters.1', 'expectedWords.max', 'threshold']);
  });

  it('reads the optional prompt and rejects an empty, non-string or overlong one with its line', () => {
    assert.equal(DEFAULT_RUBRIC.prompt, undefined);
    assert.equal(parseRubric('{"prompt": "Should schools offer distance learning?"}').prompt, 'Should schools offer distance learning?');
    const problems = problemsOf('{\n  "prompt": "  "\n}');
    assert.deepEqual(problems.map((p) => [p.field, p.line]), [['prompt', 2]]);
    assert.match(problems[0].message, /non-empty string/);
    assert.deepEqual(problemsOf('{"prompt": 3}').map((p) => p.field), ['prompt']);
    assert.match(problemsOf(JSON.stringify({ prompt: 'x'.repeat(MAX_PROMPT_CHARS + 1) }))[0].message, /at most/);
  });

  it('reads the analytic traits asked for, rejecting unknown and repeated ones', () => {
    assert.equal(DEFAULT_RUBRIC.analytic, undefined);
    assert.deepEqual(parseRubric('{"analytic": ["vocabulary", "grammar"]}').analytic, ['vocabulary', 'grammar']);
    assert.deepEqual(problemsOf('{"analytic": ["grammar", "style", "grammar"]}').map((p) => p.field), ['analytic.1', 'analytic.2']);
    assert.deepEqual(problemsOf('{"analytic": "grammar"}').map((p) => p.field), ['analytic']);
  });

  it('reads the score range and checks low < high', () => {
    assert.deepEqual(parseRubric('{"range": {"low": 0, "high": 100}}').range, { low: 0, high: 100 });
    assert.deepEqual(parseRubric('{"range": {"low": 20}}').range, { low: 20, high: DEFAULT_RUBRIC.range.high });
    assert.deepEqual(problemsOf('{"range": {"low": 80, "high": 50, "mid": 1}}').map((p) => p.field), ['range.mid', 'range.high']);
  });

  it('the JSON Schema lists the same fields and criteria as the validator', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/rubric.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties).sort(), ['$schema', 'analytic', 'expectedWords', 'feedbackConfidence', 'letters', 'prompt', 'range', 'scale', 'threshold', 'weights']);
    assert.deepEqual(Object.keys(schema.properties.weights.properties), [...CRITERION_IDS]);
    assert.equal(schema.additionalProperties, false);
    // The defaults in the schema are the defaults of the code.
    for (const id of CRITERION_IDS) assert.equal(schema.properties.weights.properties[id].default, DEFAULT_RUBRIC.weights[id]);
    assert.deepEqual(schema.properties.expectedWords.default, DEFAULT_RUBRIC.expectedWords);
    assert.equal(schema.properties.threshold.default, DEFAULT_RUBRIC.threshold);
    assert.equal(schema.properties.feedbackConfidence.default, DEFAULT_RUBRIC.feedbackConfidence);
    assert.deepEqual(schema.properties.range.default, DEFAULT_RUBRIC.range);
    assert.equal(schema.properties.prompt.maxLength, MAX_PROMPT_CHARS);
    assert.deepEqual(schema.properties.analytic.items.enum, [...TRAITS]);
  });
});

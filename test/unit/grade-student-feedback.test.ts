import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runGrade } from '../../src/cli/grade';
import { STATE_FILE } from '../../src/cli/grade-resume';
import type { CliIO } from '../../src/cli/io';
import { DEFAULT_MODEL_DIR } from '../../src/core/defaults';
import { locationAt, sentenceLocations } from '../../src/core/grade/measure/sentence-locations';
import { grade } from '../../src/core/grade';
import { feedbackPoints, fixText, POINT_KINDS, studentFeedbackMarkdown, studentFindings } from '../../src/core/grade/student-feedback';
import { scoredDoc } from './grade-fixtures';
import type { Finding } from '../../src/core/types';
import { docx } from './read-fixtures';

const REPO = resolve(__dirname, '../..');
const ESSAY = join(REPO, 'examples', 'essay.md');

/** A probability as the teacher's report writes one (0.42, .9, 93%, "likely"): never in a student's copy. */
const PROBABILITY = /(?<![\d.])0?\.\d+|\d\s*%|likely|probab/i;

const finding = (text: string, start: number, score: number, kind: Finding['kind'] = 'replaced-word', suggestions: Finding['suggestions'] = []): Finding =>
  ({ start, end: start + text.length, line: 1, column: start + 1, text, score, kind, message: 'm', suggestions });

function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd, readStdin: async () => new Uint8Array(), stderrIsTTY: false };
  return runGrade(args, io).then((code) => ({ code, stdout, stderr }));
}

describe('grade: feedback a student can act on', () => {
  it('locates sentences by paragraph and sentence number, whatever the line breaks', () => {
    const text = 'One. Two here.\n\nThree.\r\n\r\nFour. Five.\nSix.';
    const spans = ['One.', 'Two here.', 'Three.', 'Four.', 'Five.', 'Six.'].map((s) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length }));
    const locs = sentenceLocations(text, spans);
    assert.deepEqual(locs.map((l) => `${l.paragraph}.${l.sentence}`), ['1.1', '1.2', '2.1', '3.1', '3.2', '3.3'], 'a single line break does not end a paragraph');
    assert.equal(locationAt(locs, text.indexOf('here'))?.sentence, 2);
    assert.equal(locationAt(locs, text.indexOf('Six') + 1)?.sentence, 3);
    // A Markdown heading is no paragraph: the first paragraph after it is paragraph 1.
    const md = '# My title\n\nFirst one. Second.\n\n## Part two\nThird.';
    const mdSpans = ['My title', 'First one.', 'Second.', 'Part two', 'Third.'].map((s) => ({ start: md.indexOf(s), end: md.indexOf(s) + s.length }));
    assert.deepEqual(sentenceLocations(md, mdSpans).map((l) => (l.heading ? 'h' : `${l.paragraph}.${l.sentence}`)), ['h', '1.1', '1.2', 'h', '2.1']);
  });

  it('shows the student only findings at or above the feedback confidence (a repeated word always), and a fix only when sure enough', () => {
    const fs = [finding('we', 0, 0.42), finding('the', 10, 0.3, 'repeated-word', [{ kind: 'remove' }]), finding('informations', 20, 0.93)];
    assert.deepEqual(studentFindings(fs, 0.5).map((f) => f.text), ['the', 'informations']);
    assert.equal(fixText('Informations', [{ kind: 'replace', text: 'information', score: 0.1 }], 0.5), 'write "Information" instead of "Informations"');
    assert.equal(fixText('informations', [{ kind: 'replace', text: 'information', score: 0.7 }], 0.5), undefined, 'the model is not sure the fix fits');
    assert.equal(fixText('the', [{ kind: 'remove' }], 0.5), 'remove "the"');
    assert.equal(fixText('phones', [{ kind: 'insert', text: 'the', score: 0.2 }], 0.5), 'add "the" before "phones"');
  });

  it('names the kind of each point in plain words, from the word and its neighbour', () => {
    const text = 'They learns fast. She visit thier house.';
    const sentences = [{ start: 0, end: 17 }, { start: 18, end: text.length }];
    const points = feedbackPoints(text, sentences, [finding('learns', 5, 0.9), finding('thier', 28, 0.9), finding('house', 34, 0.9)], 0.5);
    assert.deepEqual(points.map((p) => [p.kind, p.where?.paragraph, p.where?.sentence]), [['agreement', 1, 1], ['spelling', 1, 2], ['word-choice', 1, 2]]);
    for (const k of Object.values(POINT_KINDS)) assert.ok(!PROBABILITY.test(k.explanation) && k.explanation.length < 140, k.label);
  });

  it('says only that there is no text when a submission has no words (no strengths invented)', () => {
    const empty = grade(scoredDoc('', () => 0), '');
    const md = studentFeedbackMarkdown('empty.docx', empty, '', []);
    assert.match(md, /There is no text to grade/);
    assert.doesNotMatch(md, /What you do well/);
  });

    describe('the student\'s copy and the teacher\'s report of examples/essay.md and a .docx (shipped model)', function () {
    this.timeout(120_000);
    let dir: string;
    let student: string;
    let teacher: string;
    let fromDocx: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ef-feedback-'));
      const essay = readFileSync(ESSAY, 'utf8');
      // The essay's paragraphs as a Word document (front matter and heading left out).
      const paragraphs = essay.split(/\n\s*\n/).filter((p) => !p.startsWith('---') && !p.startsWith('#')).map((p) => p.replace(/`/g, ''));
      mkdirSync(join(dir, 'class'));
      writeFileSync(join(dir, 'class', 'essay.docx'), docx(paragraphs));
      const r = await run(['--model', DEFAULT_MODEL_DIR, '--provider', 'cpu', '--out', join(dir, 'out'), '--format', 'json', ESSAY, join(dir, 'class', 'essay.docx')], REPO);
      assert.equal(r.code, 0, r.stderr);
      // Feedback files are named for the path as given (absolute here): find them by their ending.
      const named = (folder: string, end: string) => join(folder, readdirSync(folder).find((f) => f.endsWith(end))!);
      student = readFileSync(named(join(dir, 'out'), 'essay.md.md'), 'utf8');
      teacher = readFileSync(named(join(dir, 'out', 'teacher'), 'essay.md.md'), 'utf8');
      fromDocx = readFileSync(named(join(dir, 'out'), 'essay.docx.md'), 'utf8');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the student\'s copy beside the teacher\'s folder', () => {
      const files = readdirSync(join(dir, 'out')).filter((f) => f !== STATE_FILE).sort();
      assert.equal(files.length, 3);
      assert.ok(files.includes('teacher') && files.filter((f) => f.endsWith('.md')).length === 2, files.join(', '));
      assert.deepEqual(readdirSync(join(dir, 'out', 'teacher')).sort(), files.filter((f) => f !== 'teacher'));
    });

    it('contains no probabilities, in the .md\'s copy and the .docx\'s', () => {
      for (const [name, md] of [['essay.md', student], ['essay.docx', fromDocx]]) {
        const hit = PROBABILITY.exec(md);
        assert.equal(hit, null, `${name}: "${hit?.[0]}" in …${md.slice(Math.max(0, (hit?.index ?? 0) - 60), (hit?.index ?? 0) + 40)}…`);
      }
    });

    it('locates each point by paragraph and sentence, names its kind in plain words and gives the fixes it is sure of', () => {
      for (const md of [student, fromDocx]) {
        assert.ok(!/\bLine \d/.test(md), 'no line numbers');
        assert.match(md, /## What you do well\n\n- /);
        const points = md.split('\n').filter((l) => /^\d+\. \*\*Paragraph \d+, sentence \d+:\*\* /.test(l));
        assert.ok(points.length >= 2, `points with their location:\n${md}`);
        // The mix-up the homophone check is sure of, with its fix, and the repeated word (a rule).
        assert.match(md, /\*\*there\*\* phones away[^\n]*\n {3}\*Mixed-up word\.\* [^\n]*\*\*Try:\*\* write "their" instead of "there"\./);
        assert.match(md, /without the \*\*the\*\* distractions[^\n]*\n {3}\*Repeated word\.\* [^\n]*\*\*Try:\*\* remove "the"\./);
      }
      // "put there phones away" is in the essay's fourth paragraph (the title heading is not one), as in the .docx.
      assert.match(student, /\*\*Paragraph 4, sentence 3:\*\* Teachers spend a lot of time telling students to put \*\*there\*\* phones away\./);
      assert.match(fromDocx, /\*\*Paragraph 4, sentence 3:\*\* Teachers spend a lot of time telling students to put \*\*there\*\* phones away\./);
    });

    it('the teacher\'s report keeps the numbers and every finding', () => {
      assert.match(teacher, /## All findings/);
      assert.match(teacher, /\| Paragraph \d+, sentence \d+ \(line \d+\) \| there \| [01]\.\d\d \|/);
      const rows = teacher.split('\n').filter((l) => /^\| Paragraph|^\| Line/.test(l)).length;
      const findingsInStudent = student.split('\n').filter((l) => /^\d+\. \*\*/.test(l)).length;
      assert.ok(rows >= findingsInStudent, `${rows} findings for the teacher, ${findingsInStudent} points for the student`);
    });
  });
});

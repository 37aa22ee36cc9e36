/**
 * Who handed a file in, from the names an LMS gives the files of its "download all
 * submissions" zip, and which of a student's files is the one graded:
 *
 * - Moodle (mod/assign): `Full Name_12345_assignsubmission_file_essay.docx`, or with "download
 *   submissions in folders" `Full Name_12345_assignsubmission_file_/essay.docx` (the trailing `_`
 *   is optional). 12345 is the participant id, the worksheet's `Participant 12345`.
 * - Canvas: `studentname_12345_67890_essay.docx` (name lower case without spaces, user id,
 *   file id, the name uploaded), `studentname_LATE_12345_67890_…` for a late one. 12345 is
 *   the gradebook's `ID`.
 *
 * A batch is read as one LMS's only when every submission file of it is named that LMS's way
 * (a folder of `essay_2024_01_final.docx`-like names is no Canvas zip); else each file is its own.
 */
import { fileTypeOf } from '../../extract/format';

export type Lms = 'moodle' | 'canvas';

/** A student as the LMS names them. */
export interface Student {
  /** Full name (Moodle) or the lower-case name Canvas puts in file names. */
  name: string;
  /** Moodle's participant id or Canvas's user id (digits). */
  id: string;
  lms: Lms;
}

/** A file named by an LMS: whose it is and the name the student gave it. */
export interface NamedFile {
  student: Student;
  /** The file's own name, without the LMS's prefix. */
  file: string;
  /** Canvas marked it late. */
  late?: boolean;
}

const MOODLE_FLAT = /^(.+?)_(\d+)_assignsubmission_[a-z0-9]+_(.+)$/;
const MOODLE_FOLDER = /^(.+?)_(\d+)_assignsubmission_[a-z0-9]+_?$/;
const CANVAS = /^([a-z][a-z0-9-]*?)(_LATE)?_(\d+)_(\d+)_(.+)$/;

/** The Moodle student of `path` (`/`-separated, relative to the zip or folder), if Moodle named it. */
export function moodleFile(path: string): NamedFile | undefined {
  const parts = path.split('/');
  const base = parts[parts.length - 1];
  // Folder per student: the first folder that is a Moodle prefix owns everything below it.
  for (let i = 0; i < parts.length - 1; i++) {
    const m = MOODLE_FOLDER.exec(parts[i]);
    if (m) return { student: { name: m[1].trim(), id: m[2], lms: 'moodle' }, file: parts.slice(i + 1).join('/') };
  }
  const m = MOODLE_FLAT.exec(base);
  return m ? { student: { name: m[1].trim(), id: m[2], lms: 'moodle' }, file: m[3] } : undefined;
}

/** The Canvas student of `path`, if Canvas named it. */
export function canvasFile(path: string): NamedFile | undefined {
  const base = path.split('/').pop() ?? '';
  const m = CANVAS.exec(base);
  if (!m) return undefined;
  return { student: { name: m[1], id: m[3], lms: 'canvas' }, file: m[5], ...(m[2] ? { late: true } : {}) };
}

/** A file of a batch: its path (relative, `/`-separated) and size in bytes. */
export interface BatchFile { path: string; size: number }

/** One submission of a batch: the file graded and, for an LMS batch, whose it is and what else they handed in. */
export interface StudentSubmission {
  /** The file graded (one of the batch's paths); undefined when the student handed in nothing readable. */
  main?: string;
  student?: Student;
  /** Canvas marked the graded file late. */
  late?: boolean;
  /** The student's other files, not graded. */
  others: string[];
  /** Why this file was chosen among several, or why none was; for the teacher. */
  note?: string;
}

/** The submissions of a batch: grouped by student when one LMS named every submission file. */
export function studentSubmissions(files: readonly BatchFile[]): { lms?: Lms; submissions: StudentSubmission[] } {
  const readable = files.filter((f) => fileTypeOf(f.path));
  const lms: Lms | undefined = readable.length === 0 ? undefined
    : readable.every((f) => moodleFile(f.path)) ? 'moodle'
      : readable.every((f) => canvasFile(f.path)) ? 'canvas' : undefined;
  if (!lms) return { submissions: readable.map((f) => ({ main: f.path, others: [] })) };
  const named = lms === 'moodle' ? moodleFile : canvasFile;
  const byStudent = new Map<string, { student: Student; files: Array<BatchFile & { named: NamedFile }> }>();
  for (const f of files) {
    const n = named(f.path);
    if (!n) continue; // not the LMS's: a file the teacher put beside them
    const key = `${n.student.id}\u0000${n.student.name}`;
    const group = byStudent.get(key) ?? { student: n.student, files: [] };
    group.files.push({ ...f, named: n });
    byStudent.set(key, group);
  }
  const submissions: StudentSubmission[] = [];
  for (const { student, files: own } of byStudent.values()) {
    const ranked = own.filter((f) => fileTypeOf(f.path)).sort(byMainFirst);
    const main = ranked[0];
    const others = own.filter((f) => f !== main).map((f) => f.path);
    const sub: StudentSubmission = { student, others, ...(main?.named.late ? { late: true } : {}) };
    if (main) sub.main = main.path;
    if (!main) sub.note = `no file it can read among ${own.map((f) => `"${f.named.file}"`).join(', ')}`;
    else if (others.length) sub.note = `graded "${main.named.file}" (${whyMain(main, ranked)}) of ${own.length} files; not graded: ${own.filter((f) => f !== main).map((f) => `"${f.named.file}"`).join(', ')}`;
    submissions.push(sub);
  }
  submissions.sort((a, b) => cmp(a.student!.name.toLowerCase(), b.student!.name.toLowerCase()) || cmp(a.student!.id, b.student!.id));
  return { lms, submissions };
}

/** Word documents first (what an essay is handed in as), then PDF, then text; then the largest; then by name. */
const KIND_RANK = { docx: 0, pdf: 1, text: 2 } as const;
function byMainFirst(a: BatchFile, b: BatchFile): number {
  return KIND_RANK[fileTypeOf(a.path)!.kind] - KIND_RANK[fileTypeOf(b.path)!.kind] || b.size - a.size || cmp(a.path, b.path);
}

function whyMain(main: BatchFile, ranked: readonly BatchFile[]): string {
  const kind = fileTypeOf(main.path)!.kind;
  const label = kind === 'docx' ? 'Word document' : kind === 'pdf' ? 'PDF' : 'text file';
  const sameKind = ranked.filter((f) => fileTypeOf(f.path)!.kind === kind).length;
  return sameKind > 1 ? `the largest ${label}` : `the only ${label}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

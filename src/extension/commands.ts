/**
 * Every command the extension registers, in one table. Public commands appear in the
 * palette under the category below and `package.json#contributes.commands` mirrors them
 * (a unit test keeps both in sync); internal ones back quick fixes and are registered
 * but not contributed. The handlers live beside it in `command-handlers.ts`, typed by `CommandId` so a
 * command without a handler does not compile.
 */

/** Palette category of every public command. */
export const CATEGORY = 'Electra Feedback';

export interface CommandSpec {
  id: string;
  title: string;
  /** Internal commands take arguments from a quick fix and are not in the palette. */
  internal?: true;
}

export const COMMANDS = [
  { id: 'electraFeedback.checkDocument', title: 'Check Document' },
  { id: 'electraFeedback.gradeFile', title: 'Grade File' },
  { id: 'electraFeedback.gradeFolder', title: 'Grade Folder' },
  { id: 'electraFeedback.applyAllConfidentFixes', title: 'Apply All Confident Fixes' },
  { id: 'electraFeedback.clearDiagnostics', title: 'Clear Diagnostics' },
  { id: 'electraFeedback.selectExecutionProvider', title: 'Select Execution Provider' },
  { id: 'electraFeedback.showModelInfo', title: 'Show Model Info' },
  { id: 'electraFeedback.openLog', title: 'Open Log' },
  { id: 'electraFeedback.disableForFile', title: 'Disable for This File' },
  { id: 'electraFeedback.enableForFile', title: 'Enable for This File' },
  { id: 'electraFeedback.downloadModel', title: 'Download Model…' },
  /** args: (uri: string, word: string) */
  { id: 'electraFeedback.ignoreInDocument', title: 'Ignore Word in This Document', internal: true },
  /** args: (uri: string, word: string) */
  { id: 'electraFeedback.addToWordList', title: 'Add Word to Workspace Word List', internal: true },
  /** args: (kind: 'moodle' | 'canvas', file?: Uri, assignment?: string): Grade Folder summary's LMS export */
  { id: 'electraFeedback.exportGradesForLms', title: 'Export Grades for Moodle / Canvas', internal: true },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];

/** The commands package.json must contribute, in table order. */
export function publicCommands(): CommandSpec[] {
  return (COMMANDS as readonly CommandSpec[]).filter((c) => !c.internal);
}

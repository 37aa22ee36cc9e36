/**
 * Escaping text for Markdown, one rule for every Markdown the project writes (the CLI's
 * feedback files, the editor's exported grade report): a student's words never become
 * emphasis, links, headings, HTML or table cells.
 */

/** `text` with every Markdown-active character (\ ` * _ [ ] < > # |) backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

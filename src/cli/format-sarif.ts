/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning tools. One run; one rule per finding
 * kind; regions carry 1-based lines/columns (UTF-16 code units, `columnKind`
 * utf16CodeUnits; endColumn exclusive) and charOffset/charLength.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import { positionIndex } from '../core/positions';
import { FINDING_KIND_IDS, FINDING_KINDS } from '../core/finding-kinds';
import type { CheckReport } from './report';

export function formatSarif(report: CheckReport): string {
  const ruleIds = FINDING_KIND_IDS;
  const results = report.files.flatMap((f) => {
    const at = positionIndex(f.source);
    const uri = artifactUri(f.path);
    return f.findings.map((x) => {
      const end = at(x.end);
      const doubt = f.doubts.has(x);
      return {
        ruleId: x.kind,
        ruleIndex: ruleIds.indexOf(x.kind),
        // A doubt (no fix, nothing to explain the flag) is a note, not a warning.
        level: doubt ? 'note' : 'warning',
        message: { text: x.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri },
            region: {
              startLine: x.line,
              startColumn: x.column,
              endLine: end.line,
              endColumn: end.column,
              charOffset: x.start,
              charLength: x.end - x.start,
              snippet: { text: x.text },
            },
          },
        }],
        properties: { score: x.score, ...(report.doubtsKnown ? { doubt } : {}) },
      };
    });
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'electra-feedback',
          version,
          rules: ruleIds.map((id) => ({ id, shortDescription: { text: FINDING_KINDS[id].rule } })),
        },
      },
      columnKind: 'utf16CodeUnits',
      properties: { model: report.model },
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** A relative path stays a relative URI reference ('/'-separated, percent-encoded); an absolute one becomes a file: URI. */
function artifactUri(p: string): string {
  if (p === '-') return 'stdin';
  if (isAbsolute(p)) return pathToFileURL(p).href;
  return p.split(/[\\/]/).map(encodeURIComponent).join('/');
}

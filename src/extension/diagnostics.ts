/**
 * Turns documents into diagnostics. For each checked document (language in the
 * `languages` setting, not disabled, not larger than `maxDocumentSize`): extract the
 * prose in the host, score only paragraphs not in the paragraph cache (via the worker),
 * map words back to the source through the extractor's `toSource`, keep those at or
 * above the threshold that are not ignored, and publish them, unless the document
 * changed meanwhile (then the result is dropped; the change scheduled a new check). A flag the
 * model cannot explain (`isDoubt`: no confident fix) is a Hint unless `showDoubts`; its fix is
 * fetched after publishing and, when one arrives, the flag becomes an underline.
 * Checks run on open and on change (debounced per document) or on save (`checkOn`).
 */
import * as vscode from 'vscode';
import { extractProse, formatFromLanguageId } from '../core/extract';
import { fixDecidesUnderline, isDoubt } from '../core/findings';
import type { DocumentFormat, Finding, ScoredText, Suggestion } from '../core/types';
import type { Settings, SeverityName } from './config';
import type { ModelService } from './model-service';
import { flagsOfFindings, selectFlags, type Flag } from './flags';
import type { IgnoreStore } from './ignores';
import { scoreIncrementally, type IncrementalResult } from './incremental-scorer';
import { ParagraphCache } from './paragraph-cache';
import { CheckScheduler, isStale } from './scheduler';
import type { SuggestionService } from './suggestions';

/** The diagnostic source and collection name. */
export const DIAGNOSTIC_SOURCE = 'electra-feedback';

/** A diagnostic that carries its flag and, once known, its suggestions. */
export class FlagDiagnostic extends vscode.Diagnostic {
  /** `suggestions`: known fixes (the flag's own, or the generator's once fetched). */
  data: { flag: Flag; suggestions?: Suggestion[] };
  constructor(range: vscode.Range, flag: Flag, severity: vscode.DiagnosticSeverity) {
    super(range, flag.message, severity);
    this.source = DIAGNOSTIC_SOURCE;
    this.code = flag.kind;
    this.data = { flag, suggestions: flag.suggestions.length > 0 ? flag.suggestions : undefined };
  }
}

/**
 * Whether a flag diagnostic is (so far) only a doubt: `isDoubt` with the fixes known, or a flag
 * whose fixes decide (`fixDecidesUnderline`) and are not known yet (a doubt shows first).
 */
export function isQuietDoubt(d: FlagDiagnostic): boolean {
  const flag = d.data.flag;
  if (!fixDecidesUnderline(flag)) return false;
  return d.data.suggestions === undefined || isDoubt({ ...flag, suggestions: d.data.suggestions });
}

/** What was published for one document. */
interface Published {
  version: number;
  diagnostics: FlagDiagnostic[];
}

export interface CheckOutcome {
  /** `published`: diagnostics set; `stale`: dropped, the document changed; `skipped`: not checked (reason in `reason`). */
  status: 'published' | 'stale' | 'skipped';
  flags: number;
  scoredBlocks: number;
  totalBlocks: number;
  reason?: string;
}

/** Where user documents live; diff views (git:), output panes and the like are not checked. */
const CHECKED_SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-userdata']);

const SEVERITY: Record<SeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly cache = new ParagraphCache<ScoredText>();
  private readonly published = new Map<string, Published>();
  private readonly scheduler: CheckScheduler;
  private readonly emitter = new vscode.EventEmitter<{ uri: vscode.Uri; outcome: CheckOutcome }>();
  /** Fires after each check of a document (published, dropped as stale, or skipped). */
  readonly onDidCheck = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.collection, this.emitter];
  private readonly tooLargeLogged = new Set<string>();

  constructor(
    private readonly model: ModelService,
    private readonly ignores: IgnoreStore,
    private readonly suggestions: SuggestionService,
    /** The settings that apply to `resource` (a document), or window-wide without one. */
    private readonly settings: (resource?: vscode.Uri) => Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.scheduler = new CheckScheduler(
      async (key) => {
        const doc = this.openDocument(key);
        if (doc) await this.check(doc);
      },
      (key, e) => this.log.error(`check of ${key} failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    const ws = vscode.workspace;
    ws.onDidOpenTextDocument((d) => this.request(d, 'open'), undefined, this.disposables);
    ws.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.request(e.document, 'change'), undefined, this.disposables);
    ws.onDidSaveTextDocument((d) => this.request(d, 'save'), undefined, this.disposables);
    ws.onDidCloseTextDocument((d) => this.forget(d.uri), undefined, this.disposables);
    ignores.onDidChange(() => this.refilterAll(), undefined, this.disposables);
  }

  /** Checks every open document that qualifies (at activation, after a settings change). */
  checkAllOpen(): void {
    for (const d of vscode.workspace.textDocuments) this.request(d, 'open');
  }

  /**
   * Checks `doc` now, whatever `checkOn` says, and reports what happened.
   * Skipped documents (language, size, disabled) have their diagnostics cleared.
   */
  async check(doc: vscode.TextDocument): Promise<CheckOutcome> {
    const key = doc.uri.toString();
    const s = this.settings(doc.uri);
    const skip = this.skipReason(doc, s);
    if (skip) {
      this.forget(doc.uri, false);
      return this.report(doc.uri, { status: 'skipped', reason: skip, flags: 0, scoredBlocks: 0, totalBlocks: 0 });
    }
    const version = doc.version;
    const source = doc.getText();
    const format = formatFromLanguageId(doc.languageId) ?? 'plaintext';
    const prose = extractProse(source, format);
    const stale = () => isStale(version, this.openDocument(key)?.version);
    let result: IncrementalResult;
    try {
      result = await scoreIncrementally(prose, this.cache, (texts) => this.model.scoreBlocks(texts), { isCancelled: stale });
    } catch (e) {
      // The model failed (the model service has notified once): flags of an earlier check, maybe of
      // another model, would now be claims nothing backs, so they go.
      if (!stale()) this.forget(doc.uri, false);
      throw e;
    }
    if (result.cancelled || stale()) {
      return this.report(doc.uri, { status: 'stale', flags: 0, scoredBlocks: result.scoredBlocks, totalBlocks: result.totalBlocks });
    }
    const flags = selectFlags(source, result.words, s.threshold, this.ignores.ignoredFor(doc.uri));
    this.publish(doc, version, flags);
    return this.report(doc.uri, { status: 'published', flags: flags.length, scoredBlocks: result.scoredBlocks, totalBlocks: result.totalBlocks });
  }

  /**
   * Publishes findings computed elsewhere (Grade File, from the whole source in `format`)
   * for `doc` as it was at `version`; they stand until the next check of the document.
   * Returns the number published, or undefined when the document changed meanwhile.
   */
  publishFindings(doc: vscode.TextDocument, version: number, source: string, format: DocumentFormat, findings: readonly Finding[]): number | undefined {
    if (isStale(version, doc.isClosed ? undefined : doc.version)) return undefined;
    const n = this.publish(doc, version, flagsOfFindings(source, format, findings, this.ignores.ignoredFor(doc.uri)));
    this.report(doc.uri, { status: 'published', flags: n, scoredBlocks: 0, totalBlocks: 0 });
    return n;
  }

  private publish(doc: vscode.TextDocument, version: number, flags: readonly Flag[]): number {
    const s = this.settings(doc.uri);
    const severity = SEVERITY[s.severity];
    const diagnostics = flags.map((f) => {
      const d = new FlagDiagnostic(new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end)), f, severity);
      d.data.suggestions ??= this.suggestions.known(f);
      if (!s.showDoubts && isQuietDoubt(d)) d.severity = vscode.DiagnosticSeverity.Hint;
      return d;
    });
    this.published.set(doc.uri.toString(), { version, diagnostics });
    this.collection.set(doc.uri, diagnostics);
    if (!s.showDoubts) this.fetchFixes(doc, version, diagnostics);
    return diagnostics.length;
  }

  /**
   * A doubt shows first (a Hint) and becomes an underline when its fix arrives: fixes of the
   * flags that need them (`fixDecidesUnderline`) and are not cached are fetched after publishing,
   * one at a time and only while the document is unchanged, so they never delay the flags. The cache is keyed by paragraph, so after an edit only the
   * changed paragraphs' flags cost a model run. When they are in and the document has not changed,
   * the diagnostics are published again with each flag's severity.
   */
  private fetchFixes(doc: vscode.TextDocument, version: number, diagnostics: readonly FlagDiagnostic[]): void {
    const unknown = diagnostics.filter((d) => d.data.suggestions === undefined && fixDecidesUnderline(d.data.flag));
    if (unknown.length === 0) return;
    const key = doc.uri.toString();
    const current = (): boolean => {
      const p = this.published.get(key);
      return p !== undefined && p.diagnostics === diagnostics && !doc.isClosed && doc.version === version;
    };
    // One request at a time, stopping at the next edit: the worker answers in order, so the next
    // check's scoring waits for at most one fix (the edit latency), never for a document's worth.
    void (async () => {
      for (const d of unknown) {
        if (!current()) return;
        try {
          d.data.suggestions = await this.suggestions.get(d.data.flag);
        } catch (e) {
          this.log.warn(`no suggestions for "${d.data.flag.text}": ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      if (!current()) return;
      const severity = SEVERITY[this.settings(doc.uri).severity];
      let changed = false;
      for (const d of diagnostics) {
        const want = isQuietDoubt(d) ? vscode.DiagnosticSeverity.Hint : severity;
        if (d.severity !== want) {
          d.severity = want;
          changed = true;
        }
      }
      if (changed) this.collection.set(doc.uri, [...diagnostics]);
    })();
  }

  /** Whether `d` is a doubt the user has not asked to see (`showDoubts` off): no hover, a Hint. */
  isHiddenDoubt(doc: vscode.TextDocument, d: FlagDiagnostic): boolean {
    return !this.settings(doc.uri).showDoubts && isQuietDoubt(d);
  }

  /** The published flag diagnostics of `doc` that intersect `range`, if current. */
  flagsAt(doc: vscode.TextDocument, range: vscode.Range | vscode.Position): FlagDiagnostic[] {
    const p = this.published.get(doc.uri.toString());
    if (!p || p.version !== doc.version) return [];
    const r = range instanceof vscode.Position ? new vscode.Range(range, range) : range;
    return p.diagnostics.filter((d) => d.range.intersection(r) !== undefined);
  }

  /** Every published flag diagnostic of `doc`, if current (else none: the flags are being recomputed). */
  flagsOf(doc: vscode.TextDocument): FlagDiagnostic[] {
    const p = this.published.get(doc.uri.toString());
    return p && p.version === doc.version ? [...p.diagnostics] : [];
  }

  /** Number of flags published for `uri` (undefined when never checked). */
  flagCount(uri: vscode.Uri): number | undefined {
    return this.published.get(uri.toString())?.diagnostics.length;
  }

  /** Clears every diagnostic; documents are checked again on their next change. */
  clearAll(): void {
    for (const key of this.published.keys()) this.scheduler.cancel(key);
    this.published.clear();
    this.collection.clear();
  }

  /** Drops cached scores (the model changed) and re-checks open documents. */
  invalidate(): void {
    this.cache.clear();
    this.checkAllOpen();
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private request(doc: vscode.TextDocument, why: 'open' | 'change' | 'save'): void {
    const s = this.settings(doc.uri);
    if (this.skipReason(doc, s)) {
      if (this.published.has(doc.uri.toString())) this.forget(doc.uri, false);
      return;
    }
    const key = doc.uri.toString();
    if (why === 'change' && s.checkOn === 'save') return;
    if (why === 'change') this.scheduler.schedule(key, s.debounceMs);
    else this.scheduler.now(key);
  }

  /** Re-applies ignores and the threshold without the model (all paragraphs are cached). */
  private refilterAll(): void {
    for (const key of this.published.keys()) {
      const doc = this.openDocument(key);
      if (doc) this.scheduler.now(key);
    }
  }

  private skipReason(doc: vscode.TextDocument, s: Settings): string | undefined {
    if (!CHECKED_SCHEMES.has(doc.uri.scheme)) return `scheme "${doc.uri.scheme}" is not checked`;
    if (!s.languages.includes(doc.languageId)) return `language "${doc.languageId}" is not in electraFeedback.languages`;
    if (this.ignores.isDisabled(doc.uri)) return 'disabled for this file';
    const length = doc.getText().length;
    if (length > s.maxDocumentSize) {
      if (!this.tooLargeLogged.has(doc.uri.toString())) {
        this.tooLargeLogged.add(doc.uri.toString());
        this.log.info(`not checking ${doc.uri.fsPath}: ${length} characters > electraFeedback.maxDocumentSize (${s.maxDocumentSize})`);
      }
      return `larger than electraFeedback.maxDocumentSize (${length} > ${s.maxDocumentSize} characters)`;
    }
    return undefined;
  }

  private forget(uri: vscode.Uri, cancel = true): void {
    const key = uri.toString();
    if (cancel) this.scheduler.cancel(key);
    this.tooLargeLogged.delete(key);
    this.published.delete(key);
    this.collection.delete(uri);
  }

  private openDocument(key: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  private report(uri: vscode.Uri, outcome: CheckOutcome): CheckOutcome {
    this.emitter.fire({ uri, outcome });
    return outcome;
  }
}

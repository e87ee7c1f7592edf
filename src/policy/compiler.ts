// The policy compiler: manifest files → diagnostics and, when the manifest is usable, a frozen PolicyModel.
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { buildModel } from './build/index.js';
import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { lintPolicy } from './lint/index.js';
import type { PolicyModel } from './model.js';
import { Manifest, type ManifestData } from './schema/index.js';
import { didYouMean } from './suggest.js';
import { loadSources, readManifestFolder, type ManifestFile } from './sources.js';
import type { ManifestSources } from './source-trace.js';
import { issuesToDiagnostics } from './validate.js';

export interface CompileOptions {
  /** The instant review-due rules compare against (default: now). Engines never read the clock themselves. */
  readonly now?: Date;
  /** Folder relative SQLite files resolve against (default: the manifest folder, or the cwd for in-memory files). */
  readonly baseDir?: string;
  /** Store profile to select in every dataset that declares it (default: the base store). */
  readonly profile?: string | undefined;
}

export interface CompileResult {
  /** Present when the manifest passed schema validation (lint errors may remain: check `ok`). */
  readonly model?: PolicyModel;
  readonly diagnostics: readonly Diagnostic[];
  /** True when there is a model and no error-level diagnostic. */
  readonly ok: boolean;
  readonly files: readonly string[];
  /** With the model: the merged manifest and where each of its nodes is written (for `notice --explain`). */
  readonly sources?: ManifestSources;
}

/** Compiles manifest files held in memory. Never throws on bad input. */
export function compilePolicy(files: readonly ManifestFile[], options: CompileOptions = {}): CompileResult {
  const loaded = loadSources(files);
  const fileNames = files.map((f) => f.path);
  if (hasErrors(loaded.diagnostics)) return { diagnostics: sortDiagnostics(loaded.diagnostics), ok: false, files: fileNames };
  const parsed = Manifest.safeParse(loaded.data);
  if (!parsed.success) {
    const diagnostics = issuesToDiagnostics(parsed.error.issues, Manifest, loaded.sourceMap, loaded.data);
    return { diagnostics: sortDiagnostics([...loaded.diagnostics, ...diagnostics]), ok: false, files: fileNames };
  }
  const model = buildModel(parsed.data, options.baseDir ?? process.cwd(), options.profile);
  const lint = lintPolicy(model, { sourceMap: loaded.sourceMap, now: options.now ?? new Date() });
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...lint, ...profileDiagnostics(parsed.data, options.profile)]);
  const sources = { data: loaded.data, sourceMap: loaded.sourceMap };
  return { model, diagnostics, ok: !hasErrors(diagnostics), files: fileNames, sources };
}

/** A profile no dataset declares is a typo, not a request for the base stores: it would check the wrong stores. */
function profileDiagnostics(data: ManifestData, profile: string | undefined): Diagnostic[] {
  if (profile === undefined) return [];
  const declared = new Set(Object.values(data.datasets).flatMap((ds) => Object.keys(ds.store.profiles ?? {})));
  if (declared.has(profile)) return [];
  const known = declared.size === 0 ? 'no dataset declares a profile' : `declared: ${[...declared].sort().join(', ')}`;
  return [
    diagnostic('CUS043', `store profile "${profile}" is declared by no dataset (${known})`, {
      fix: didYouMean(profile, declared) ?? 'pass a profile a dataset declares under store.profiles, or none for the base stores',
    }),
  ];
}

/** Reads and compiles a manifest folder (or a single file). A missing folder is a CUS005 diagnostic, not a throw. */
export function compilePolicyFolder(dir: string, options: CompileOptions = {}): CompileResult {
  if (!existsSync(dir)) {
    return {
      diagnostics: [
        diagnostic('CUS005', `manifest folder "${dir}" does not exist`, {
          fix: 'pass the folder holding your privacy/*.yaml files, or run "custos init"',
        }),
      ],
      ok: false,
      files: [],
    };
  }
  return compilePolicy(readManifestFolder(dir), { baseDir: resolve(dir), ...options });
}

// Finds and reads a manifest folder's YAML files: regular files only, since a pipe or device could block forever.
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative } from 'node:path';
import type { ManifestFile } from './sources.js';

/** A manifest entry: its path, and what it is when it is not a regular file (followed through symbolic links). */
export interface ManifestEntry {
  readonly file: string;
  readonly notRegular?: string;
}

/** What a non-regular file is, in words. */
function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Lists `*.yaml` / `*.yml` entries of a folder (sorted, recursive), or the path itself when it is not a folder. Entries
 * that are not regular files are listed with what they are, never opened: reading a named pipe blocks until something
 * writes to it, and a device may never end.
 */
export function listManifestFiles(dirOrFile: string): ManifestEntry[] {
  const stat = statSync(dirOrFile);
  if (!stat.isDirectory()) return [stat.isFile() ? { file: dirOrFile } : { file: dirOrFile, notRegular: kindOf(stat) }];
  const out: ManifestEntry[] = [];
  for (const entry of readdirSync(dirOrFile, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dirOrFile, entry.name);
    if (entry.isDirectory()) out.push(...listManifestFiles(full));
    else if (/\.ya?ml$/i.test(entry.name)) {
      const target = entry.isFile() ? undefined : statSync(full, { throwIfNoEntry: false });
      if (entry.isFile() || target?.isFile()) out.push({ file: full });
      else out.push({ file: full, notRegular: target ? kindOf(target) : 'a broken symbolic link' });
    }
  }
  return out;
}

/** Reads the regular files of a manifest folder; paths in diagnostics are relative to `cwd`. Other entries are not opened. */
export function readManifestFolder(dir: string, cwd = process.cwd()): ManifestFile[] {
  return listManifestFiles(dir).map(({ file, notRegular }) => {
    const path = relative(cwd, file) || file;
    return notRegular === undefined ? { path, text: readFileSync(file, 'utf8') } : { path, text: '', skipped: notRegular };
  });
}

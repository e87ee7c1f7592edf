// The store's file on disk: created readable by its owner only, since run journals name the people being served.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates the store's folders (0700) and an empty file (0600: an empty SQLite database) unless the file exists. SQLite
 * creates the -wal and -shm files with the database file's mode, so they are owner-only too. An existing store keeps
 * its mode and the folders that exist keep theirs: a provider may have chosen them.
 */
export function createStoreFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

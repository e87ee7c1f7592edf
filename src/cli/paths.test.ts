// Where the CLI may write: request ids that become file names, and `-o` destinations that must be regular files.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCustosError } from '../errors.js';
import { checkRequestId, prepareOutputFile, writePrivateFile } from './paths.js';

const dir = mkdtempSync(join(tmpdir(), 'custos-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (isCustosError(error) && error.code === 'invalid-input') return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('checkRequestId', () => {
  it.each(['req-2026-11-23-ada', 'A_1', 'x', 'run.2', 'a'.repeat(128)])('accepts %j', (id) => {
    expect(checkRequestId(id)).toBe(id);
  });

  it.each(['/../../x', '../x', 'a/b', '.hidden', '..', '', 'a b', 'a\\b', 'é', 'a'.repeat(129), 'x\n'])('refuses %j', (id) => {
    expect(refusal(() => checkRequestId(id))).toMatch(/^--request-id must be 1 to 128 letters, digits/);
  });
});

describe('prepareOutputFile', () => {
  it('returns the absolute path of a new file in an existing folder, or of a regular file it may replace', () => {
    writeFileSync(join(dir, 'old.zip'), 'old');
    expect(prepareOutputFile(join(dir, 'new.zip'))).toBe(join(dir, 'new.zip'));
    expect(prepareOutputFile(join(dir, 'old.zip'))).toBe(join(dir, 'old.zip'));
  });

  it('refuses a folder, naming the flag', () => {
    expect(refusal(() => prepareOutputFile(dir))).toBe(`-o ${dir}: is a folder; name a file in it`);
  });

  it('refuses a device, which writing would not replace but feed', () => {
    expect(refusal(() => prepareOutputFile('/dev/null', { option: '--out' }))).toMatch(
      /^--out \/dev\/null: exists and is not a regular file/,
    );
  });

  it('refuses a missing folder unless asked to create it', () => {
    const target = join(dir, 'missing', 'deeper', 'a.json');
    expect(refusal(() => prepareOutputFile(target))).toBe(
      `-o ${target}: its folder ${join(dir, 'missing', 'deeper')} does not exist; create it first`,
    );
    expect(prepareOutputFile(target, { createFolder: true })).toBe(target);
    expect(statSync(join(dir, 'missing', 'deeper')).isDirectory()).toBe(true);
  });

  it('refuses a path whose folder is a file', () => {
    writeFileSync(join(dir, 'plain'), '');
    expect(refusal(() => prepareOutputFile(join(dir, 'plain', 'a.zip')))).toMatch(/is not a folder$/);
  });
});

describe('writePrivateFile', () => {
  it('writes a new file and an existing one readable by the owner only', () => {
    mkdirSync(join(dir, 'private'));
    const fresh = join(dir, 'private', 'fresh.json');
    const existing = join(dir, 'private', 'existing.json');
    writeFileSync(existing, 'old', { mode: 0o644 });
    writePrivateFile(fresh, '{}');
    writePrivateFile(existing, '{}');
    expect(statSync(fresh).mode & 0o777).toBe(0o600);
    expect(statSync(existing).mode & 0o777).toBe(0o600);
  });
});

// The master key: read from hex or base64, refused when short, long, placeholder-like or unreadable, and never shown.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateMasterKey, MasterKey, masterKeyFromText } from './master-key.js';

const HEX = '8f1c2a9b3e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829304a5b6c7d8';
const BYTES = Buffer.from(HEX, 'hex');

describe('master key text', () => {
  it('reads the same key from 64 hex characters, base64 with or without padding, and base64url', () => {
    const ids = [
      HEX,
      HEX.toUpperCase(),
      BYTES.toString('base64'),
      BYTES.toString('base64').replace(/=+$/, ''),
      BYTES.toString('base64url'),
      ` ${HEX}\n`,
    ].map((text) => masterKeyFromText(text, 'CUSTOS_MASTER_KEY').id);
    expect(new Set(ids)).toEqual(new Set([MasterKey.fromBytes(BYTES).id]));
    expect(ids[0]).toMatch(/^mk_[0-9a-f]{16}$/);
  });

  it('names the source and the size when the key is too short or too long, never the value', () => {
    const short = Buffer.from(HEX.slice(0, 32), 'hex').toString('base64');
    expect(() => masterKeyFromText(short, 'CUSTOS_MASTER_KEY')).toThrow(
      'CUSTOS_MASTER_KEY is too short: it decodes to 16 bytes; a master key is exactly 32 bytes (64 hexadecimal or 44 base64 characters)',
    );
    expect(() => masterKeyFromText(HEX.slice(0, 62), 'CUSTOS_MASTER_KEY')).toThrow(/too short: it decodes to 31 bytes/);
    expect(() => masterKeyFromText(HEX.slice(0, 63), 'CUSTOS_MASTER_KEY')).toThrow(
      'CUSTOS_MASTER_KEY has an odd number of hexadecimal characters (63): a master key is 64',
    );
    expect(() => masterKeyFromText(Buffer.concat([BYTES, BYTES]).toString('base64'), 'K')).toThrow(
      /^K is too long: it decodes to 64 bytes/,
    );
  });

  it('refuses text that is neither hex nor base64, an empty value, and a placeholder such as 000…0', () => {
    expect(() => masterKeyFromText('correct horse battery staple!', 'CUSTOS_MASTER_KEY')).toThrow(
      'CUSTOS_MASTER_KEY is neither hexadecimal nor base64: it should hold a 32-byte key, such as the output of `openssl rand -base64 32`',
    );
    expect(() => masterKeyFromText('  \n', 'CUSTOS_MASTER_KEY')).toThrow('CUSTOS_MASTER_KEY is empty');
    expect(() => masterKeyFromText('0'.repeat(64), 'CUSTOS_MASTER_KEY')).toThrow('CUSTOS_MASTER_KEY is not random');
    expect(() => masterKeyFromText('ab'.repeat(32), 'CUSTOS_MASTER_KEY')).toThrow('CUSTOS_MASTER_KEY is not random');
  });

  it('gives a refusal the code config', () => {
    expect(() => masterKeyFromText('x', 'K')).toThrow(expect.objectContaining({ code: 'config' }));
  });

  it('shows only its id when printed, inspected or serialised', () => {
    const key = masterKeyFromText(HEX, 'K');
    for (const shown of [inspect(key), String(key), JSON.stringify({ key }), inspect({ nested: [key] }, { depth: 5, showHidden: true })]) {
      expect(shown).toContain(key.id);
      expect(shown.toLowerCase()).not.toContain(HEX.slice(0, 16));
      expect(shown).not.toContain(BYTES.toString('base64').slice(0, 16));
    }
  });

  it('generates base64 keys that load, each different', () => {
    const texts = [generateMasterKey(), generateMasterKey()];
    expect(texts[0]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(texts[0]).not.toBe(texts[1]);
    expect(masterKeyFromText(texts[0]!, 'K').id).not.toBe(masterKeyFromText(texts[1]!, 'K').id);
  });
});

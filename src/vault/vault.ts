// The vault: seals Custos's own secrets under data keys of each purpose, opens them, and crypto-shreds them.
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import { CustosError } from '../errors.js';
import { DATA_KEY_BYTES, freshNonce, gcmOpen, gcmSeal, unwrapDataKey, wrapDataKey } from './aes-gcm.js';
import { decodeEnvelope, encodeEnvelope, envelopeHeader } from './envelope.js';
import { DataKeyCache } from './key-cache.js';
import type { DestroyedDataKey, KeyRing, KeyRingCensus, LiveDataKey } from './key-ring.js';
import type { MasterKey } from './master-key.js';
import type { MasterKeys } from './master-key-source.js';
import { checkPurpose, keyUseOf, type VaultPurpose } from './purposes.js';
import { destroyedDataKey, envelopeAltered, masterNotGiven, unknownDataKey, vaultClosed, wrappedKeyAltered } from './refusals.js';
import { rewrapAll, type MasterRotation, type MasterRotationOptions } from './rotation.js';

export interface VaultOptions {
  /** Time of key creation and destruction; default the system clock. */
  readonly clock?: Clock;
  /** How many unwrapped data keys are kept in memory (least recently used out); default 256. */
  readonly cacheSize?: number;
}

export interface Vault {
  /** The id of the master key that wraps new data keys. */
  readonly masterId: string;
  /**
   * Encrypts `plaintext` (text is UTF-8) under the purpose's current data key (`shared` purposes, created on first
   * use) or a new key of its own (`per-seal` purposes), with a fresh random nonce. `aad` (associated data, e.g. the
   * id of the record that holds the value) must be given again to open it. Returns the envelope's bytes.
   */
  seal(purpose: VaultPurpose, plaintext: Uint8Array | string, aad?: Uint8Array | string): Promise<Uint8Array>;
  /** The plaintext of an envelope (bytes or base64url text); refused with a clear error when it cannot be opened. */
  open(sealed: Uint8Array | string, aad?: Uint8Array | string): Promise<Buffer>;
  /** A new current data key for a `shared` purpose: new seals use it, older envelopes still open. */
  rotateDataKey(purpose: VaultPurpose): Promise<LiveDataKey>;
  /**
   * Makes `next` the master key and re-wraps every data key under it, one key at a time (each re-wrap atomic), while
   * both masters open everything. Run again after an interruption: keys already under `next` are skipped.
   */
  rotateMaster(next: MasterKey, options?: MasterRotationOptions): Promise<MasterRotation>;
  /** Crypto-shreds one data key of `purpose`: every envelope sealed under it becomes unopenable, for good. */
  destroy(purpose: VaultPurpose, keyId: string): Promise<DestroyedDataKey>;
  census(): Promise<KeyRingCensus>;
  /** Zeroes the cached data keys and refuses further use; the key ring, given, stays open. */
  close(): Promise<void>;
}

const ENVELOPE_AAD_PREFIX = Buffer.from('custos-envelope/v1\0', 'utf8');

export function openVault(ring: KeyRing, keys: MasterKeys, options: VaultOptions = {}): Vault {
  const clock = options.clock ?? systemClock;
  const cacheSize = options.cacheSize ?? 256;
  if (!Number.isInteger(cacheSize) || cacheSize < 1)
    throw new CustosError({ code: 'invalid-input', message: `vault cacheSize must be a whole number ≥ 1 (got ${cacheSize})` });
  const cache = new DataKeyCache(cacheSize);
  const masters = new Map<string, MasterKey>([keys.master, ...keys.accepted].map((m) => [m.id, m]));
  let master = keys.master;
  let closed = false;
  const live = () => {
    if (closed) throw vaultClosed();
  };
  /** One creation at a time per purpose in this process, so concurrent first seals share the key. */
  const creating = new Map<VaultPurpose, Promise<LiveDataKey>>();

  async function createKey(purpose: VaultPurpose, current: boolean): Promise<{ record: LiveDataKey; key: Buffer }> {
    const key = randomBytes(DATA_KEY_BYTES);
    const id = `dk_${randomBytes(8).toString('hex')}`;
    const record: LiveDataKey = {
      state: 'live',
      id,
      purpose,
      createdAt: clock.now().toISOString(),
      current,
      masterId: master.id,
      wrapped: wrapDataKey(master, { id, purpose }, key),
    };
    await ring.add(record);
    return { record, key };
  }

  async function currentKey(purpose: VaultPurpose): Promise<LiveDataKey> {
    const found = await ring.current(purpose);
    if (found !== undefined) return found;
    let pending = creating.get(purpose);
    if (pending === undefined) {
      pending = createKey(purpose, true).then(({ record, key }) => (cache.set(record.id, key), record));
      creating.set(purpose, pending);
      void pending.finally(() => creating.delete(purpose)).catch(() => undefined);
    }
    return pending;
  }

  /** The data key of a live record: from the cache, else unwrapped by the master its record names. */
  function dataKeyOf(record: LiveDataKey): Buffer {
    const cached = cache.get(record.id);
    if (cached !== undefined) return cached;
    const wrapper = masters.get(record.masterId);
    if (wrapper === undefined) throw masterNotGiven(record.id, record.masterId, [...masters.keys()]);
    const key = unwrapDataKey(wrapper, record, record.wrapped);
    if (key === undefined) throw wrappedKeyAltered(record.id, record.masterId);
    cache.set(record.id, key);
    return key;
  }

  return {
    get masterId() {
      return master.id;
    },
    async seal(purpose, plaintext, aad) {
      live();
      const checked = checkPurpose(purpose);
      let record: LiveDataKey;
      let key: Buffer;
      if (keyUseOf(checked) === 'per-seal') {
        ({ record, key } = await createKey(checked, false));
        cache.set(record.id, key);
      } else {
        record = await currentKey(checked);
      }
      key = dataKeyOf(record);
      const nonce = freshNonce();
      const header = envelopeHeader(record.id, nonce);
      const { ciphertext, tag } = gcmSeal(key, nonce, bytesOf(plaintext), Buffer.concat([ENVELOPE_AAD_PREFIX, header, bytesOf(aad ?? '')]));
      return encodeEnvelope({ version: header[0]!, keyId: record.id, nonce, ciphertext, tag });
    },
    async open(sealed, aad) {
      live();
      const envelope = decodeEnvelope(sealed);
      const record = await ring.get(envelope.keyId);
      if (record === undefined) throw unknownDataKey(envelope.keyId);
      if (record.state === 'destroyed') {
        cache.evict(record.id);
        throw destroyedDataKey(record);
      }
      const header = envelopeHeader(envelope.keyId, envelope.nonce);
      const plaintext = gcmOpen(
        dataKeyOf(record),
        envelope.nonce,
        envelope.ciphertext,
        envelope.tag,
        Buffer.concat([ENVELOPE_AAD_PREFIX, header, bytesOf(aad ?? '')]),
      );
      if (plaintext === undefined) throw envelopeAltered(envelope.keyId);
      return plaintext;
    },
    async rotateDataKey(purpose) {
      live();
      const checked = checkPurpose(purpose);
      if (keyUseOf(checked) === 'per-seal')
        throw new CustosError({
          code: 'invalid-input',
          message: `${checked} seals every value under a data key of its own: there is no current key to rotate`,
        });
      const { record, key } = await createKey(checked, true);
      cache.set(record.id, key);
      return record;
    },
    async rotateMaster(next, rotationOptions = {}) {
      live();
      masters.set(next.id, next);
      master = next; // keys created from now on are wrapped by the new master: nothing is left behind the scan
      return rewrapAll(ring, { next, masters }, rotationOptions);
    },
    async destroy(purpose, keyId) {
      live();
      const checked = checkPurpose(purpose);
      const record = await ring.get(keyId);
      if (record === undefined)
        throw new CustosError({
          code: 'not-found',
          message: `no data key ${keyId} in the key ring: nothing was destroyed`,
          details: { keyId },
        });
      if (record.purpose !== checked)
        throw new CustosError({
          code: 'invalid-input',
          message: `data key ${keyId} belongs to ${record.purpose}, not ${checked}: nothing was destroyed`,
          details: { keyId, purpose: record.purpose },
        });
      cache.evict(keyId);
      if (record.state === 'destroyed') return record;
      const tombstone = await ring.destroy(keyId, clock.now().toISOString());
      if (tombstone === undefined) throw unknownDataKey(keyId);
      return tombstone;
    },
    async census() {
      live();
      return ring.census();
    },
    async close() {
      closed = true;
      cache.clear();
    },
  };
}

function bytesOf(value: Uint8Array | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

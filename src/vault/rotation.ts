// Master rotation: every live data key re-wrapped under the new master, one atomic re-wrap at a time.
import { CustosError } from '../errors.js';
import { unwrapDataKey, wrapDataKey } from './aes-gcm.js';
import type { KeyRing } from './key-ring.js';
import type { MasterKey } from './master-key.js';

export interface MasterRotationOptions {
  /** Stops between two re-wraps; the rotation is then resumed by running it again. */
  readonly signal?: AbortSignal;
  /** Keys read from the ring at a time; default 100. */
  readonly pageSize?: number;
}

/** A key the rotation could not re-wrap, and why (ids only). */
export interface RotationFailure {
  readonly keyId: string;
  readonly masterId: string;
  readonly code: 'config' | 'store-error';
  readonly message: string;
}

export interface MasterRotation {
  readonly masterId: string;
  /** Keys re-wrapped by this run. */
  readonly rewrapped: number;
  /** Keys destroyed or re-wrapped by another process between the read and the re-wrap. */
  readonly skipped: number;
  readonly failures: readonly RotationFailure[];
  /** Stopped by the signal before the end. */
  readonly aborted: boolean;
  /** Live keys per master after the run: when only `masterId` is left, older masters are no longer needed. */
  readonly byMaster: Readonly<Record<string, number>>;
  /** Every live key is wrapped by the new master. */
  readonly complete: boolean;
}

/** Re-wraps every live key that another master wraps; a key that fails is reported and the others go on. */
export async function rewrapAll(
  ring: KeyRing,
  { next, masters }: { readonly next: MasterKey; readonly masters: ReadonlyMap<string, MasterKey> },
  { signal, pageSize = 100 }: MasterRotationOptions,
): Promise<MasterRotation> {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new CustosError({ code: 'invalid-input', message: `rotation pageSize must be a whole number ≥ 1 (got ${pageSize})` });
  let rewrapped = 0;
  let skipped = 0;
  let aborted = false;
  const failures: RotationFailure[] = [];
  let after = '';
  for (;;) {
    const page = await ring.wrappedByOthers(next.id, after, pageSize);
    if (page.length === 0) break;
    for (const key of page) {
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      after = key.id;
      const wrapper = masters.get(key.masterId);
      if (wrapper === undefined) {
        failures.push({
          keyId: key.id,
          masterId: key.masterId,
          code: 'config',
          message: `data key ${key.id} is wrapped by master key ${key.masterId}, which this process was not given: give it as CUSTOS_MASTER_KEY_PREVIOUS and run the rotation again`,
        });
        continue;
      }
      const dataKey = unwrapDataKey(wrapper, key, key.wrapped);
      if (dataKey === undefined) {
        failures.push({
          keyId: key.id,
          masterId: key.masterId,
          code: 'store-error',
          message: `data key ${key.id} cannot be unwrapped by master key ${key.masterId}: its wrapped form in the key ring was altered`,
        });
        continue;
      }
      const wrapped = wrapDataKey(next, key, dataKey);
      dataKey.fill(0);
      if (await ring.rewrap(key.id, key.masterId, next.id, wrapped)) rewrapped += 1;
      else skipped += 1;
    }
    if (aborted) break;
  }
  const { byMaster } = await ring.census();
  const complete = Object.keys(byMaster).every((id) => id === next.id);
  return { masterId: next.id, rewrapped, skipped, failures, aborted, byMaster, complete };
}

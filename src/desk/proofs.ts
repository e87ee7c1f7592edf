// Identity proofs: sealed in the vault under a data key of their own, kept as envelopes, destroyed once the request is processed.
import { randomBytes } from 'node:crypto';
import { CustosError } from '../errors.js';
import { envelopeKeyId, envelopeText } from '../vault/index.js';
import type { IdentityProof } from '../store/index.js';
import type { Actor } from '../workflow/index.js';
import type { DeskCore } from './core.js';
import { PROOF_MEDIA_TYPES } from './options.js';

/** The associated data a proof is sealed with: its envelope opens only as this proof's. */
const proofAad = (proofId: string): string => `identity-proof:${proofId}`;

/** Seals the document and stores its envelope, media type and size: never the bytes. */
export async function storeProof(core: DeskCore, requestId: string, bytes: Uint8Array, mediaType: string): Promise<IdentityProof> {
  if (!(PROOF_MEDIA_TYPES as readonly string[]).includes(mediaType))
    throw new CustosError({
      code: 'invalid-input',
      message: `mediaType must be one of ${PROOF_MEDIA_TYPES.join(', ')}: a scan or photo of an identity document`,
      details: { field: 'mediaType' },
    });
  if (bytes.length === 0 || bytes.length > core.options.maxProofBytes)
    throw new CustosError({
      code: 'invalid-input',
      message: `a proof is 1 byte to ${core.options.maxProofBytes} bytes; this one is ${bytes.length}`,
      details: { field: 'bytes', size: bytes.length },
    });
  const id = `proof-${randomBytes(8).toString('hex')}`;
  const sealed = await core.vault.seal('identity-proof', bytes, proofAad(id));
  const proof: IdentityProof = {
    id,
    requestId,
    envelope: envelopeText(sealed),
    mediaType,
    size: bytes.length,
    uploadedAt: core.clock.now(),
  };
  await core.store.secrets.addProof(proof);
  await core.store.audit.append({
    actor: { kind: 'person', id: 'requester' },
    action: 'proof.uploaded',
    subjects: { request: requestId, proof: id },
    details: { bytes: bytes.length },
  });
  return proof;
}

/** A proof's bytes for staff checking it; the view is audited. */
export async function openProof(
  core: DeskCore,
  requestId: string,
  proofId: string,
  actor: Actor,
): Promise<{ bytes: Buffer; mediaType: string }> {
  const proof = (await core.store.secrets.proofs(requestId)).find((p) => p.id === proofId);
  if (!proof)
    throw new CustosError({ code: 'not-found', message: `request ${requestId} has no proof ${proofId}`, details: { requestId, proofId } });
  const bytes = await core.vault.open(proof.envelope, proofAad(proof.id));
  await core.store.audit.append({
    actor: { kind: 'staff', id: actor.id },
    action: 'person-data.viewed',
    subjects: { request: requestId, proof: proofId },
  });
  return { bytes, mediaType: proof.mediaType };
}

/**
 * Destroys every proof of the request: its data key first (crypto-shredding: no copy of the envelope opens again), then
 * its row; each recorded as `proof.destroyed`.
 */
export async function destroyProofs(core: DeskCore, requestId: string): Promise<number> {
  const proofs = await core.store.secrets.proofs(requestId);
  for (const proof of proofs) {
    await core.vault.destroy('identity-proof', envelopeKeyId(proof.envelope));
    if (await core.store.secrets.dropProof(proof.id))
      await core.store.audit.append({
        actor: { kind: 'system', id: 'custos' },
        action: 'proof.destroyed',
        subjects: { request: requestId, proof: proof.id },
      });
  }
  return proofs.length;
}

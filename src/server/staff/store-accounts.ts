// Staff accounts and sessions over Custos's store: the StaffDirectory and StaffSessionStore the server runs on, TOTP
// seeds sealed by the vault so the store never holds one in clear.
import type { StaffSessions, StaffUser, Users } from '../../store/index.js';
import { envelopeText, type Vault } from '../../vault/index.js';
import type { StaffDirectory, StaffMember, StaffSessionStore, StaffTotp } from './directory.js';

/**
 * The envelope's associated data: a seed copied to another account's row does not open there, so whoever can write
 * the users table cannot give themselves a known seed by moving one.
 */
const seedAad = (staffId: string): string => `custos-staff-totp/v1\0${staffId}`;

export interface StaffAccounts {
  readonly directory: StaffDirectory;
  readonly sessions: StaffSessionStore;
}

/** Both over one store; the vault seals and opens TOTP seeds (purpose `totp-seed`). */
export function storeStaffAccounts(
  store: { readonly users: Users; readonly staffSessions: StaffSessions },
  vault: Pick<Vault, 'seal' | 'open'>,
): StaffAccounts {
  return { directory: storeStaffDirectory(store.users, vault), sessions: storeStaffSessions(store.staffSessions) };
}

export function storeStaffDirectory(users: Users, vault: Pick<Vault, 'seal' | 'open'>): StaffDirectory {
  const seal = async (staffId: string, secret: string) => envelopeText(await vault.seal('totp-seed', secret, seedAad(staffId)));
  const unseal = async (staffId: string, sealed: string) => (await vault.open(sealed, seedAad(staffId))).toString('utf8');

  async function memberOf(user: StaffUser | undefined): Promise<StaffMember | undefined> {
    if (!user) return undefined;
    const totp: StaffTotp | undefined = user.totpSeed
      ? {
          secret: await unseal(user.id, user.totpSeed),
          // A seed stored before confirmations were recorded counts as confirmed when the account was made.
          confirmedAt: user.totpConfirmedAt ?? user.createdAt,
          lastStep: user.totpLastStep ?? -1,
        }
      : undefined;
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      passwordHash: user.passwordHash,
      ...(totp ? { totp } : {}),
      ...(user.pendingTotpSeed ? { pendingTotpSecret: await unseal(user.id, user.pendingTotpSeed) } : {}),
      disabled: user.disabled,
    };
  }

  return {
    findByEmail: async (email) => memberOf(await users.byEmail(email)),
    findById: async (id) => memberOf(await users.get(id)),
    async setPendingTotp(id, secret) {
      await users.update(id, { pendingTotpSeed: await seal(id, secret) });
    },
    async confirmTotp(id, totp) {
      await users.update(id, {
        totpSeed: await seal(id, totp.secret),
        totpConfirmedAt: totp.confirmedAt,
        totpLastStep: totp.lastStep,
        pendingTotpSeed: undefined,
      });
    },
    recordTotpStep: (id, step) => users.recordTotpStep(id, step),
  };
}

export function storeStaffSessions(sessions: StaffSessions): StaffSessionStore {
  return {
    create: (session) => sessions.create(session),
    find: (idHash) => sessions.get(idHash),
    async touch(idHash, lastSeenAt) {
      await sessions.touch(idHash, lastSeenAt);
    },
    delete: (idHash) => sessions.delete(idHash),
    async deleteForStaff(staffId) {
      await sessions.deleteForStaff(staffId);
    },
    purgeExpired: (bounds) => sessions.purgeExpired(bounds),
  };
}

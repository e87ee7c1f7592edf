// In-memory staff accounts and sessions: for the demo and tests of what needs no store (the server runs on store-accounts.ts).
import { foldEmail } from './email.js';
import type { StaffDirectory, StaffMember, StaffSession, StaffSessionStore, StaffTotp } from './directory.js';

export class InMemoryStaffDirectory implements StaffDirectory {
  readonly #members = new Map<string, StaffMember>();

  constructor(members: readonly StaffMember[] = []) {
    for (const member of members) this.add(member);
  }

  add(member: StaffMember): void {
    this.#members.set(member.id, member);
  }

  async findByEmail(email: string): Promise<StaffMember | undefined> {
    const folded = foldEmail(email);
    return [...this.#members.values()].find((member) => foldEmail(member.email) === folded);
  }

  async findById(id: string): Promise<StaffMember | undefined> {
    return this.#members.get(id);
  }

  async setPendingTotp(id: string, secret: string): Promise<void> {
    this.#update(id, (member) => ({ ...member, pendingTotpSecret: secret }));
  }

  async confirmTotp(id: string, totp: StaffTotp): Promise<void> {
    this.#update(id, ({ pendingTotpSecret: _pending, ...member }) => ({ ...member, totp }));
  }

  async recordTotpStep(id: string, step: number): Promise<boolean> {
    const totp = this.#members.get(id)?.totp;
    if (!totp || totp.lastStep >= step) return false;
    this.#update(id, (member) => ({ ...member, totp: { ...totp, lastStep: step } }));
    return true;
  }

  #update(id: string, change: (member: StaffMember) => StaffMember): void {
    const member = this.#members.get(id);
    if (member) this.#members.set(id, change(member));
  }
}

export class InMemoryStaffSessions implements StaffSessionStore {
  readonly #sessions = new Map<string, StaffSession>();

  get size(): number {
    return this.#sessions.size;
  }

  async create(session: StaffSession): Promise<void> {
    this.#sessions.set(session.idHash, session);
  }

  async find(idHash: string): Promise<StaffSession | undefined> {
    return this.#sessions.get(idHash);
  }

  async touch(idHash: string, lastSeenAt: Date): Promise<void> {
    const session = this.#sessions.get(idHash);
    if (session) this.#sessions.set(idHash, { ...session, lastSeenAt });
  }

  async delete(idHash: string): Promise<void> {
    this.#sessions.delete(idHash);
  }

  async deleteForStaff(staffId: string): Promise<void> {
    for (const [idHash, session] of this.#sessions) if (session.staffId === staffId) this.#sessions.delete(idHash);
  }

  async purgeExpired({ idleBefore, createdBefore }: { readonly idleBefore: Date; readonly createdBefore: Date }): Promise<number> {
    let purged = 0;
    for (const [idHash, s] of this.#sessions)
      if (s.lastSeenAt < idleBefore || s.createdAt < createdBefore) purged += Number(this.#sessions.delete(idHash));
    return purged;
  }

  /** Every stored id hash (tests check that no cookie value is stored as is). */
  idHashes(): string[] {
    return [...this.#sessions.keys()];
  }
}

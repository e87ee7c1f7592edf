// Who holds a request lease: a token naming this process, and how a later process tells that its holder has ended.
import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * The process, as far as another process can check it: host, PID namespace (containers on one host share the host name
 * at times, never the namespace) and PID. Read once: none of them changes while the process lives.
 */
let processTag: string | undefined;
function thisProcess(): string {
  if (processTag === undefined) {
    let namespace = '';
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      // Not Linux: the host name alone tells processes apart.
    }
    processTag = `${hostname()}|${namespace}|${process.pid}`;
  }
  return processTag;
}

/** A fresh owner token for one run: this process, and a random part so two runs of one process differ. */
export function leaseOwner(): string {
  return `${thisProcess()}|${randomUUID()}`;
}

/**
 * True when the owner was a process of this host and PID namespace that no longer exists (killed, crashed): its lease
 * need not run out before a rerun resumes the request. Any doubt (another host, a PID in use) says false.
 */
export function ownerHasEnded(owner: string): boolean {
  const parts = owner.split('|');
  const pid = Number(parts[2]);
  if (parts.length !== 4 || parts.slice(0, 2).join('|') !== thisProcess().split('|').slice(0, 2).join('|')) return false;
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists (another user's).
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

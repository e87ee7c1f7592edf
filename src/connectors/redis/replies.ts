// Reading the replies of a pipeline or MULTI so that a command the connection lost is never taken for an empty reply.
import type { ChainableCommander } from 'ioredis';

/**
 * The reply of each queued command, in order. ioredis reports a command's failure inside the results, not by rejecting:
 * a connection lost mid-batch gives every command an error, which read as "no such key" would make a store that dropped
 * look empty. So any error is thrown, except a reply error `tolerate` accepts (e.g. WRONGTYPE: a key of another type),
 * which reads as null. No results at all (`exec` resolving null) is thrown too, as a lost connection.
 */
export async function repliesOf(batch: ChainableCommander, tolerate?: (error: Error) => boolean): Promise<unknown[]> {
  const results = await batch.exec();
  if (results === null) throw batchLost();
  return results.map(([error, reply]) => {
    if (!error) return reply;
    if (tolerate?.(error) && !isConnectionError(error)) return null;
    throw error;
  });
}

/** A Redis reply error for a key of another type than the command expects. */
export function isWrongType(error: Error): boolean {
  return error.message.startsWith('WRONGTYPE');
}

/** Errors of the client, not replies of the server: connection closed, retries exhausted, socket errors (they carry a code). */
function isConnectionError(error: Error): boolean {
  return error.name !== 'ReplyError';
}

function batchLost(): Error {
  return Object.assign(new Error('the batch got no replies: the connection was lost'), { code: 'ECONNABORTED' });
}

// IP truncation (K4.1): keeps a prefix of an address — by default /16 of IPv4 and /64 of IPv6 for masks, configurable — and
// zeroes the rest.
import ipaddr from 'ipaddr.js';

/** Prefix lengths in bits, each checked against its family's width (32, 128). */
export interface IpPrefixes {
  readonly ipv4: number;
  readonly ipv6: number;
}

/** The erasure mask `truncate-ip`: half of each address (IPv4 /16, IPv6 /64). */
export const HALF_ADDRESS: IpPrefixes = Object.freeze({ ipv4: 16, ipv6: 64 });

/**
 * Returns the address with only its first `prefixes` bits kept (default: the first half), or undefined when the text is
 * not an IP address. IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) count as IPv4. Idempotent.
 */
export function truncateIp(text: string, prefixes: IpPrefixes = HALF_ADDRESS): string | undefined {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // One parse: isValid then process would parse twice, and a masked log holds many addresses.
    address = ipaddr.process(text);
  } catch {
    return undefined;
  }
  const bytes = address.toByteArray();
  const keep = address.kind() === 'ipv4' ? prefixes.ipv4 : prefixes.ipv6;
  for (let i = 0; i < bytes.length; i++) {
    const bitsKept = Math.min(8, Math.max(0, keep - i * 8));
    bytes[i] = (bytes[i] ?? 0) & ((0xff << (8 - bitsKept)) & 0xff);
  }
  return ipaddr.fromByteArray(bytes).toString();
}

// IP truncation (K4.1): keeps the first half of an address — /16 of IPv4, /64 of IPv6 — and zeroes the rest.
import ipaddr from 'ipaddr.js';

/** Returns the truncated address, or undefined when the text is not an IP address. Idempotent. */
export function truncateIp(text: string): string | undefined {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // One parse: isValid then process would parse twice, and a masked log holds many addresses.
    address = ipaddr.process(text);
  } catch {
    return undefined;
  }
  if (address.kind() === 'ipv4') {
    const [a, b] = (address as ipaddr.IPv4).octets;
    return `${a}.${b}.0.0`;
  }
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  return new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString();
}

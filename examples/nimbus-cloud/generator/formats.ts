// How generated values look: password hashes, encrypted blobs, tokens, IP addresses, phone numbers, masked cards.
import type { Rng } from './random.js';

/** An argon2id encoded hash as a password library stores it (random salt and digest: nothing to crack). */
export function passwordHash(rng: Rng): string {
  return `$argon2id$v=19$m=65536,t=3,p=4$${rng.base64(22)}$${rng.base64(43)}`;
}

/** A field encrypted by the application (AES-GCM envelope): key version, nonce and ciphertext, opaque. */
export function encrypted(rng: Rng, bytes: number): string {
  return `enc:v1:${rng.base64(16)}:${rng.base64(Math.ceil((bytes * 4) / 3))}`;
}

/** A SHA-256 digest in hex, as stored for API and session tokens. */
export function sha256(rng: Rng): string {
  return rng.hex(64);
}

const V4_FIRST = [
  2, 5, 31, 37, 46, 62, 77, 78, 80, 81, 82, 83, 86, 88, 90, 92, 109, 176, 185, 193, 212, 213, 24, 70, 74, 99, 142, 173, 184, 207,
];
const V6_PREFIXES = ['2a01:cb00', '2a01:e0a', '2a02:8428', '2001:861', '2a04:cec0', '2607:fea8', '2604:3d08', '2001:56a', '2a00:23c7'];

export function ipv4(rng: Rng): string {
  return `${rng.pick(V4_FIRST)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
}

function group(rng: Rng): string {
  return rng.int(0x10000).toString(16);
}

function ipv6(rng: Rng): string {
  return `${rng.pick(V6_PREFIXES)}:${group(rng)}:${group(rng)}:${group(rng)}:${group(rng)}:${group(rng)}:${group(rng)}`;
}

/** An address as a customer's connections show it: mostly IPv4, one in four IPv6. */
export function ip(rng: Rng): string {
  return rng.chance(0.25) ? ipv6(rng) : ipv4(rng);
}

/** The first half of an address (K4.1), as src/anonymize truncates it: /16 of IPv4, /64 of IPv6. */
export function ipPrefix(address: string): string {
  if (!address.includes(':')) {
    const [a, b] = address.split('.');
    return `${a}.${b}.0.0`;
  }
  const groups = address.split(':').slice(0, 4);
  while (groups.length > 0 && groups[groups.length - 1] === '0') groups.pop();
  return `${groups.join(':')}::`;
}

/** An E.164 number: the country prefix, then random digits. */
export function phoneNumber(rng: Rng, plan: readonly [prefix: string, digits: number]): string {
  return plan[0] + String(1 + rng.int(9)) + rng.digits(plan[1] - 1);
}

/** `9` a digit, `A` a capital letter, anything else as written. */
export function postcode(rng: Rng, format: string): string {
  let out = '';
  for (const char of format) {
    if (char === '9') out += String(rng.int(10));
    else if (char === 'A') out += String.fromCharCode(65 + rng.int(26));
    else out += char;
  }
  return out;
}

export interface CardBrand {
  readonly name: string;
  readonly bins: readonly string[];
  readonly length: number;
}

export const CARD_BRANDS: readonly (readonly [CardBrand, number])[] = [
  [{ name: 'visa', bins: ['497010', '497355', '453245', '414720', '476173', '424242'], length: 16 }, 52],
  [{ name: 'mastercard', bins: ['513659', '522173', '545454', '555555', '222300', '537410'], length: 16 }, 38],
  [{ name: 'amex', bins: ['374245', '378282', '371449'], length: 15 }, 6],
  [{ name: 'cb', bins: ['497401', '497671', '513127'], length: 16 }, 4],
];

/** K1.3: BIN and last four only, the middle masked (`497010******4242`); never a full number. */
export function maskedCard(rng: Rng, brand: CardBrand): string {
  return rng.pick(brand.bins) + '*'.repeat(brand.length - 10) + rng.digits(4);
}

// How staff e-mail addresses are compared: trimmed and case-folded as identities are, so `Ada@Example.org ` is ada@example.org.
import { foldCase } from '../../policy/index.js';

export function foldEmail(email: string): string {
  return foldCase(email.trim());
}

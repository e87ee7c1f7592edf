// The organization block every test manifest needs, so each test's YAML states only what the test is about.

/**
 * `organization:` of a test provider named `name`, in Paris, under the GDPR, with `privacy@<domain>.example`, which is
 * also its request channel (`rights:`).
 */
export function testOrganization(name: string, domain: string): string {
  return `organization:
  name: ${name}
  address: 1 rue du Test, Paris
  contact: { email: privacy@${domain}.example }
  jurisdictions: [gdpr]
  policy: { version: '1', lastReviewed: '2026-10-01' }
rights:
  channels: { email: privacy@${domain}.example }`;
}

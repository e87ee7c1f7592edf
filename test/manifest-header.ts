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

/** A test provider's organization, its e-mail identity, its customers and its Paris hosting: what most test manifests share. */
export function testProvider(name: string, domain: string): string {
  return `${testOrganization(name, domain)}
identities:
  email: { type: email }
subjects:
  customer: { name: Customers }
locations:
  hosting: [{ name: Paris, country: FR, primary: true }]`;
}

/**
 * The purposes most retention test manifests share, as entries of `purposes:`: `contract` over `categories`, kept under
 * the rule `account`, and `security` over IP addresses, kept under the rule `logs`.
 */
export function contractAndSecurityPurposes(categories: readonly string[]): string {
  return `  contract:
    name: Contract
    description: Runs the contract
    legalBasis: contract
    subjects: [customer]
    categories: [${categories.join(', ')}]
    retention: account
  security:
    name: Security
    description: Secures the service
    legalBasis: legitimate-interest
    legitimateInterest: Keeping accounts safe
    subjects: [customer]
    categories: [system.network.ip]
    retention: logs`;
}

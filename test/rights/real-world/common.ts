// The provider-wide part of the real-world manifests (organization, subjects, purposes, retention, holds), shared by
// the music store, the film rental and the HR schemas; each adds its identities and datasets in a file of its own.
export const COMMON_MANIFEST = `
organization:
  name: Real World Stores
  address: 1 Rua do Teste, Lisboa
  contact: { email: privacy@realworld.example }
  jurisdictions: [gdpr]
  policy: { version: '1', lastReviewed: '2026-10-01' }
rights:
  channels: { email: privacy@realworld.example }
subjects:
  customer: { name: Customers }
  staff: { name: Employees and staff }
  dependent: { name: Dependents of employees }
locations:
  hosting: [{ name: Lisbon, country: PT, primary: true }]
taxonomy:
  categories:
    user.employment.record:
      class: medium
      label: Job, salary, department and history of an employee
retention:
  records: { duration: P3Y, trigger: collected }
legalHolds:
  payments-6y:
    description: Payments are kept six years for the tax authority
    duration: P6Y
    trigger: collected
    categories: [user.financial.billing]
purposes:
  sales:
    name: Selling and renting
    description: Sells music and rents films to customers, and bills them
    legalBasis: contract
    subjects: [customer]
    categories:
      [user.account.id, user.identity.name, user.identity.company, user.contact.email, user.contact.email-backup,
       user.contact.phone, user.contact.address, user.financial.invoice, user.financial.billing, user.relationship.order,
       user.communication.support]
    retention: records
  employment:
    name: Employment
    description: Employs staff, pays them and covers their dependents
    legalBasis: contract
    subjects: [staff, dependent]
    categories:
      [user.account.id, user.identity.name, user.contact.email, user.contact.phone, user.contact.address,
       user.employment.record]
    retention: records
`;

// Ground truth of the rights engine on a Sakila-shaped film rental, on SQLite and MariaDB: shared addresses stay
// untouched, held payments keep their customer (masked), staff referenced through NOT NULL columns are masked, not deleted.
import { SAKILA } from './sakila.js';
import { groundTruthSuite, marks, type Person, type Truth } from './suite.js';
import { ids, normalise, type HandSql, type Row } from './tables.js';

const CUSTOMER_NOTE = /rental\.customers is masked.*rental\.payments.*customer_id.*NOT NULL/;
const ADDRESS_NOTE = /rental\.address is masked.*(customers|staff).*address_id.*NOT NULL/;
const STAFF_NOTE = /rental\.staff is masked.*(payments|rentals|stores).*(staff_id|manager_staff_id).*NOT NULL/;

const PEOPLE: Person[] = [
  {
    who: 'a customer with two accounts at one address, rentals, payments and notes (Mary)',
    identity: 'email',
    value: 'mary.smith@sakilacustomer.org',
    notes: [CUSTOMER_NOTE, ADDRESS_NOTE],
  },
  {
    who: 'a household member found by her backup e-mail (Patricia)',
    identity: 'email',
    value: 'pj.home@example.net',
    notes: [CUSTOMER_NOTE],
  },
  { who: 'the other household member, by customer number (Linda)', identity: 'customer_id', value: '3' },
  {
    who: 'a customer whose own address has a proof of address on file (Susan)',
    identity: 'email',
    value: 'susan.wilson@sakilacustomer.org',
    notes: [CUSTOMER_NOTE, ADDRESS_NOTE],
  },
  {
    who: 'a customer found by a mixed-case backup e-mail (Barbara)',
    identity: 'email',
    value: 'barbara.j@EXAMPLE.com',
  },
  { who: 'a customer sharing her address with a staff member (Elizabeth)', identity: 'email', value: 'elizabeth.brown@sakilacustomer.org' },
  {
    who: 'the manager of store 1, who processed payments (Mike, by staff number)',
    identity: 'staff_id',
    value: '1',
    notes: [STAFF_NOTE, ADDRESS_NOTE],
  },
  {
    who: 'the manager of store 2, living at the store’s address (Jon)',
    identity: 'email',
    value: 'jon.stephens@sakilastaff.com',
    notes: [STAFF_NOTE],
  },
  { who: 'a staff member sharing a customer’s address (Ana)', identity: 'email', value: 'ana.costa@sakilastaff.com', notes: [STAFF_NOTE] },
  {
    who: 'a staff member who processed nothing but rents as a customer, at his own address (Rui)',
    identity: 'email',
    value: 'rui.silva@sakilastaff.com',
    notes: [STAFF_NOTE, CUSTOMER_NOTE, ADDRESS_NOTE],
  },
];

/** The columns of a kept row that a mask changes: only those whose value differs from what the store holds now. */
async function masked(sql: HandSql, table: string, id: string, to: Row): Promise<Row | undefined> {
  const [row] = await sql.all(`SELECT * FROM ${table} WHERE id = ?`, [Number(id)]);
  const changed: Row = {};
  for (const [col, value] of Object.entries(to)) if (normalise(row?.[col]) !== value) changed[col] = value;
  return Object.keys(changed).length > 0 ? changed : undefined;
}

async function truth(sql: HandSql, person: Person): Promise<Truth> {
  const email = person.value.toLowerCase();
  const byEmail = person.identity === 'email';
  const customers = byEmail
    ? await ids(sql, 'SELECT id FROM customers WHERE lower(email) = ? OR lower(backup_email) = ?', [email, email])
    : person.identity === 'customer_id'
      ? await ids(sql, 'SELECT id FROM customers WHERE id = ?', [Number(person.value)])
      : [];
  const staff = byEmail
    ? await ids(sql, 'SELECT id FROM staff WHERE lower(email) = ?', [email])
    : person.identity === 'staff_id'
      ? await ids(sql, 'SELECT id FROM staff WHERE id = ?', [Number(person.value)])
      : [];
  const rentals = await ids(sql, `SELECT id FROM rentals WHERE customer_id IN (${marks(customers)})`, customers);
  const payments = await ids(sql, `SELECT id FROM payments WHERE customer_id IN (${marks(customers)})`, customers);
  const notes = await ids(sql, `SELECT id FROM customer_notes WHERE customer_id IN (${marks(customers)})`, customers);
  // An address is the person's when only their rows reference it: no other customer, staff member or store.
  const candidates = [
    ...(await ids(sql, `SELECT address_id FROM customers WHERE id IN (${marks(customers)})`, customers)),
    ...(await ids(sql, `SELECT address_id FROM staff WHERE id IN (${marks(staff)})`, staff)),
  ];
  const addresses: string[] = [];
  for (const a of new Set(candidates)) {
    const others = [
      ...(await ids(sql, `SELECT id FROM customers WHERE address_id = ? AND id NOT IN (${marks(customers)})`, [Number(a), ...customers])),
      ...(await ids(sql, `SELECT id FROM staff WHERE address_id = ? AND id NOT IN (${marks(staff)})`, [Number(a), ...staff])),
      ...(await ids(sql, 'SELECT id FROM stores WHERE address_id = ?', [Number(a)])),
    ];
    if (others.length === 0) addresses.push(a);
  }
  const checks = await ids(sql, `SELECT id FROM address_checks WHERE address_id IN (${marks(addresses)})`, addresses);
  // Erasure: rentals and notes go; payments are held (kept, their rental reference nulled where the rental goes), so the
  // customer stays, masked, and so does the address the customer's NOT NULL address_id points at. Staff are referenced
  // NOT NULL by payments, rentals and stores: masked, never deleted; their own address likewise.
  const changed: Record<string, Record<string, Row>> = {};
  const set = async (table: string, keys: readonly string[], to: Row) => {
    for (const id of keys) {
      const cols = await masked(sql, table, id, to);
      if (cols) (changed[table] ??= {})[id] = cols;
    }
  };
  await set('customers', customers, { first_name: '[erased]', last_name: '[erased]', email: null, backup_email: null });
  await set('staff', staff, { first_name: '[erased]', last_name: '[erased]', email: null, username: null });
  await set('address', addresses, { address: '[erased]', district: null, postal_code: null, phone: null });
  const detached = await ids(sql, `SELECT id FROM payments WHERE rental_id IN (${marks(rentals)})`, rentals);
  for (const id of detached) (changed.payments ??= {})[id] = { rental_id: null };
  return {
    access: { customers, staff, rentals, payments, customer_notes: notes, address: addresses, address_checks: checks },
    erasure: {
      deleted: { rentals, customer_notes: notes, address_checks: checks },
      changed,
      // The payments stay under the six-year hold, each covered by a hold record retention will act on.
      held: payments.length > 0 ? { payments: { hold: 'payments-6y', keys: payments } } : {},
    },
  };
}

groundTruthSuite(SAKILA, 'mysql', PEOPLE, truth);

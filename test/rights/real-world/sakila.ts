// A film rental shaped like Sakila: addresses shared by a household and by staff, stores and staff that reference each
// other (NOT NULL both ways), rentals and payments processed by staff, payments under a legal hold, and customer notes
// whose reference the store does not enforce.
import type { Row, TableSpec } from './tables.js';
import type { SchemaSpec } from './world.js';

export const SAKILA_MANIFEST = `
identities:
  email: { type: email }
  customer_id: { type: integer }
  staff_id: { type: integer }
datasets:
  rental:
    store: {{store}}
    collections:
      country:
        fields: { id: { type: integer }, country: { type: string } }
      city:
        fields:
          id: { type: integer }
          city: { type: string }
          country_id: { type: integer, references: country.id, link: association, required: true }
      address:
        retention: records
        timestamps: { collected: last_update }
        fields:
          id: { type: integer }
          address: { type: string, category: user.contact.address, required: true, strategy: fixed, value: '[erased]' }
          district: { type: string, category: user.contact.address }
          city_id: { type: integer, references: city.id, link: association, required: true }
          postal_code: { type: string, category: user.contact.address }
          phone: { type: phone, category: user.contact.phone }
          last_update: { type: date }
      address_checks:
        description: Proofs of address collected when an account is opened; shared addresses never lead to them.
        retention: records
        timestamps: { collected: checked_at }
        fields:
          id: { type: integer }
          address_id: { type: integer, references: address.id, link: belongs-to, required: true }
          document: { type: string, category: user.contact.address }
          checked_at: { type: date }
      stores:
        fields:
          id: { type: integer }
          manager_staff_id: { type: integer, references: staff.id, link: association, required: true }
          address_id: { type: integer, references: address.id, link: association, required: true }
      staff:
        retention: records
        timestamps: { collected: last_update }
        fields:
          id: { type: integer, category: user.account.id, identity: staff_id }
          first_name: { type: string, category: user.identity.name, required: true, strategy: fixed, value: '[erased]' }
          last_name: { type: string, category: user.identity.name, required: true, strategy: fixed, value: '[erased]' }
          address_id: { type: integer, references: address.id, link: owns, required: true }
          email: { type: email, category: user.contact.email, identity: email }
          store_id: { type: integer, references: stores.id, link: association, required: true }
          username: { type: string, category: user.account.id }
          last_update: { type: date }
      customers:
        retention: records
        timestamps: { collected: create_date }
        fields:
          id: { type: integer, category: user.account.id, identity: customer_id }
          store_id: { type: integer, references: stores.id, link: association, required: true }
          first_name: { type: string, category: user.identity.name, required: true, strategy: fixed, value: '[erased]' }
          last_name: { type: string, category: user.identity.name, required: true, strategy: fixed, value: '[erased]' }
          email: { type: email, category: user.contact.email, identity: email }
          backup_email: { type: email, category: user.contact.email-backup, identity: email }
          address_id: { type: integer, references: address.id, link: owns, required: true }
          active: { type: integer }
          create_date: { type: date }
      film:
        fields: { id: { type: integer }, title: { type: string } }
      inventory:
        fields:
          id: { type: integer }
          film_id: { type: integer, references: film.id, link: association, required: true }
          store_id: { type: integer, references: stores.id, link: association, required: true }
      rentals:
        retention: records
        timestamps: { collected: rental_date }
        fields:
          id: { type: integer }
          rental_date: { type: date, category: user.relationship.order }
          inventory_id: { type: integer, references: inventory.id, link: association, required: true }
          customer_id: { type: integer, references: customers.id, link: belongs-to, required: true }
          return_date: { type: date, category: user.relationship.order }
          staff_id: { type: integer, references: staff.id, link: association, required: true }
      payments:
        retention: records
        timestamps: { collected: payment_date }
        fields:
          id: { type: integer }
          customer_id: { type: integer, references: customers.id, link: belongs-to, required: true }
          staff_id: { type: integer, references: staff.id, link: association, required: true }
          rental_id: { type: integer, references: rentals.id, link: belongs-to }
          amount: { type: number, category: user.financial.billing, strategy: hold, hold: payments-6y }
          payment_date: { type: date, category: user.financial.billing, strategy: hold, hold: payments-6y }
      customer_notes:
        description: Notes the counter staff keep; the application's table has no foreign key.
        retention: records
        timestamps: { collected: written_at }
        fields:
          id: { type: integer }
          customer_id: { type: integer, references: customers.id, link: belongs-to }
          note: { type: string, category: user.communication.support }
          written_at: { type: date }
`;

const TABLES: TableSpec[] = [
  { name: 'country', columns: ['id INTEGER NOT NULL', 'country VARCHAR(50) NOT NULL'], primaryKey: ['id'] },
  {
    name: 'city',
    columns: ['id INTEGER NOT NULL', 'city VARCHAR(50) NOT NULL', 'country_id INTEGER NOT NULL'],
    primaryKey: ['id'],
    foreignKeys: { country_id: 'country.id' },
  },
  {
    name: 'address',
    columns: [
      'id INTEGER NOT NULL',
      'address VARCHAR(50) NOT NULL',
      'district VARCHAR(20)',
      'city_id INTEGER NOT NULL',
      'postal_code VARCHAR(10)',
      'phone VARCHAR(20)',
      'last_update VARCHAR(10)',
    ],
    primaryKey: ['id'],
    foreignKeys: { city_id: 'city.id' },
  },
  {
    name: 'address_checks',
    columns: ['id INTEGER NOT NULL', 'address_id INTEGER NOT NULL', 'document VARCHAR(40)', 'checked_at VARCHAR(10)'],
    primaryKey: ['id'],
    foreignKeys: { address_id: 'address.id' },
  },
  {
    name: 'stores',
    columns: ['id INTEGER NOT NULL', 'manager_staff_id INTEGER NOT NULL', 'address_id INTEGER NOT NULL'],
    primaryKey: ['id'],
    foreignKeys: { manager_staff_id: 'staff.id', address_id: 'address.id' },
  },
  {
    name: 'staff',
    columns: [
      'id INTEGER NOT NULL',
      'first_name VARCHAR(45) NOT NULL',
      'last_name VARCHAR(45) NOT NULL',
      'address_id INTEGER NOT NULL',
      'email VARCHAR(50)',
      'store_id INTEGER NOT NULL',
      'username VARCHAR(16)',
      'last_update VARCHAR(10)',
    ],
    primaryKey: ['id'],
    foreignKeys: { address_id: 'address.id', store_id: 'stores.id' },
  },
  {
    name: 'customers',
    columns: [
      'id INTEGER NOT NULL',
      'store_id INTEGER NOT NULL',
      'first_name VARCHAR(45) NOT NULL',
      'last_name VARCHAR(45) NOT NULL',
      'email VARCHAR(50)',
      'backup_email VARCHAR(50)',
      'address_id INTEGER NOT NULL',
      'active INTEGER NOT NULL',
      'create_date VARCHAR(10) NOT NULL',
    ],
    primaryKey: ['id'],
    foreignKeys: { store_id: 'stores.id', address_id: 'address.id' },
  },
  { name: 'film', columns: ['id INTEGER NOT NULL', 'title VARCHAR(128) NOT NULL'], primaryKey: ['id'] },
  {
    name: 'inventory',
    columns: ['id INTEGER NOT NULL', 'film_id INTEGER NOT NULL', 'store_id INTEGER NOT NULL'],
    primaryKey: ['id'],
    foreignKeys: { film_id: 'film.id', store_id: 'stores.id' },
  },
  {
    name: 'rentals',
    columns: [
      'id INTEGER NOT NULL',
      'rental_date VARCHAR(10) NOT NULL',
      'inventory_id INTEGER NOT NULL',
      'customer_id INTEGER NOT NULL',
      'return_date VARCHAR(10)',
      'staff_id INTEGER NOT NULL',
    ],
    primaryKey: ['id'],
    foreignKeys: { inventory_id: 'inventory.id', customer_id: 'customers.id', staff_id: 'staff.id' },
  },
  {
    name: 'payments',
    columns: [
      'id INTEGER NOT NULL',
      'customer_id INTEGER NOT NULL',
      'staff_id INTEGER NOT NULL',
      'rental_id INTEGER',
      'amount NUMERIC(5,2) NOT NULL',
      'payment_date VARCHAR(10) NOT NULL',
    ],
    primaryKey: ['id'],
    foreignKeys: { customer_id: 'customers.id', staff_id: 'staff.id', rental_id: 'rentals.id' },
  },
  // No foreign key: the application checks it, the store does not.
  {
    name: 'customer_notes',
    columns: ['id INTEGER NOT NULL', 'customer_id INTEGER', 'note VARCHAR(200)', 'written_at VARCHAR(10)'],
    primaryKey: ['id'],
  },
];

const address = (id: number, text: string, cityId: number): Row => ({
  id,
  address: text,
  district: 'Centro',
  city_id: cityId,
  postal_code: `4000-${id}`,
  phone: `+351 22 000 0${id}`,
  last_update: '2024-02-15',
});

const staff = (id: number, first: string, last: string, addressId: number, storeId: number, email: string): Row => ({
  id,
  first_name: first,
  last_name: last,
  address_id: addressId,
  email,
  store_id: storeId,
  username: first,
  last_update: '2024-02-15',
});

const customer = (
  id: number,
  storeId: number,
  first: string,
  last: string,
  email: string,
  backup: string | null,
  addressId: number,
): Row => ({
  id,
  store_id: storeId,
  first_name: first,
  last_name: last,
  email,
  backup_email: backup,
  address_id: addressId,
  active: 1,
  create_date: '2024-02-14',
});

const ROWS: Record<string, Row[]> = {
  country: [{ id: 1, country: 'Portugal' }],
  city: [
    { id: 1, city: 'Lisboa', country_id: 1 },
    { id: 2, city: 'Porto', country_id: 1 },
  ],
  address: [
    address(1, '47 MySakila Drive', 1), // store 1
    address(2, '28 MySQL Boulevard', 2), // store 2, and its manager Jon lives above the shop
    address(3, '23 Workhaven Lane', 1), // Mike, alone
    address(5, '1913 Hanoi Way', 1), // Mary, alone (both her accounts)
    address(6, '1121 Loja Avenue', 2), // Patricia and Linda, one household
    address(7, '692 Joliet Street', 2), // Barbara, alone
    address(8, '1566 Inegl Manor', 1), // Elizabeth and Ana (a staff member), one household
    address(9, '53 Idfu Parkway', 2), // Rui, alone (as staff and as a customer)
    address(10, '1795 Santiago Street', 1), // Susan, alone, with a proof of address on file
  ],
  // Checks of shared addresses (a household's, a store's) must never lead to anyone; Susan's is hers.
  address_checks: [
    [2, 6],
    [3, 1],
    [5, 8],
    [7, 10],
  ].map(([id, addressId]) => ({ id: id as number, address_id: addressId as number, document: 'utility bill', checked_at: '2024-02-14' })),
  stores: [
    { id: 1, manager_staff_id: 1, address_id: 1 },
    { id: 2, manager_staff_id: 2, address_id: 2 },
  ],
  staff: [
    staff(1, 'Mike', 'Hillyer', 3, 1, 'Mike.Hillyer@sakilastaff.com'),
    staff(2, 'Jon', 'Stephens', 2, 2, 'jon.stephens@sakilastaff.com'),
    staff(3, 'Ana', 'Costa', 8, 1, 'ana.costa@sakilastaff.com'),
    staff(4, 'Rui', 'Silva', 9, 2, 'rui.silva@sakilastaff.com'),
  ],
  customers: [
    customer(1, 1, 'Mary', 'Smith', 'mary.smith@sakilacustomer.org', null, 5),
    customer(2, 1, 'Patricia', 'Johnson', 'patricia.johnson@sakilacustomer.org', 'pj.home@example.net', 6),
    customer(3, 2, 'Linda', 'Williams', 'linda.williams@sakilacustomer.org', null, 6),
    customer(4, 2, 'Barbara', 'Jones', 'barbara.jones@sakilacustomer.org', 'Barbara.J@Example.com', 7),
    customer(5, 1, 'Elizabeth', 'Brown', 'elizabeth.brown@sakilacustomer.org', null, 8),
    // Mary's second account, opened at the other store with her address as a backup contact: both rows are hers.
    customer(6, 2, 'Mary', 'Smith', 'm.smith@work.example', 'mary.smith@sakilacustomer.org', 5),
    // Rui (staff) rents films too, under his personal e-mail, his work e-mail as backup, at his own address.
    customer(7, 2, 'Rui', 'Silva', 'rui.personal@example.net', 'rui.silva@sakilastaff.com', 9),
    customer(8, 1, 'Susan', 'Wilson', 'susan.wilson@sakilacustomer.org', null, 10),
  ],
  film: [
    { id: 1, title: 'ACADEMY DINOSAUR' },
    { id: 2, title: 'ACE GOLDFINGER' },
  ],
  inventory: [
    { id: 1, film_id: 1, store_id: 1 },
    { id: 2, film_id: 2, store_id: 1 },
    { id: 3, film_id: 1, store_id: 2 },
  ],
  rentals: [
    [1, 1, 1, 1],
    [2, 2, 1, 3],
    [3, 3, 2, 2],
    [4, 1, 3, 1],
    [5, 2, 5, 1],
    [6, 3, 4, 2],
    [7, 2, 7, 3],
    [8, 3, 6, 2],
    [9, 1, 8, 1],
  ].map(([id, inventory, customerId, staffId]) => ({
    id: id as number,
    rental_date: '2025-05-24',
    inventory_id: inventory as number,
    customer_id: customerId as number,
    return_date: '2025-05-26',
    staff_id: staffId as number,
  })),
  payments: [
    [1, 1, 1, 1, 2.99],
    [2, 1, 1, 2, 0.99],
    [3, 1, 2, null, 5.99], // a late fee, no rental
    [4, 2, 2, 3, 4.99],
    [5, 3, 1, 4, 1.99],
    [6, 5, 1, 5, 2.99],
    [7, 7, 3, 7, 0.99],
    [8, 6, 2, 8, 3.99],
    [9, 8, 1, 9, 4.99],
  ].map(([id, customerId, staffId, rentalId, amount]) => ({
    id: id as number,
    customer_id: customerId as number,
    staff_id: staffId as number,
    rental_id: rentalId ?? null,
    amount: amount as number,
    payment_date: '2025-05-25',
  })),
  customer_notes: [
    { id: 1, customer_id: 1, note: 'Prefers horror', written_at: '2025-05-24' },
    { id: 2, customer_id: 2, note: 'Called about a late fee', written_at: '2025-05-25' },
    { id: 3, customer_id: 3, note: 'Same household as Patricia', written_at: '2025-05-25' },
    { id: 4, customer_id: 99, note: 'Left by a customer long gone', written_at: '2020-01-01' },
    { id: 5, customer_id: 6, note: 'Same person as customer 1', written_at: '2025-06-01' },
  ],
};

export const SAKILA: SchemaSpec = { name: 'sakila', manifest: SAKILA_MANIFEST, tables: TABLES, rows: ROWS };

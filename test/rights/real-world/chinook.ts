// A music store shaped like Chinook: employees who report to each other and support customers, customers with a primary
// and a backup e-mail (mixed case in the data), invoices and their lines, and catalogue lookups nobody owns.
import type { Row, TableSpec } from './tables.js';
import type { SchemaSpec } from './world.js';

export const CHINOOK_MANIFEST = `
identities:
  email: { type: email, caseInsensitive: true }
  customer_id: { type: integer }
  employee_id: { type: integer }
datasets:
  music:
    store: {{store}}
    collections:
      employees:
        retention: records
        timestamps: { collected: hire_date }
        fields:
          id: { type: integer, category: user.account.id, identity: employee_id }
          last_name: { type: string, category: user.identity.name, required: true, strategy: fixed, value: '[erased]' }
          first_name: { type: string, category: user.identity.name, required: true, strategy: fixed, value: '[erased]' }
          title: { type: string, category: user.employment.record }
          reports_to: { type: integer, references: employees.id, link: association }
          hire_date: { type: date, category: user.employment.record }
          email: { type: email, category: user.contact.email, identity: email }
      customers:
        retention: records
        timestamps: { collected: created_at }
        identity: { email: [email, backup_email], customer_id: id }
        fields:
          id: { type: integer, category: user.account.id }
          first_name: { type: string, category: user.identity.name, required: true }
          last_name: { type: string, category: user.identity.name, required: true }
          company: { type: string, category: user.identity.company }
          address: { type: string, category: user.contact.address }
          city: { type: string, category: user.contact.address }
          country: { type: string, category: user.contact.address }
          postal_code: { type: string, category: user.contact.address }
          phone: { type: phone, category: user.contact.phone }
          email: { type: email, category: user.contact.email, required: true }
          backup_email: { type: email, category: user.contact.email-backup }
          support_rep_id: { type: integer, references: employees.id, link: association }
          created_at: { type: date }
      invoices:
        retention: records
        timestamps: { collected: invoice_date }
        fields:
          id: { type: integer }
          customer_id: { type: integer, references: customers.id, link: belongs-to, required: true }
          invoice_date: { type: date }
          billing_address: { type: string, category: user.contact.address }
          billing_city: { type: string, category: user.contact.address }
          billing_country: { type: string, category: user.contact.address }
          total: { type: number, category: user.financial.invoice }
      invoice_lines:
        retention: records
        timestamps: { collected: invoice_id.invoice_date }
        fields:
          id: { type: integer }
          invoice_id: { type: integer, references: invoices.id, link: belongs-to, required: true }
          track_id: { type: integer, references: tracks.id, link: association, required: true }
          unit_price: { type: number, category: user.relationship.order }
          quantity: { type: integer, category: user.relationship.order }
      tracks:
        fields:
          id: { type: integer }
          name: { type: string }
          album_id: { type: integer, references: albums.id, link: association }
          media_type_id: { type: integer, references: media_types.id, link: association, required: true }
          genre_id: { type: integer, references: genres.id, link: association }
          unit_price: { type: number }
      albums:
        fields:
          id: { type: integer }
          title: { type: string }
          artist_id: { type: integer, references: artists.id, link: association, required: true }
      artists:
        fields: { id: { type: integer }, name: { type: string } }
      genres:
        fields: { id: { type: integer }, name: { type: string } }
      media_types:
        fields: { id: { type: integer }, name: { type: string } }
      playlists:
        fields: { id: { type: integer }, name: { type: string } }
      playlist_track:
        primaryKey: [playlist_id, track_id]
        fields:
          playlist_id: { type: integer, references: playlists.id, link: association, required: true }
          track_id: { type: integer, references: tracks.id, link: association, required: true }
`;

const TABLES: TableSpec[] = [
  { name: 'artists', columns: ['id INTEGER NOT NULL', 'name VARCHAR(120)'], primaryKey: ['id'] },
  {
    name: 'albums',
    columns: ['id INTEGER NOT NULL', 'title VARCHAR(160) NOT NULL', 'artist_id INTEGER NOT NULL'],
    primaryKey: ['id'],
    foreignKeys: { artist_id: 'artists.id' },
  },
  { name: 'genres', columns: ['id INTEGER NOT NULL', 'name VARCHAR(120)'], primaryKey: ['id'] },
  { name: 'media_types', columns: ['id INTEGER NOT NULL', 'name VARCHAR(120)'], primaryKey: ['id'] },
  {
    name: 'tracks',
    columns: [
      'id INTEGER NOT NULL',
      'name VARCHAR(200) NOT NULL',
      'album_id INTEGER',
      'media_type_id INTEGER NOT NULL',
      'genre_id INTEGER',
      'unit_price NUMERIC(10,2) NOT NULL',
    ],
    primaryKey: ['id'],
    foreignKeys: { album_id: 'albums.id', media_type_id: 'media_types.id', genre_id: 'genres.id' },
  },
  { name: 'playlists', columns: ['id INTEGER NOT NULL', 'name VARCHAR(120)'], primaryKey: ['id'] },
  {
    name: 'playlist_track',
    columns: ['playlist_id INTEGER NOT NULL', 'track_id INTEGER NOT NULL'],
    primaryKey: ['playlist_id', 'track_id'],
    foreignKeys: { playlist_id: 'playlists.id', track_id: 'tracks.id' },
  },
  {
    name: 'employees',
    columns: [
      'id INTEGER NOT NULL',
      'last_name VARCHAR(20) NOT NULL',
      'first_name VARCHAR(20) NOT NULL',
      'title VARCHAR(30)',
      'reports_to INTEGER',
      'hire_date VARCHAR(10)',
      'email VARCHAR(60)',
    ],
    primaryKey: ['id'],
    foreignKeys: { reports_to: 'employees.id' },
  },
  {
    name: 'customers',
    columns: [
      'id INTEGER NOT NULL',
      'first_name VARCHAR(40) NOT NULL',
      'last_name VARCHAR(20) NOT NULL',
      'company VARCHAR(80)',
      'address VARCHAR(70)',
      'city VARCHAR(40)',
      'country VARCHAR(40)',
      'postal_code VARCHAR(10)',
      'phone VARCHAR(24)',
      'email VARCHAR(60) NOT NULL',
      'backup_email VARCHAR(60)',
      'support_rep_id INTEGER',
      'created_at VARCHAR(10)',
    ],
    primaryKey: ['id'],
    foreignKeys: { support_rep_id: 'employees.id' },
  },
  // The loyalty team's table, which the manifest does not declare: the store still refuses to orphan its rows.
  {
    name: 'surveys',
    columns: ['id INTEGER NOT NULL', 'customer_id INTEGER NOT NULL', 'score INTEGER'],
    primaryKey: ['id'],
    foreignKeys: { customer_id: 'customers.id' },
  },
  {
    name: 'invoices',
    columns: [
      'id INTEGER NOT NULL',
      'customer_id INTEGER NOT NULL',
      'invoice_date VARCHAR(10) NOT NULL',
      'billing_address VARCHAR(70)',
      'billing_city VARCHAR(40)',
      'billing_country VARCHAR(40)',
      'total NUMERIC(10,2) NOT NULL',
    ],
    primaryKey: ['id'],
    foreignKeys: { customer_id: 'customers.id' },
  },
  {
    name: 'invoice_lines',
    columns: [
      'id INTEGER NOT NULL',
      'invoice_id INTEGER NOT NULL',
      'track_id INTEGER NOT NULL',
      'unit_price NUMERIC(10,2) NOT NULL',
      'quantity INTEGER NOT NULL',
    ],
    primaryKey: ['id'],
    foreignKeys: { invoice_id: 'invoices.id', track_id: 'tracks.id' },
  },
];

const employee = (id: number, last: string, first: string, title: string, reportsTo: number | null, email: string): Row => ({
  id,
  last_name: last,
  first_name: first,
  title,
  reports_to: reportsTo,
  hire_date: '2002-08-14',
  email,
});

const customer = (
  id: number,
  first: string,
  last: string,
  email: string,
  backup: string | null,
  rep: number | null,
  company: string | null = null,
): Row => ({
  id,
  first_name: first,
  last_name: last,
  company,
  address: `${id} Main Street`,
  city: 'Lisbon',
  country: 'Portugal',
  postal_code: `1000-${id}`,
  phone: `+351 21 000 00${id}`,
  email,
  backup_email: backup,
  support_rep_id: rep,
  created_at: '2024-01-0' + String(id % 9 || 1),
});

const ROWS: Record<string, Row[]> = {
  artists: [
    { id: 1, name: 'AC/DC' },
    { id: 2, name: 'Accept' },
  ],
  albums: [
    { id: 1, title: 'For Those About To Rock', artist_id: 1 },
    { id: 2, title: 'Balls to the Wall', artist_id: 2 },
  ],
  genres: [{ id: 1, name: 'Rock' }],
  media_types: [{ id: 1, name: 'MPEG audio file' }],
  tracks: [
    { id: 1, name: 'For Those About To Rock', album_id: 1, media_type_id: 1, genre_id: 1, unit_price: 0.99 },
    { id: 2, name: 'Balls to the Wall', album_id: 2, media_type_id: 1, genre_id: 1, unit_price: 0.99 },
    { id: 3, name: 'Fast As a Shark', album_id: null, media_type_id: 1, genre_id: null, unit_price: 1.99 },
  ],
  playlists: [
    { id: 1, name: 'Music' },
    { id: 2, name: 'Heavy Metal' },
  ],
  playlist_track: [
    { playlist_id: 1, track_id: 1 },
    { playlist_id: 1, track_id: 2 },
    { playlist_id: 2, track_id: 3 },
  ],
  employees: [
    employee(1, 'Adams', 'Andrew', 'General Manager', null, 'andrew@chinookcorp.com'),
    employee(2, 'Edwards', 'Nancy', 'Sales Manager', 1, 'nancy@chinookcorp.com'),
    employee(3, 'Peacock', 'Jane', 'Sales Support Agent', 2, 'jane@chinookcorp.com'),
    employee(4, 'Park', 'Margaret', 'Sales Support Agent', 2, 'margaret@chinookcorp.com'),
    employee(5, 'Johnson', 'Steve', 'Sales Support Agent', 2, 'steve@chinookcorp.com'),
    employee(6, 'Mitchell', 'Michael', 'IT Manager', 1, 'michael@chinookcorp.com'),
    employee(7, 'King', 'Robert', 'IT Staff', 6, 'robert@chinookcorp.com'),
  ],
  customers: [
    customer(1, 'Luís', 'Gonçalves', 'Luis.Goncalves@Embraer.com.br', null, 3, 'Embraer'),
    customer(2, 'Leonie', 'Köhler', 'leonekohler@surfeu.de', 'leonie.k@backup.example', 5),
    customer(3, 'François', 'Tremblay', 'ftremblay@gmail.com', null, 3),
    customer(4, 'Bjørn', 'Hansen', 'bjorn.hansen@yahoo.no', null, 4),
    customer(5, 'Frank', 'Harris', 'fharris@google.com', 'Frank.H@Example.org', 4, 'Google'),
    customer(6, 'Jack', 'Smith', 'jacksmith@microsoft.com', null, 5, 'Microsoft'),
    // The IT staff member is also a customer, under his work address.
    customer(7, 'Robert', 'King', 'robert@chinookcorp.com', null, 3),
    // A buyer with more invoices than erasure pins by key (64): her rows are written through their selections.
    customer(8, 'Helena', 'Holý', 'hholy@gmail.com', null, 5),
    // Her backup contact is a colleague's address (Jack's): the backup column holds an e-mail that is not hers alone.
    customer(9, 'Ana', 'Ribeiro', 'ana.ribeiro@outlook.pt', 'jacksmith@microsoft.com', 5),
    // Answered a survey the manifest does not know of.
    customer(10, 'Eduardo', 'Martins', 'emartins@yahoo.br', null, 4),
  ],
  surveys: [{ id: 1, customer_id: 10, score: 9 }],
  invoices: [
    [101, 1],
    [102, 1],
    [103, 2],
    [104, 3],
    [105, 4],
    [106, 5],
    [107, 6],
    [108, 7],
    [109, 9],
    [110, 10],
    ...Array.from({ length: 70 }, (_, i) => [200 + i, 8]),
  ].map(([id, customerId]) => ({
    id: id as number,
    customer_id: customerId as number,
    invoice_date: '2025-01-01',
    billing_address: `${String(customerId)} Main Street`,
    billing_city: 'Lisbon',
    billing_country: 'Portugal',
    total: 1.98,
  })),
  invoice_lines: [
    [1001, 101, 1],
    [1002, 101, 2],
    [1003, 102, 3],
    [1004, 103, 1],
    [1010, 103, 2],
    [1005, 104, 2],
    [1006, 105, 3],
    [1007, 106, 1],
    [1008, 107, 2],
    [1009, 108, 3],
    [1011, 109, 1],
    [1012, 110, 2],
    ...Array.from({ length: 70 }, (_, i) => [
      [2000 + 2 * i, 200 + i, 1],
      [2001 + 2 * i, 200 + i, 2],
    ]).flat(),
  ].map(([id, invoice, track]) => ({
    id: id as number,
    invoice_id: invoice as number,
    track_id: track as number,
    unit_price: 0.99,
    quantity: 1,
  })),
};

export const CHINOOK: SchemaSpec = { name: 'chinook', manifest: CHINOOK_MANIFEST, tables: TABLES, rows: ROWS };

// Three labelled schemas shaped like public sample databases (a music store, a film rental, HR), built in SQLite, PostgreSQL or MariaDB.
export type ColumnKind = 'int' | 'text' | 'code' | 'date' | 'datetime' | 'money' | 'bool' | 'blob';

export interface TableSpec {
  readonly name: string;
  /** `name kind` with ` pk` / ` null` flags; columns are NOT NULL unless flagged ` null`. */
  readonly columns: readonly string[];
  /** column → `table.column`, declared as a foreign key where the variant declares them. */
  readonly references?: Readonly<Record<string, string>>;
  readonly rows: readonly (readonly unknown[])[];
}

/** What a privacy engineer would write: the category of each personal column, and each reference with its link. */
export interface SchemaLabels {
  readonly categories: Readonly<Record<string, string>>;
  readonly references: Readonly<Record<string, readonly [target: string, link: 'belongs-to' | 'owns' | 'association']>>;
}

export interface LabelledSchema {
  readonly name: string;
  readonly tables: readonly TableSpec[];
  readonly labels: SchemaLabels;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const FIRST = ['Ada', 'Bruno', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kenji', 'Lena'];
const LAST = ['Lovelace', 'Martin', 'Nguyen', 'Okafor', 'Petit', 'Quinn', 'Rossi', 'Silva', 'Tanaka', 'Urban', 'Vidal', 'Weber'];
const CITIES = ['Paris', 'Lyon', 'Lille', 'Nantes'];
const HASH = (i: number) => `${'8cb2237d0679ca88db6464eac60da963455139'}${String(i).padStart(2, '0')}`;

/** Chinook-like: PascalCase names, support reps, billing addresses on invoices, a catalogue of tracks. */
export const MUSIC_STORE: LabelledSchema = {
  name: 'music',
  tables: [
    { name: 'Artist', columns: ['ArtistId int pk', 'Name text'], rows: range(4).map((i) => [i, `Band ${i}`]) },
    {
      name: 'Album',
      columns: ['AlbumId int pk', 'Title text', 'ArtistId int'],
      references: { ArtistId: 'Artist.ArtistId' },
      rows: range(6).map((i) => [i, `Album ${i}`, ((i - 1) % 4) + 1]),
    },
    { name: 'Genre', columns: ['GenreId int pk', 'Name text null'], rows: ['Rock', 'Jazz', 'Metal'].map((n, i) => [i + 1, n]) },
    { name: 'MediaType', columns: ['MediaTypeId int pk', 'Name text null'], rows: ['MPEG', 'AAC'].map((n, i) => [i + 1, n]) },
    {
      name: 'Track',
      columns: [
        'TrackId int pk',
        'Name text',
        'AlbumId int null',
        'MediaTypeId int',
        'GenreId int null',
        'Composer text null',
        'Milliseconds int',
        'Bytes int null',
        'UnitPrice money',
      ],
      references: { AlbumId: 'Album.AlbumId', MediaTypeId: 'MediaType.MediaTypeId', GenreId: 'Genre.GenreId' },
      rows: range(12).map((i) => [
        i,
        `Song ${i}`,
        ((i - 1) % 6) + 1,
        ((i - 1) % 2) + 1,
        ((i - 1) % 3) + 1,
        'J. Doe',
        200000 + i,
        6000000 + i,
        0.99,
      ]),
    },
    {
      name: 'Employee',
      columns: [
        'EmployeeId int pk',
        'LastName text',
        'FirstName text',
        'Title text null',
        'ReportsTo int null',
        'BirthDate datetime null',
        'HireDate datetime null',
        'Address text null',
        'City text null',
        'State text null',
        'Country text null',
        'PostalCode text null',
        'Phone text null',
        'Fax text null',
        'Email text null',
      ],
      references: { ReportsTo: 'Employee.EmployeeId' },
      rows: range(4).map((i) => [
        i,
        pick(LAST, i),
        pick(FIRST, i),
        i === 1 ? 'General Manager' : 'Sales Support Agent',
        i === 1 ? null : 1,
        '1970-05-0' + i,
        '2002-08-1' + i,
        `${i} rue Haute`,
        pick(CITIES, i),
        'IDF',
        'France',
        `7500${i}`,
        `+33 1 00 00 00 0${i}`,
        `+33 1 00 00 01 0${i}`,
        `staff${i}@music.example`,
      ]),
    },
    {
      name: 'Customer',
      columns: [
        'CustomerId int pk',
        'FirstName text',
        'LastName text',
        'Company text null',
        'Address text null',
        'City text null',
        'State text null',
        'Country text null',
        'PostalCode text null',
        'Phone text null',
        'Fax text null',
        'Email text',
        'SupportRepId int null',
      ],
      references: { SupportRepId: 'Employee.EmployeeId' },
      rows: range(10).map((i) => [
        i,
        pick(FIRST, i + 3),
        pick(LAST, i + 5),
        i % 3 === 0 ? 'Acme' : null,
        `${i} avenue Basse`,
        pick(CITIES, i),
        null,
        'France',
        `6900${i}`,
        `+33 4 00 00 00 ${10 + i}`,
        null,
        `customer${i}@mail.example`,
        (i % 3) + 2,
      ]),
    },
    {
      name: 'Invoice',
      columns: [
        'InvoiceId int pk',
        'CustomerId int',
        'InvoiceDate datetime',
        'BillingAddress text null',
        'BillingCity text null',
        'BillingState text null',
        'BillingCountry text null',
        'BillingPostalCode text null',
        'Total money',
      ],
      references: { CustomerId: 'Customer.CustomerId' },
      rows: range(20).map((i) => [
        i,
        ((i - 1) % 10) + 1,
        `2025-01-${String(i).padStart(2, '0')} 00:00:00`,
        `${i} avenue Basse`,
        pick(CITIES, i),
        null,
        'France',
        `6900${i % 10}`,
        1.98,
      ]),
    },
    {
      name: 'InvoiceLine',
      columns: ['InvoiceLineId int pk', 'InvoiceId int', 'TrackId int', 'UnitPrice money', 'Quantity int'],
      references: { InvoiceId: 'Invoice.InvoiceId', TrackId: 'Track.TrackId' },
      rows: range(40).map((i) => [i, ((i - 1) % 20) + 1, ((i - 1) % 12) + 1, 0.99, 1]),
    },
    {
      name: 'Playlist',
      columns: ['PlaylistId int pk', 'Name text null'],
      rows: [
        [1, 'Music'],
        [2, 'Movies'],
      ],
    },
    {
      name: 'PlaylistTrack',
      columns: ['PlaylistId int pk', 'TrackId int pk'],
      references: { PlaylistId: 'Playlist.PlaylistId', TrackId: 'Track.TrackId' },
      rows: range(10).map((i) => [((i - 1) % 2) + 1, i]),
    },
  ],
  labels: {
    categories: {
      'Employee.EmployeeId': 'user.account.id',
      'Employee.LastName': 'user.identity.name',
      'Employee.FirstName': 'user.identity.name',
      'Employee.Title': 'user.identity.company',
      'Employee.BirthDate': 'user.identity.birthdate',
      'Employee.HireDate': 'user.identity.company',
      'Employee.Address': 'user.contact.address',
      'Employee.City': 'user.contact.address',
      'Employee.State': 'user.contact.address',
      'Employee.Country': 'user.contact.address',
      'Employee.PostalCode': 'user.contact.address',
      'Employee.Phone': 'user.contact.phone',
      'Employee.Fax': 'user.contact.phone',
      'Employee.Email': 'user.contact.email',
      'Customer.CustomerId': 'user.account.id',
      'Customer.FirstName': 'user.identity.name',
      'Customer.LastName': 'user.identity.name',
      'Customer.Company': 'user.identity.company',
      'Customer.Address': 'user.contact.address',
      'Customer.City': 'user.contact.address',
      'Customer.State': 'user.contact.address',
      'Customer.Country': 'user.contact.address',
      'Customer.PostalCode': 'user.contact.address',
      'Customer.Phone': 'user.contact.phone',
      'Customer.Fax': 'user.contact.phone',
      'Customer.Email': 'user.contact.email',
      'Invoice.CustomerId': 'user.account.id',
      'Invoice.BillingAddress': 'user.contact.address',
      'Invoice.BillingCity': 'user.contact.address',
      'Invoice.BillingState': 'user.contact.address',
      'Invoice.BillingCountry': 'user.contact.address',
      'Invoice.BillingPostalCode': 'user.contact.address',
    },
    references: {
      'Album.ArtistId': ['Artist.ArtistId', 'association'],
      'Track.AlbumId': ['Album.AlbumId', 'association'],
      'Track.MediaTypeId': ['MediaType.MediaTypeId', 'association'],
      'Track.GenreId': ['Genre.GenreId', 'association'],
      'Employee.ReportsTo': ['Employee.EmployeeId', 'association'],
      'Customer.SupportRepId': ['Employee.EmployeeId', 'association'],
      'Invoice.CustomerId': ['Customer.CustomerId', 'belongs-to'],
      'InvoiceLine.InvoiceId': ['Invoice.InvoiceId', 'belongs-to'],
      'InvoiceLine.TrackId': ['Track.TrackId', 'association'],
      'PlaylistTrack.PlaylistId': ['Playlist.PlaylistId', 'association'],
      'PlaylistTrack.TrackId': ['Track.TrackId', 'association'],
    },
  },
};

/** Sakila-like: addresses shared by customers, staff and stores; payments processed by staff; a store ↔ manager cycle. */
export const FILM_RENTAL: LabelledSchema = {
  name: 'rental',
  tables: [
    {
      name: 'country',
      columns: ['country_id int pk', 'country text', 'last_update datetime'],
      rows: ['France', 'Japan'].map((c, i) => [i + 1, c, '2026-01-01 00:00:00']),
    },
    {
      name: 'city',
      columns: ['city_id int pk', 'city text', 'country_id int', 'last_update datetime'],
      references: { country_id: 'country.country_id' },
      rows: CITIES.map((c, i) => [i + 1, c, 1, '2026-01-01 00:00:00']),
    },
    {
      name: 'address',
      columns: [
        'address_id int pk',
        'address text',
        'address2 text null',
        'district text',
        'city_id int',
        'postal_code text null',
        'phone text',
        'last_update datetime',
      ],
      references: { city_id: 'city.city_id' },
      rows: range(16).map((i) => [
        i,
        `${i} rue du Port`,
        null,
        'Rhône',
        ((i - 1) % 4) + 1,
        `6900${i % 10}`,
        `+33 4 11 11 11 ${10 + i}`,
        '2026-01-01 00:00:00',
      ]),
    },
    {
      name: 'language',
      columns: ['language_id int pk', 'name text', 'last_update datetime'],
      rows: [
        [1, 'English', '2026-01-01 00:00:00'],
        [2, 'French', '2026-01-01 00:00:00'],
      ],
    },
    {
      name: 'category',
      columns: ['category_id int pk', 'name text', 'last_update datetime'],
      rows: [
        [1, 'Action', '2026-01-01 00:00:00'],
        [2, 'Comedy', '2026-01-01 00:00:00'],
      ],
    },
    {
      name: 'film',
      columns: [
        'film_id int pk',
        'title text',
        'description text null',
        'release_year int null',
        'language_id int',
        'rental_rate money',
        'length int null',
        'rating code null',
        'last_update datetime',
      ],
      references: { language_id: 'language.language_id' },
      rows: range(6).map((i) => [i, `FILM ${i}`, 'A story', 2006, ((i - 1) % 2) + 1, 2.99, 90 + i, 'PG', '2026-01-01 00:00:00']),
    },
    {
      name: 'actor',
      columns: ['actor_id int pk', 'first_name text', 'last_name text', 'last_update datetime'],
      rows: range(5).map((i) => [i, pick(FIRST, i), pick(LAST, i), '2026-01-01 00:00:00']),
    },
    {
      name: 'film_actor',
      columns: ['actor_id int pk', 'film_id int pk', 'last_update datetime'],
      references: { actor_id: 'actor.actor_id', film_id: 'film.film_id' },
      rows: range(10).map((i) => [((i - 1) % 5) + 1, ((i - 1) % 6) + 1, '2026-01-01 00:00:00']),
    },
    {
      name: 'film_category',
      columns: ['film_id int pk', 'category_id int pk', 'last_update datetime'],
      references: { film_id: 'film.film_id', category_id: 'category.category_id' },
      rows: range(6).map((i) => [i, ((i - 1) % 2) + 1, '2026-01-01 00:00:00']),
    },
    {
      name: 'staff',
      columns: [
        'staff_id int pk',
        'first_name text',
        'last_name text',
        'address_id int',
        'picture blob null',
        'email text null',
        'store_id int',
        'active bool',
        'username text',
        'password text null',
        'last_update datetime',
      ],
      references: { address_id: 'address.address_id', store_id: 'store.store_id' },
      rows: range(4).map((i) => [
        i,
        pick(FIRST, i + 6),
        pick(LAST, i + 6),
        i,
        null,
        `staff${i}@rental.example`,
        ((i - 1) % 2) + 1,
        true,
        `staff${i}`,
        HASH(i),
        '2026-01-01 00:00:00',
      ]),
    },
    {
      name: 'store',
      columns: ['store_id int pk', 'manager_staff_id int', 'address_id int', 'last_update datetime'],
      references: { manager_staff_id: 'staff.staff_id', address_id: 'address.address_id' },
      rows: [
        [1, 1, 5, '2026-01-01 00:00:00'],
        [2, 2, 6, '2026-01-01 00:00:00'],
      ],
    },
    {
      name: 'customer',
      columns: [
        'customer_id int pk',
        'store_id int',
        'first_name text',
        'last_name text',
        'email text null',
        'address_id int',
        'active bool',
        'create_date datetime',
        'last_update datetime null',
      ],
      references: { store_id: 'store.store_id', address_id: 'address.address_id' },
      rows: range(10).map((i) => [
        i,
        ((i - 1) % 2) + 1,
        pick(FIRST, i),
        pick(LAST, i + 1),
        `member${i}@rental.example`,
        i + 6,
        i % 4 !== 0,
        '2026-01-02 00:00:00',
        null,
      ]),
    },
    {
      name: 'inventory',
      columns: ['inventory_id int pk', 'film_id int', 'store_id int', 'last_update datetime'],
      references: { film_id: 'film.film_id', store_id: 'store.store_id' },
      rows: range(12).map((i) => [i, ((i - 1) % 6) + 1, ((i - 1) % 2) + 1, '2026-01-01 00:00:00']),
    },
    {
      name: 'rental',
      columns: [
        'rental_id int pk',
        'rental_date datetime',
        'inventory_id int',
        'customer_id int',
        'return_date datetime null',
        'staff_id int',
        'last_update datetime',
      ],
      references: { inventory_id: 'inventory.inventory_id', customer_id: 'customer.customer_id', staff_id: 'staff.staff_id' },
      rows: range(24).map((i) => [
        i,
        '2026-02-01 10:00:00',
        ((i - 1) % 12) + 1,
        ((i - 1) % 10) + 1,
        null,
        ((i - 1) % 4) + 1,
        '2026-02-01 10:00:00',
      ]),
    },
    {
      name: 'payment',
      columns: [
        'payment_id int pk',
        'customer_id int',
        'staff_id int',
        'rental_id int null',
        'amount money',
        'payment_date datetime',
        'last_update datetime null',
      ],
      references: { customer_id: 'customer.customer_id', staff_id: 'staff.staff_id', rental_id: 'rental.rental_id' },
      rows: range(24).map((i) => [i, ((i - 1) % 10) + 1, ((i - 1) % 4) + 1, i, 2.99, '2026-02-01 10:00:00', null]),
    },
  ],
  labels: {
    categories: {
      'address.address': 'user.contact.address',
      'address.address2': 'user.contact.address',
      'address.district': 'user.contact.address',
      'address.postal_code': 'user.contact.address',
      'address.phone': 'user.contact.phone',
      'actor.actor_id': 'user.account.id',
      'actor.first_name': 'user.identity.name',
      'actor.last_name': 'user.identity.name',
      'film_actor.actor_id': 'user.account.id',
      'staff.staff_id': 'user.account.id',
      'staff.first_name': 'user.identity.name',
      'staff.last_name': 'user.identity.name',
      'staff.picture': 'user.account.settings',
      'staff.email': 'user.contact.email',
      'staff.username': 'user.account.handle',
      'staff.password': 'user.auth.password',
      'customer.customer_id': 'user.account.id',
      'customer.first_name': 'user.identity.name',
      'customer.last_name': 'user.identity.name',
      'customer.email': 'user.contact.email',
      'rental.customer_id': 'user.account.id',
      'payment.customer_id': 'user.account.id',
    },
    references: {
      'city.country_id': ['country.country_id', 'association'],
      'address.city_id': ['city.city_id', 'association'],
      'film.language_id': ['language.language_id', 'association'],
      'film_actor.actor_id': ['actor.actor_id', 'belongs-to'],
      'film_actor.film_id': ['film.film_id', 'association'],
      'film_category.film_id': ['film.film_id', 'association'],
      'film_category.category_id': ['category.category_id', 'association'],
      'staff.address_id': ['address.address_id', 'owns'],
      'staff.store_id': ['store.store_id', 'association'],
      'store.manager_staff_id': ['staff.staff_id', 'association'],
      'store.address_id': ['address.address_id', 'owns'],
      'customer.store_id': ['store.store_id', 'association'],
      'customer.address_id': ['address.address_id', 'owns'],
      'inventory.film_id': ['film.film_id', 'association'],
      'inventory.store_id': ['store.store_id', 'association'],
      'rental.inventory_id': ['inventory.inventory_id', 'association'],
      'rental.customer_id': ['customer.customer_id', 'belongs-to'],
      'rental.staff_id': ['staff.staff_id', 'association'],
      'payment.customer_id': ['customer.customer_id', 'belongs-to'],
      'payment.staff_id': ['staff.staff_id', 'association'],
      'payment.rental_id': ['rental.rental_id', 'belongs-to'],
    },
  },
};

/** HR-like: employees with managers (a self-reference), departments managed by employees, jobs, locations, countries. */
export const HUMAN_RESOURCES: LabelledSchema = {
  name: 'hr',
  tables: [
    {
      name: 'regions',
      columns: ['region_id int pk', 'region_name text null'],
      rows: [
        [1, 'Europe'],
        [2, 'Asia'],
      ],
    },
    {
      name: 'countries',
      columns: ['country_id code pk', 'country_name text null', 'region_id int'],
      references: { region_id: 'regions.region_id' },
      rows: [
        ['FR', 'France', 1],
        ['DE', 'Germany', 1],
        ['JP', 'Japan', 2],
      ],
    },
    {
      name: 'locations',
      columns: [
        'location_id int pk',
        'street_address text null',
        'postal_code text null',
        'city text',
        'state_province text null',
        'country_id code',
      ],
      references: { country_id: 'countries.country_id' },
      rows: [
        [1, '1 quai Ouest', '75001', 'Paris', null, 'FR'],
        [2, '2 Hauptstraße', '10115', 'Berlin', 'Berlin', 'DE'],
        [3, '3 Ginza', '104-0061', 'Tokyo', 'Tokyo', 'JP'],
      ],
    },
    {
      name: 'jobs',
      columns: ['job_id int pk', 'job_title text', 'min_salary money null', 'max_salary money null'],
      rows: [
        [1, 'President', 20000, 40000],
        [2, 'Programmer', 4000, 10000],
        [3, 'Accountant', 4000, 9000],
      ],
    },
    {
      name: 'departments',
      columns: ['department_id int pk', 'department_name text', 'manager_id int null', 'location_id int null'],
      references: { manager_id: 'employees.employee_id', location_id: 'locations.location_id' },
      rows: [
        [1, 'Executive', 1, 1],
        [2, 'IT', 2, 1],
        [3, 'Finance', 3, 2],
        [4, 'Sales', null, 2],
        [5, 'Research', null, 3],
      ],
    },
    {
      name: 'employees',
      columns: [
        'employee_id int pk',
        'first_name text null',
        'last_name text',
        'email text',
        'phone_number text null',
        'hire_date date',
        'job_id int',
        'salary money',
        'commission_pct money null',
        'manager_id int null',
        'department_id int null',
      ],
      references: { job_id: 'jobs.job_id', manager_id: 'employees.employee_id', department_id: 'departments.department_id' },
      rows: range(10).map((i) => [
        i,
        pick(FIRST, i),
        pick(LAST, i + 2),
        `emp${i}@hr.example`,
        `+33 6 00 00 00 ${10 + i}`,
        '2019-03-0' + ((i % 9) + 1),
        i === 1 ? 1 : ((i - 1) % 2) + 2,
        5000 + i,
        null,
        i === 1 ? null : 1,
        ((i - 1) % 5) + 1,
      ]),
    },
    {
      name: 'dependents',
      columns: ['dependent_id int pk', 'first_name text', 'last_name text', 'relationship text', 'employee_id int'],
      references: { employee_id: 'employees.employee_id' },
      rows: range(6).map((i) => [i, pick(FIRST, i + 4), pick(LAST, i + 2), 'Child', ((i - 1) % 4) + 1]),
    },
    {
      name: 'job_history',
      columns: ['employee_id int pk', 'start_date date pk', 'end_date date', 'job_id int', 'department_id int null'],
      references: { employee_id: 'employees.employee_id', job_id: 'jobs.job_id', department_id: 'departments.department_id' },
      rows: range(6).map((i) => [((i - 1) % 4) + 1, `201${i}-01-01`, `201${i}-12-31`, ((i - 1) % 2) + 2, ((i - 1) % 3) + 1]),
    },
  ],
  labels: {
    categories: {
      'employees.employee_id': 'user.account.id',
      'employees.first_name': 'user.identity.name',
      'employees.last_name': 'user.identity.name',
      'employees.email': 'user.contact.email',
      'employees.phone_number': 'user.contact.phone',
      'employees.hire_date': 'user.identity.company',
      'dependents.dependent_id': 'user.account.id',
      'dependents.first_name': 'user.identity.name',
      'dependents.last_name': 'user.identity.name',
      'dependents.employee_id': 'user.account.id',
      'job_history.employee_id': 'user.account.id',
    },
    references: {
      'countries.region_id': ['regions.region_id', 'association'],
      'locations.country_id': ['countries.country_id', 'association'],
      'departments.manager_id': ['employees.employee_id', 'association'],
      'departments.location_id': ['locations.location_id', 'association'],
      'employees.job_id': ['jobs.job_id', 'association'],
      'employees.manager_id': ['employees.employee_id', 'association'],
      'employees.department_id': ['departments.department_id', 'association'],
      'dependents.employee_id': ['employees.employee_id', 'belongs-to'],
      'job_history.employee_id': ['employees.employee_id', 'belongs-to'],
      'job_history.job_id': ['jobs.job_id', 'association'],
      'job_history.department_id': ['departments.department_id', 'association'],
    },
  },
};

/** `InvoiceLine` → `invoice_line`, `SupportRepId` → `support_rep_id`: the same schema as PostgreSQL ports spell it. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The schema with every table and column name in snake_case (labels too). */
export function inSnakeCase(schema: LabelledSchema): LabelledSchema {
  const qualified = (q: string) => q.split('.').map(snakeCase).join('.');
  return {
    name: schema.name,
    tables: schema.tables.map((t) => ({
      name: snakeCase(t.name),
      columns: t.columns.map((c) => {
        const [name, ...rest] = c.split(' ');
        return [snakeCase(name!), ...rest].join(' ');
      }),
      references: Object.fromEntries(Object.entries(t.references ?? {}).map(([c, target]) => [snakeCase(c), qualified(target)])),
      rows: t.rows,
    })),
    labels: {
      categories: Object.fromEntries(Object.entries(schema.labels.categories).map(([k, v]) => [qualified(k), v])),
      references: Object.fromEntries(
        Object.entries(schema.labels.references).map(([k, [t, l]]) => [qualified(k), [qualified(t), l] as const]),
      ),
    },
  };
}

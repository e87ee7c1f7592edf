// An HR schema shaped like Oracle's HR sample: employees managed by employees, departments managed by an employee
// while employees belong to departments (a reference cycle), job history keyed by employee and start date, dependents.
import type { Row, TableSpec } from './tables.js';
import type { SchemaSpec } from './world.js';

export const HR_MANIFEST = `
identities:
  email: { type: email }
  employee_id: { type: integer }
datasets:
  hr:
    store: {{store}}
    collections:
      regions:
        fields: { id: { type: integer }, name: { type: string } }
      countries:
        fields:
          id: { type: string }
          name: { type: string }
          region_id: { type: integer, references: regions.id, link: association }
      locations:
        fields:
          id: { type: integer }
          street_address: { type: string }
          postal_code: { type: string }
          city: { type: string }
          country_id: { type: string, references: countries.id, link: association }
      addresses:
        description: Home addresses; a couple working here shares one.
        retention: records
        timestamps: { collected: since }
        fields:
          id: { type: integer }
          street: { type: string, category: user.contact.address, required: true }
          city: { type: string, category: user.contact.address }
          postal_code: { type: string, category: user.contact.address }
          since: { type: date }
      jobs:
        fields:
          id: { type: string }
          title: { type: string }
          min_salary: { type: number }
          max_salary: { type: number }
      departments:
        fields:
          id: { type: integer }
          name: { type: string }
          manager_id: { type: integer, references: employees.id, link: association }
          location_id: { type: integer, references: locations.id, link: association }
      employees:
        retention: records
        timestamps: { collected: hire_date }
        fields:
          id: { type: integer, category: user.account.id, identity: employee_id }
          first_name: { type: string, category: user.identity.name }
          last_name: { type: string, category: user.identity.name, required: true }
          email: { type: email, category: user.contact.email, identity: email, unique: true, required: true }
          phone: { type: phone, category: user.contact.phone }
          hire_date: { type: date, category: user.employment.record, required: true }
          job_id: { type: string, references: jobs.id, link: association, required: true }
          salary: { type: number, category: user.employment.record }
          manager_id: { type: integer, references: employees.id, link: association }
          department_id: { type: integer, references: departments.id, link: association }
          home_address_id: { type: integer, references: addresses.id, link: owns }
      job_history:
        primaryKey: [employee_id, start_date]
        retention: records
        timestamps: { collected: start_date }
        fields:
          employee_id: { type: integer, references: employees.id, link: belongs-to, required: true }
          start_date: { type: date, category: user.employment.record, required: true }
          end_date: { type: date, category: user.employment.record, required: true }
          job_id: { type: string, references: jobs.id, link: association, required: true }
          department_id: { type: integer, references: departments.id, link: association }
      dependents:
        retention: records
        timestamps: { collected: employee_id.hire_date }
        fields:
          id: { type: integer }
          first_name: { type: string, category: user.identity.name, required: true }
          last_name: { type: string, category: user.identity.name, required: true }
          relationship: { type: string, category: user.employment.record, required: true }
          employee_id: { type: integer, references: employees.id, link: belongs-to, required: true }
`;

const TABLES: TableSpec[] = [
  { name: 'regions', columns: ['id INTEGER NOT NULL', 'name VARCHAR(25)'], primaryKey: ['id'] },
  {
    name: 'countries',
    columns: ['id VARCHAR(2) NOT NULL', 'name VARCHAR(40)', 'region_id INTEGER'],
    primaryKey: ['id'],
    foreignKeys: { region_id: 'regions.id' },
  },
  {
    name: 'locations',
    columns: [
      'id INTEGER NOT NULL',
      'street_address VARCHAR(40)',
      'postal_code VARCHAR(12)',
      'city VARCHAR(30) NOT NULL',
      'country_id VARCHAR(2)',
    ],
    primaryKey: ['id'],
    foreignKeys: { country_id: 'countries.id' },
  },
  {
    name: 'addresses',
    columns: ['id INTEGER NOT NULL', 'street VARCHAR(60) NOT NULL', 'city VARCHAR(30)', 'postal_code VARCHAR(12)', 'since VARCHAR(10)'],
    primaryKey: ['id'],
  },
  {
    name: 'jobs',
    columns: ['id VARCHAR(10) NOT NULL', 'title VARCHAR(35) NOT NULL', 'min_salary NUMERIC(8,2)', 'max_salary NUMERIC(8,2)'],
    primaryKey: ['id'],
  },
  {
    name: 'departments',
    columns: ['id INTEGER NOT NULL', 'name VARCHAR(30) NOT NULL', 'manager_id INTEGER', 'location_id INTEGER'],
    primaryKey: ['id'],
    foreignKeys: { manager_id: 'employees.id', location_id: 'locations.id' },
  },
  {
    name: 'employees',
    columns: [
      'id INTEGER NOT NULL',
      'first_name VARCHAR(20)',
      'last_name VARCHAR(25) NOT NULL',
      'email VARCHAR(40) NOT NULL UNIQUE',
      'phone VARCHAR(20)',
      'hire_date VARCHAR(10) NOT NULL',
      'job_id VARCHAR(10) NOT NULL',
      'salary NUMERIC(8,2)',
      'manager_id INTEGER',
      'department_id INTEGER',
      'home_address_id INTEGER',
    ],
    primaryKey: ['id'],
    foreignKeys: { job_id: 'jobs.id', manager_id: 'employees.id', department_id: 'departments.id', home_address_id: 'addresses.id' },
  },
  {
    name: 'job_history',
    columns: [
      'employee_id INTEGER NOT NULL',
      'start_date VARCHAR(10) NOT NULL',
      'end_date VARCHAR(10) NOT NULL',
      'job_id VARCHAR(10) NOT NULL',
      'department_id INTEGER',
    ],
    primaryKey: ['employee_id', 'start_date'],
    foreignKeys: { employee_id: 'employees.id', job_id: 'jobs.id', department_id: 'departments.id' },
  },
  {
    name: 'dependents',
    columns: [
      'id INTEGER NOT NULL',
      'first_name VARCHAR(50) NOT NULL',
      'last_name VARCHAR(50) NOT NULL',
      'relationship VARCHAR(25) NOT NULL',
      'employee_id INTEGER NOT NULL',
    ],
    primaryKey: ['id'],
    foreignKeys: { employee_id: 'employees.id' },
  },
];

const employee = (
  id: number,
  first: string,
  last: string,
  email: string,
  job: string,
  manager: number | null,
  department: number | null,
  home: number | null,
): Row => ({
  id,
  first_name: first,
  last_name: last,
  email,
  phone: `515.123.${id}`,
  hire_date: '2003-06-17',
  job_id: job,
  salary: 10000 + id,
  manager_id: manager,
  department_id: department,
  home_address_id: home,
});

const ROWS: Record<string, Row[]> = {
  regions: [
    { id: 1, name: 'Europe' },
    { id: 2, name: 'Americas' },
  ],
  countries: [
    { id: 'US', name: 'United States of America', region_id: 2 },
    { id: 'UK', name: 'United Kingdom', region_id: 1 },
  ],
  locations: [
    { id: 1700, street_address: '2004 Charade Rd', postal_code: '98199', city: 'Seattle', country_id: 'US' },
    { id: 2400, street_address: '8204 Arthur St', postal_code: null, city: 'London', country_id: 'UK' },
  ],
  addresses: [1, 2, 3, 4, 5].map((id) => ({
    id,
    street: `${id} Elm Street`,
    city: 'Seattle',
    postal_code: `9819${id}`,
    since: '2003-06-17',
  })),
  jobs: [
    { id: 'AD_PRES', title: 'President', min_salary: 20080, max_salary: 40000 },
    { id: 'AD_VP', title: 'Administration Vice President', min_salary: 15000, max_salary: 30000 },
    { id: 'IT_PROG', title: 'Programmer', min_salary: 4000, max_salary: 10000 },
    { id: 'HR_REP', title: 'Human Resources Representative', min_salary: 4000, max_salary: 9000 },
    { id: 'SA_REP', title: 'Sales Representative', min_salary: 6000, max_salary: 12008 },
  ],
  departments: [
    { id: 10, name: 'Administration', manager_id: null, location_id: 1700 },
    { id: 40, name: 'Human Resources', manager_id: 203, location_id: 2400 },
    { id: 60, name: 'IT', manager_id: 103, location_id: 1700 },
    { id: 90, name: 'Executive', manager_id: 100, location_id: 1700 },
  ],
  employees: [
    employee(100, 'Steven', 'King', 'steven.king@hr.example', 'AD_PRES', null, 90, 4),
    employee(101, 'Neena', 'Kochhar', 'neena.kochhar@hr.example', 'AD_VP', 100, 90, null),
    employee(102, 'Lex', 'De Haan', 'lex.dehaan@hr.example', 'AD_VP', 100, 90, 5),
    // Alexander and Bruce are a couple: one home.
    employee(103, 'Alexander', 'Hunold', 'alexander.hunold@hr.example', 'IT_PROG', 102, 60, 2),
    employee(104, 'Bruce', 'Ernst', 'Bruce.Ernst@HR.example', 'IT_PROG', 103, 60, 2),
    employee(105, 'David', 'Austin', 'david.austin@hr.example', 'IT_PROG', 103, 60, 1),
    employee(203, 'Susan', 'Mavris', 'susan.mavris@hr.example', 'HR_REP', 101, 40, 3),
  ],
  job_history: [
    { employee_id: 101, start_date: '1997-09-21', end_date: '2001-10-27', job_id: 'IT_PROG', department_id: 60 },
    { employee_id: 101, start_date: '2001-10-28', end_date: '2005-03-15', job_id: 'HR_REP', department_id: 40 },
    { employee_id: 102, start_date: '2001-01-13', end_date: '2006-07-24', job_id: 'IT_PROG', department_id: 60 },
    { employee_id: 104, start_date: '2010-01-01', end_date: '2012-01-01', job_id: 'SA_REP', department_id: 10 },
    { employee_id: 105, start_date: '2001-10-28', end_date: '2003-06-16', job_id: 'SA_REP', department_id: null },
    { employee_id: 203, start_date: '1999-01-01', end_date: '2003-06-16', job_id: 'IT_PROG', department_id: 60 },
  ],
  dependents: [
    { id: 1, first_name: 'Penelope', last_name: 'Kochhar', relationship: 'Child', employee_id: 101 },
    { id: 2, first_name: 'Nick', last_name: 'Kochhar', relationship: 'Child', employee_id: 101 },
    { id: 3, first_name: 'Ed', last_name: 'King', relationship: 'Child', employee_id: 100 },
    { id: 4, first_name: 'Jennifer', last_name: 'King', relationship: 'Spouse', employee_id: 100 },
    { id: 5, first_name: 'Uma', last_name: 'Ernst', relationship: 'Child', employee_id: 104 },
    { id: 6, first_name: 'Karen', last_name: 'Austin', relationship: 'Spouse', employee_id: 105 },
  ],
};

export const HR: SchemaSpec = { name: 'hr', manifest: HR_MANIFEST, tables: TABLES, rows: ROWS };

// The HR schema with a staff large enough that a sweep runs many batches: the same tables and lookup rows (regions,
// countries, locations, jobs), and generated employees hired on either side of the cut-off, managed by earlier
// employees and managing departments (the reference cycle), sharing homes, with job histories (NOT NULL keys) and
// dependents, some e-mails in mixed case. Generated from a fixed seed: every run seeds the same rows. The manifest is
// HR's, but homes are anonymised after their period rather than deleted, so a sweep both deletes and anonymises.
import { seeded } from '../rights/real-world/permute.js';
import { HR } from '../rights/real-world/hr.js';
import type { Row } from '../rights/real-world/tables.js';
import type { SchemaSpec } from '../rights/real-world/world.js';

const FIRST = ['Steven', 'Neena', 'Lex', 'Alexander', 'Bruce', 'David', 'Susan', 'Nancy', 'Ismael', 'John', 'Luis', 'Den'];
const LAST = ['King', 'Kochhar', 'De Haan', 'Hunold', 'Ernst', 'Austin', 'Mavris', 'Greenberg', 'Sciarra', 'Chen', 'Popp'];
const JOBS = ['AD_PRES', 'AD_VP', 'IT_PROG', 'HR_REP', 'SA_REP'];
const DEPARTMENTS = [10, 40, 60, 90];
const DAY_MS = 86_400_000;
const FIRST_ID = 100;

/** `text` with `from` replaced by `to`, which must be there: a change to the HR manifest fails here, not silently. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the HR manifest no longer holds ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** HR's manifest with homes anonymised after three years: the street overwritten (it is NOT NULL), the rest nulled. */
const MANIFEST = [
  ['datasets:\n', 'retention:\n  homes: { duration: P3Y, trigger: collected, action: anonymise }\ndatasets:\n'],
  ['retention: records\n        timestamps: { collected: since }', 'retention: homes\n        timestamps: { collected: since }'],
  [
    'category: user.contact.address, required: true }',
    "category: user.contact.address, required: true, strategy: fixed, value: '[moved]' }",
  ],
].reduce((text, [from, to]) => edit(text, from as string, to as string), HR.manifest);

/** A day between `from` and `from + days`, as the HR tables store dates (ISO text). */
const dayAfter = (from: string, days: number) => new Date(Date.parse(from) + days * DAY_MS).toISOString().slice(0, 10);

/** HR with `employees` staff hired 2001–2005, `addresses` homes, and their job histories and dependents. */
export function hrStaff(employees: number, addresses = Math.ceil(employees / 2)): SchemaSpec {
  const random = seeded(20030617);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const rows: Record<string, Row[]> = { ...HR.rows } as Record<string, Row[]>;
  // Addresses have no foreign key of their own; employees point at them, a couple at the same one.
  rows.addresses = Array.from({ length: addresses }, (_, i) => ({
    id: i + 1,
    street: `${i + 1} Elm Street`,
    city: pick(['Seattle', 'London', 'Toronto']),
    postal_code: random() < 0.2 ? null : `9${String(1000 + i)}`,
    since: dayAfter('2000-01-01', Math.floor(random() * 6 * 365)),
  }));
  rows.employees = Array.from({ length: employees }, (_, i) => {
    const id = FIRST_ID + i;
    const first = pick(FIRST);
    const last = pick(LAST);
    const address = `${first}.${last.replace(' ', '')}${id}@hr.example`;
    return {
      id,
      first_name: random() < 0.1 ? null : first,
      last_name: last,
      // A few typed their address in mixed case (Bruce.Ernst@HR.example): stored as typed.
      email: random() < 0.2 ? address.replace('hr.example', 'HR.Example') : address.toLowerCase(),
      phone: random() < 0.3 ? null : `515.123.${id}`,
      hire_date: dayAfter('2001-01-01', Math.floor(random() * 5 * 365)),
      job_id: id === FIRST_ID ? 'AD_PRES' : pick(JOBS.slice(1)),
      salary: 4000 + Math.floor(random() * 16000),
      // Managed by an earlier employee: the self-reference forms a tree rooted at the president.
      manager_id: id === FIRST_ID || random() < 0.05 ? null : FIRST_ID + Math.floor(random() * i),
      department_id: random() < 0.1 ? null : pick(DEPARTMENTS),
      home_address_id: random() < 0.2 ? null : 1 + Math.floor(random() * addresses),
    };
  });
  // Departments are managed by employees who belong to departments: the cycle the seed loads before the constraints.
  rows.departments = DEPARTMENTS.map((id, i) => ({
    id,
    name: ['Administration', 'Human Resources', 'IT', 'Executive'][i] as string,
    manager_id: i === 0 ? null : FIRST_ID + Math.floor(random() * employees),
    location_id: pick([1700, 2400]),
  }));
  const staff = rows.employees.map((e) => ({ id: e.id as number, last_name: e.last_name as string }));
  rows.job_history = staff.flatMap((e) => {
    const starts = new Set(Array.from({ length: Math.floor(random() * 4) }, () => dayAfter('1996-01-01', Math.floor(random() * 10 * 365))));
    return [...starts].map((start) => ({
      employee_id: e.id,
      start_date: start,
      end_date: dayAfter(start, 30 + Math.floor(random() * 900)),
      job_id: pick(JOBS),
      department_id: random() < 0.2 ? null : pick(DEPARTMENTS),
    }));
  });
  let dependent = 0;
  rows.dependents = staff.flatMap((e) =>
    Array.from({ length: Math.floor(random() * 3) }, () => ({
      id: ++dependent,
      first_name: pick(FIRST),
      last_name: e.last_name,
      relationship: pick(['Child', 'Spouse']),
      employee_id: e.id,
    })),
  );
  return { ...HR, name: 'hrstaff', manifest: MANIFEST, rows };
}

// Ground truth of the rights engine on an HR schema, on SQLite and PostgreSQL: erasing an employee removes their job
// history and dependents, and detaches (never erases) the employees they manage and the department they head.
import { expect, it } from 'vitest';
import { HR } from './hr.js';
import { groundTruthSuite, marks, type Person, type Truth } from './suite.js';
import { ids, type HandSql, type Row } from './tables.js';

const PEOPLE: Person[] = [
  { who: 'the head of HR, who manages no employee (Susan)', identity: 'email', value: 'susan.mavris@hr.example' },
  { who: 'a programmer with job history and a spouse (David)', identity: 'email', value: 'david.austin@hr.example' },
  {
    who: 'a programmer written in mixed case (Bruce)',
    identity: 'email',
    value: 'bruce.ernst@hr.example',
  },
  {
    who: 'the president, head of Executive and manager of two (Steven)',
    identity: 'email',
    value: 'steven.king@hr.example',
  },
  { who: 'a vice president who manages the head of HR, by number (Neena)', identity: 'employee_id', value: '101' },
  {
    who: 'the head of IT, who manages two programmers (Alexander)',
    identity: 'email',
    value: 'alexander.hunold@hr.example',
  },
];

async function truth(sql: HandSql, person: Person): Promise<Truth> {
  const employees =
    person.identity === 'email'
      ? await ids(sql, 'SELECT id FROM employees WHERE lower(email) = ?', [person.value.toLowerCase()])
      : await ids(sql, 'SELECT id FROM employees WHERE id = ?', [Number(person.value)]);
  const history = await ids(sql, `SELECT employee_id, start_date FROM job_history WHERE employee_id IN (${marks(employees)})`, employees);
  const dependents = await ids(sql, `SELECT id FROM dependents WHERE employee_id IN (${marks(employees)})`, employees);
  // Whoever an erased employee managed stays, without a manager; so does the department they headed.
  const reports = await ids(sql, `SELECT id FROM employees WHERE manager_id IN (${marks(employees)})`, employees);
  const headed = await ids(sql, `SELECT id FROM departments WHERE manager_id IN (${marks(employees)})`, employees);
  // A home address is the employee's when no other employee lives there too (a couple's home is left alone).
  const homes = await ids(
    sql,
    `SELECT home_address_id FROM employees WHERE id IN (${marks(employees)}) AND home_address_id IS NOT NULL`,
    employees,
  );
  const addresses: string[] = [];
  for (const a of new Set(homes)) {
    const others = await ids(sql, `SELECT id FROM employees WHERE home_address_id = ? AND id NOT IN (${marks(employees)})`, [
      Number(a),
      ...employees,
    ]);
    if (others.length === 0) addresses.push(a);
  }
  const changed: Record<string, Record<string, Row>> = {};
  for (const id of reports.filter((e) => !employees.includes(e))) (changed.employees ??= {})[id] = { manager_id: null };
  for (const id of headed) (changed.departments ??= {})[id] = { manager_id: null };
  return {
    access: { employees, job_history: history, dependents, addresses },
    erasure: { deleted: { employees, job_history: history, dependents, addresses }, changed },
  };
}

groundTruthSuite(HR, 'postgres', PEOPLE, truth, (world) => {
  // Read by hand once every erasure above has run: whoever was erased is gone, whoever they managed stays.
  it('leaves none of the erased employees, and Lex De Haan, whom the erased president managed, without a manager', async () => {
    const { sql } = world();
    const emails = PEOPLE.filter((p) => p.identity === 'email').map((p) => p.value.toLowerCase());
    expect(await ids(sql, `SELECT id FROM employees WHERE lower(email) IN (${marks(emails)}) OR id = ?`, [...emails, 101])).toEqual([]);
    expect(await ids(sql, 'SELECT id, manager_id FROM employees WHERE id = ?', [102])).toEqual(['102|']);
  });
});

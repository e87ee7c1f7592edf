// Ground truth of the rights engine on a Chinook-shaped music store, on SQLite and PostgreSQL: customers found by either
// e-mail in any case, support reps and managers whose customers and reports are other people.
import { CHINOOK } from './chinook.js';
import { groundTruthSuite, marks, type Person, type Truth } from './suite.js';
import { expect, it } from 'vitest';
import { ids, type HandSql, type Row } from './tables.js';

const PEOPLE: Person[] = [
  {
    who: 'a customer written in mixed case (Luís)',
    identity: 'email',
    value: 'luis.goncalves@EMBRAER.com.br',
  },
  { who: 'a customer found by her backup e-mail (Leonie)', identity: 'email', value: 'leonie.k@backup.example' },
  {
    who: 'a customer found by a mixed-case backup e-mail (Frank)',
    identity: 'email',
    value: 'FRANK.H@example.org',
  },
  { who: 'a plain customer (François)', identity: 'email', value: 'ftremblay@gmail.com' },
  { who: 'the support rep of three customers (Jane)', identity: 'email', value: 'jane@chinookcorp.com' },
  {
    who: 'the manager three agents report to (Nancy)',
    identity: 'email',
    value: 'nancy@chinookcorp.com',
  },
  { who: 'an employee who is also a customer (Robert)', identity: 'email', value: 'Robert@ChinookCorp.com' },
  { who: 'a customer asked for by customer number (Bjørn)', identity: 'customer_id', value: '4' },
  { who: 'a customer with 70 invoices and 140 lines (Helena)', identity: 'email', value: 'hholy@gmail.com' },
  {
    // Last: the engine erases Jack (customer 6) with her, which would change what later cases find.
    who: 'a customer whose backup contact is a colleague’s e-mail (Ana)',
    identity: 'email',
    value: 'ana.ribeiro@outlook.pt',
  },
];

/** The person's rows by hand: customers by either e-mail (any case), their invoices and lines; employees by e-mail. */
async function truth(sql: HandSql, person: Person): Promise<Truth> {
  const email = person.value.toLowerCase();
  const customers =
    person.identity === 'customer_id'
      ? await ids(sql, 'SELECT id FROM customers WHERE id = ?', [Number(person.value)])
      : await ids(sql, 'SELECT id FROM customers WHERE lower(email) = ? OR lower(backup_email) = ?', [email, email]);
  const employees = person.identity === 'email' ? await ids(sql, 'SELECT id FROM employees WHERE lower(email) = ?', [email]) : [];
  const invoices = await ids(sql, `SELECT id FROM invoices WHERE customer_id IN (${marks(customers)})`, customers);
  const lines = await ids(sql, `SELECT id FROM invoice_lines WHERE invoice_id IN (${marks(invoices)})`, invoices);
  // Other people's rows that pointed at a deleted employee lose only that reference.
  const served = await ids(sql, `SELECT id FROM customers WHERE support_rep_id IN (${marks(employees)})`, employees);
  const reports = await ids(sql, `SELECT id FROM employees WHERE reports_to IN (${marks(employees)})`, employees);
  const changed: Record<string, Record<string, Row>> = {};
  for (const id of served.filter((c) => !customers.includes(c))) (changed.customers ??= {})[id] = { support_rep_id: null };
  for (const id of reports.filter((e) => !employees.includes(e))) (changed.employees ??= {})[id] = { reports_to: null };
  return {
    access: { customers, invoices, invoice_lines: lines, employees },
    erasure: { deleted: { customers, invoices, invoice_lines: lines, employees }, changed },
  };
}

groundTruthSuite(CHINOOK, 'postgres', PEOPLE, truth, (world) => {
  it('an unknown e-mail is not found: nothing exported, nothing changed', async () => {
    expect(await world().access('email', 'nobody@nowhere.example')).toEqual({});
    const before = await world().snapshot();
    expect((await world().erase('email', 'nobody@nowhere.example')).status).toBe('not-found');
    expect(await world().snapshot()).toEqual(before);
  });

  it('an erasure the store refuses (a table the manifest omits still references the customer) changes nothing', async () => {
    const before = await world().snapshot();
    const erasing = world().erase('email', 'emartins@yahoo.br');
    await expect(erasing).rejects.toMatchObject({ code: 'store-error' });
    // One transaction per store: the invoice lines and invoices deleted before the refusal are back.
    expect(await world().snapshot()).toEqual(before);
    // The error names the step, never the person.
    await erasing.catch((e: Error) => expect(e.message).not.toMatch(/emartins|Martins|Eduardo/i));
  });
});

// The anonymise action's declared operators on a schema the sample was not written for: a clinic's visit log on SQLite
// (ages banded, dates to the month, postcodes cut to their district, the patient link and free text nulled). Every
// table is diffed: only the visits past their period change, to exactly what each operator writes; a rerun changes
// nothing (a band, a month and a prefix are their own result); the patients, who follow no rule, are untouched.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProvider } from '../../test/manifest-header.js';
import { createConnectorPool } from '../connectors/index.js';
import { compilePolicyFolder, type PolicyModel } from '../policy/index.js';
import { openSqliteStore } from '../store/index.js';
import { runRetention } from './run.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const dir = resolve(`test/.tmp/retention-clinic-${process.pid}-${Date.now().toString(36)}`);
let model: PolicyModel;
let db: Database.Database;

const VISITS = [
  // Past one year: anonymised.
  { id: 1, patient_id: 1, age: 34, visited_at: '2025-11-20 09:15:00', postcode: '75011', reason: 'back pain' },
  { id: 2, patient_id: 2, age: 67, visited_at: '2024-02-29 16:40:00', postcode: '69003', reason: null },
  // A day inside its year: kept as it is.
  { id: 3, patient_id: 1, age: 35, visited_at: '2025-11-24 11:00:00', postcode: '75011', reason: 'follow-up' },
];

const table = (name: string) => db.prepare(`SELECT * FROM ${name} ORDER BY id`).all();

describe('declared anonymise operators on a clinic visit log (SQLite)', () => {
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'privacy.yaml'),
      `${testProvider('Clinic Retention', 'clinic')}
retention:
  visits: { duration: P1Y, trigger: collected, action: anonymise }
  patients: { duration: P5Y, trigger: contract-end }
purposes:
  care:
    name: Care
    description: Follows the patients' care
    legalBasis: contract
    subjects: [customer]
    categories: [user.contact.email, user.relationship.service]
    retention: patients
  statistics:
    name: Statistics
    description: Counts visits by age and district
    legalBasis: legitimate-interest
    legitimateInterest: Planning the clinic's hours
    subjects: [customer]
    categories: [user.relationship.order]
    retention: visits
datasets:
  clinic:
    store: { kind: sqlite, file: clinic.db }
    collections:
      patients:
        retention: patients
        timestamps: { contract-end: left_at }
        fields:
          id: { type: integer }
          email: { type: email, category: user.contact.email, identity: email }
          left_at: { type: datetime }
      visits:
        retention: visits
        timestamps: { collected: visited_at }
        fields:
          id: { type: integer }
          patient_id: { type: integer, references: patients.id, link: belongs-to }
          age: { type: integer, category: user.relationship.order, anonymise: { op: band, width: 10 } }
          visited_at: { type: datetime, anonymise: { op: generalise-date, to: month } }
          postcode: { type: string, category: user.relationship.order, anonymise: { op: postcode-prefix, length: 2 } }
          reason: { type: string, category: user.relationship.order, provided: true }
`,
    );
    db = new Database(join(dir, 'clinic.db'));
    db.exec(`CREATE TABLE patients (id INTEGER PRIMARY KEY, email TEXT NOT NULL, left_at TEXT);
      CREATE TABLE visits (id INTEGER PRIMARY KEY, patient_id INTEGER REFERENCES patients(id), age INTEGER, visited_at TEXT,
        postcode TEXT, reason TEXT);`);
    db.prepare('INSERT INTO patients (id, email, left_at) VALUES (?, ?, ?)').run(1, 'Ana@Clinic.example', null);
    db.prepare('INSERT INTO patients (id, email, left_at) VALUES (?, ?, ?)').run(2, 'bo@clinic.example', '2025-01-10 00:00:00');
    const insert = db.prepare(
      'INSERT INTO visits (id, patient_id, age, visited_at, postcode, reason) VALUES (@id, @patient_id, @age, @visited_at, @postcode, @reason)',
    );
    for (const v of VISITS) insert.run(v);
    const compiled = compilePolicyFolder(dir, { now: NOW });
    if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
    model = compiled.model;
  });
  afterAll(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each operator into the visits past their period only, and a second sweep changes nothing', async () => {
    const patients = table('patients');
    const kept = table('visits').filter((v) => (v as { id: number }).id === 3);
    const pool = createConnectorPool(model);
    const store = openSqliteStore(':memory:');
    try {
      const sweep = await runRetention(model, pool, store, { now: NOW, sweepId: 'clinic-1' });
      expect(sweep.conditions.find((c) => c.collection === 'clinic.visits')).toMatchObject({ status: 'done', rows: 2 });
      const visits = table('visits') as Record<string, unknown>[];
      expect(visits.filter((v) => v.id !== 3)).toEqual([
        {
          id: 1,
          patient_id: null,
          age: '[30, 40)',
          visited_at: '2025-11-01',
          postcode: '75*',
          reason: null,
        },
        {
          id: 2,
          patient_id: null,
          age: '[60, 70)',
          visited_at: '2024-02-01',
          postcode: '69*',
          reason: null,
        },
      ]);
      expect(visits.filter((v) => v.id === 3)).toEqual(kept);
      expect(table('patients')).toEqual(patients);

      const after = table('visits');
      const again = await runRetention(model, pool, store, { now: NOW, sweepId: 'clinic-2' });
      expect(again.conditions.find((c) => c.collection === 'clinic.visits')).toMatchObject({ status: 'done', rows: 0 });
      expect(table('visits')).toEqual(after);
      expect(table('patients')).toEqual(patients);
    } finally {
      await pool.close();
      await store.close();
    }
  });
});

// Renders the record of processing as CSV (one row per purpose, RFC 4180), JSON (the documented record) or an HTML table page.
import { stringify } from 'csv-stringify/sync';
import type { Language, PolicyModel } from '../../policy/index.js';
import { toHtml } from '../document/html.js';
import { lines, paragraph, section, term, terms, type DocumentTree, type Phrase } from '../document/tree.js';
import { colon } from '../document/typography.js';
import { messagesFor, ROPA_COLUMNS, type Messages, type RopaColumn } from '../i18n/index.js';
import { pick, pickLanguage, ROPA_FORMATS, type RopaFormat } from '../options.js';
import { listInWords } from '../words.js';
import { buildRopaRecord, reviewedInWords, type RopaContact, type RopaController, type RopaRecord } from './record.js';

export interface RopaOptions {
  /** `csv` (default), `json` or `html`. */
  readonly format?: RopaFormat;
  /** Language of the values and headers (default: the manifest's first language); JSON keys stay English. */
  readonly lang?: Language;
}

const contactLine = (c: RopaContact): string => [c.name, c.address, c.email, c.phone, c.url].filter((v) => v !== null).join(', ');
const controllerName = (c: RopaController): string => [c.name, c.legalForm, c.registration].filter((v) => v !== null).join(', ');
const controllerContact = (c: RopaController): string => contactLine({ ...c.contact, name: null, address: c.contact.address ?? c.address });

/** Each column's items for every processing activity, in ROPA_COLUMNS order. */
export function ropaCells(record: RopaRecord, t: Messages): Record<RopaColumn, string[]>[] {
  const c = record.controller;
  const none = (items: string[]) => (items.length === 0 ? [t.ropa.none] : items);
  const sep = `${colon(record.language)} `;
  return record.processingActivities.map((a) => ({
    controller: [controllerName(c)],
    controllerContact: [controllerContact(c)],
    jointControllers: none(c.jointControllers.map(contactLine)),
    representative: none(c.representative ? [contactLine(c.representative)] : []),
    dpo: none(c.dpo ? [contactLine(c.dpo)] : []),
    purposeId: [a.id],
    purpose: [a.purpose],
    // The consequence of not providing the data goes with the description: the art. 30 columns stay as they are.
    description: a.ifRefused === null ? [a.description] : [a.description, `${t.notice.purposes.ifRefused}${sep}${a.ifRefused}`],
    // One line per basis, each with what it covers.
    legalBasis: a.legalBasis.bases.length > 1 ? a.legalBasis.bases.map((b) => b.text) : [a.legalBasis.text],
    subjects: a.dataSubjects.map((s) => s.name),
    categories: a.dataCategories.map((d) => d.label),
    recipients: none(
      a.recipients.map((r) => {
        const what = r.concernedByRequest ? t.notice.recipients.concernedByRequest.toLowerCase() : '';
        return `${r.name} (${[r.role, listInWords(r.where, record.language), what].filter((v) => v).join(' — ')})`;
      }),
    ),
    transfers: none(a.thirdCountryTransfers.map((x) => x.text)),
    erasure: a.erasure.map((e) => {
      const labels = a.dataCategories.filter((d) => e.categories?.includes(d.key)).map((d) => d.label);
      return e.categories === null ? e.text : `${listInWords(labels, record.language)}${sep}${e.text}`;
    }),
    legalHolds: none(a.legalHolds.map((h) => h.text)),
    security: a.securityMeasures.slice(),
  }));
}

/** Spreadsheets run cells that start with `=`, `+`, `-` or `@` as formulas: such cells get a leading apostrophe. */
function inert(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function toCsv(record: RopaRecord, t: Messages): string {
  const rows = ropaCells(record, t).map((cells) => ROPA_COLUMNS.map((col) => inert(cells[col].join('\n'))));
  // A cell holding a line break is quoted (RFC 4180 §2.6): csv-stringify quotes only the record delimiter (CRLF) by
  // itself, and a bare LF left unquoted splits the row for every reader that accepts LF line ends.
  return stringify([ROPA_COLUMNS.map((col) => t.ropa.columns[col]), ...rows], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** Columns of the HTML table: the controller's own fields are shown once, above it. */
const TABLE_COLUMNS = ROPA_COLUMNS.filter(
  (c) => !['controller', 'controllerContact', 'jointControllers', 'representative', 'dpo', 'purposeId'].includes(c),
);

function toRopaDocument(record: RopaRecord, t: Messages): DocumentTree {
  const c = record.controller;
  const cols = t.ropa.columns;
  const cells = ropaCells(record, t);
  const controller = section('controller', t.ropa.controllerHeading, [
    terms([
      term(cols.controller, controllerName(c)),
      term(cols.controllerContact, controllerContact(c)),
      term(cols.jointControllers, c.jointControllers.length === 0 ? t.ropa.none : lines(c.jointControllers.map(contactLine))),
      term(cols.representative, c.representative ? contactLine(c.representative) : t.ropa.none),
      term(cols.dpo, c.dpo ? contactLine(c.dpo) : t.ropa.none),
    ]),
  ]);
  const rows = cells.map((row): Phrase[] => TABLE_COLUMNS.map((col) => lines(row[col])));
  return {
    lang: record.language,
    title: t.ropa.title(c.name),
    lead: [[t.ropa.lead], [t.notice.version(record.policyVersion)], [t.notice.lastReviewed(reviewedInWords(record))]],
    sections: [
      controller,
      section('activities', t.ropa.activitiesHeading, [
        rows.length === 0 ? paragraph(t.ropa.none) : { kind: 'table', head: TABLE_COLUMNS.map((col) => cols[col]), rows, rowHeaders: true },
      ]),
    ],
    wide: true,
  };
}

/** Renders the record of processing (GDPR art. 30(1), controller) of `model`. */
export function renderRopa(model: PolicyModel, options: RopaOptions = {}): string {
  const lang = pickLanguage(model, options.lang);
  const format = pick('format', options.format, ROPA_FORMATS, 'csv');
  const t = messagesFor(lang);
  const record = buildRopaRecord(model, lang);
  switch (format) {
    case 'csv':
      return toCsv(record, t);
    case 'json':
      return `${JSON.stringify(record, null, 2)}\n`;
    case 'html':
      return toHtml(toRopaDocument(record, t));
    default:
      return format satisfies never;
  }
}

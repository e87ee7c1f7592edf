// Diagnostics: every problem the loader, schema or linter finds, with a stable code and a place in a file.

/** `info`: a default the manifest relies on without stating it; never fails lint and is not counted as a warning. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The closed table of diagnostic codes. Codes are stable: never renumber, only add. */
export const DIAGNOSTIC_CODES = {
  CUS001: { severity: 'error', title: 'YAML syntax error' },
  CUS002: { severity: 'error', title: 'value of the wrong type or shape' },
  CUS003: { severity: 'error', title: 'unknown key' },
  CUS004: { severity: 'error', title: 'defined twice' },
  CUS005: { severity: 'error', title: 'manifest folder missing or empty' },
  CUS006: { severity: 'error', title: 'required section missing' },
  CUS010: { severity: 'error', title: 'unknown category' },
  CUS011: { severity: 'error', title: 'unknown subject' },
  CUS012: { severity: 'error', title: 'unknown recipient' },
  CUS013: { severity: 'error', title: 'unknown purpose' },
  CUS014: { severity: 'error', title: 'unknown retention rule or legal hold' },
  CUS015: { severity: 'error', title: 'unknown consent purpose' },
  CUS016: { severity: 'error', title: 'unknown identity, dataset, collection or authority' },
  CUS020: { severity: 'error', title: 'field of a forbidden category' },
  CUS021: { severity: 'error', title: 'card field could hold a full card number' },
  CUS022: { severity: 'error', title: 'high-class field neither encrypted nor hashed' },
  CUS023: { severity: 'error', title: 'card security code stored' },
  CUS030: { severity: 'error', title: 'purpose without a legal basis' },
  CUS031: { severity: 'error', title: 'consent-based purpose without a consent purpose' },
  CUS032: { severity: 'error', title: 'category held for no purpose' },
  CUS033: { severity: 'error', title: 'category without a retention rule' },
  CUS034: { severity: 'error', title: 'recipient receives a category not declared for it' },
  CUS035: { severity: 'warning', title: 'collection unreachable from any identity' },
  CUS036: { severity: 'error', title: 'reference to a missing field' },
  CUS037: { severity: 'error', title: 'retention trigger without a timestamp' },
  CUS038: { severity: 'warning', title: 'policy review overdue' },
  CUS039: { severity: 'error', title: 'extension declared where the law allows none' },
  CUS040: { severity: 'warning', title: 'text missing in a declared language' },
  CUS041: { severity: 'error', title: 'legitimate interest not stated' },
  CUS042: { severity: 'error', title: 'erasure strategy incomplete' },
  CUS043: { severity: 'error', title: 'unknown store profile' },
  CUS044: { severity: 'error', title: 'Redis key index unusable' },
  CUS045: { severity: 'warning', title: 'reference without a declared link' },
  CUS050: { severity: 'error', title: 'YAML unsafe to expand: too deep, too many aliases, or an unresolved alias' },
  CUS051: { severity: 'error', title: 'duration longer than 100 years' },
  CUS052: { severity: 'warning', title: 'not a regular file: skipped' },
  CUS053: { severity: 'warning', title: 'known violation held while it is removed' },
  CUS054: { severity: 'error', title: 'known violation that erasure would keep' },
  CUS055: { severity: 'warning', title: 'violation declared on a field that breaks no rule' },
  CUS056: { severity: 'error', title: 'restriction that cannot be lifted' },
  CUS057: { severity: 'error', title: 'identifier used as a retention clock' },
  CUS058: { severity: 'error', title: 'undated rows with no parent to expire with' },
  CUS059: { severity: 'warning', title: 'fields of one collection kept under different retention rules' },
  CUS060: { severity: 'info', title: 'built-in forbidden categories enforced but not listed in the notice' },
  CUS061: { severity: 'info', title: 'built-in handling rules of a class applied but their texts not published' },
  CUS062: { severity: 'info', title: 'no complaint-handling deadline stated' },
  CUS063: { severity: 'info', title: 'nothing stated on data after death' },
  CUS064: { severity: 'info', title: 'no review cycle declared' },
  // What lint missed: purposes and recipients of data that is never held or shared, the class constraints, the rights.
  CUS065: { severity: 'error', title: 'purpose or recipient of a forbidden category or card security code' },
  CUS066: { severity: 'error', title: 'recipient of a class declared not shareable' },
  CUS067: { severity: 'error', title: 'log collection holding a class declared not loggable' },
  CUS068: { severity: 'error', title: "minimisation the field's type cannot hold" },
  CUS069: { severity: 'warning', title: 'no request channel declared' },
  CUS070: { severity: 'warning', title: 'recipient no purpose uses' },
  CUS071: { severity: 'warning', title: 'restriction offered with no restriction mark declared' },
  CUS072: { severity: 'error', title: 'custom jurisdiction incomplete, or a preset given what only the law decides' },
  CUS073: { severity: 'warning', title: 'several legal bases, one not saying what it covers' },
  CUS076: { severity: 'error', title: 'place stated more than one way, or a transfer with no destination' },
  CUS077: { severity: 'error', title: 'retention period stated more than one way or not at all' },
  CUS078: { severity: 'warning', title: 'dataset field holding data only ever used transiently' },
  CUS079: { severity: 'warning', title: 'retention rule scoped to a purpose that processes none of its categories' },
  // What real policies state: cookies, classification lists, optional facts.
  CUS080: { severity: 'error', title: 'third-party cookie declared where the notice says there are none' },
  CUS081: { severity: 'error', title: 'cookies set on legitimate interest without a way to object' },
  CUS082: { severity: 'warning', title: 'forbidden list narrowed below GDPR art. 9(1)' },
  CUS083: { severity: 'info', title: 'no controller address stated under the GDPR' },
  CUS084: { severity: 'error', title: 'field holding data a recipient collects directly' },
  CUS085: { severity: 'error', title: 'forbidden list edit that cannot apply' },
  // Anonymisation that proves itself (issue 15): thresholds declared, checked after sweeps, cited by the notice.
  CUS086: { severity: 'error', title: 'anonymity thresholds naming a field they cannot check' },
  CUS087: { severity: 'error', title: 'anonymity thresholds out of range or incomplete' },
  CUS088: { severity: 'error', title: 'anonymisation declared on rows that retention does not anonymise' },
  CUS089: { severity: 'error', title: 'anonymise operator the field cannot take' },
  CUS090: { severity: 'warning', title: 'field the notice cites for anonymity without a label' },
} as const satisfies Record<string, { severity: Severity; title: string }>;
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** Where the problem is; absent only when no file is involved (e.g. an empty folder). */
  readonly location?: SourceLocation;
  /** The manifest path, e.g. `purposes.billing.categories[2]`. */
  readonly path?: string;
  /** A suggested fix, e.g. `did you mean "user.contact.email"?`. */
  readonly fix?: string;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  extra: { location?: SourceLocation | undefined; path?: string | undefined; fix?: string | undefined } = {},
): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity: DIAGNOSTIC_CODES[code].severity, message };
  if (extra.location) d.location = extra.location;
  if (extra.path) d.path = extra.path;
  if (extra.fix) d.fix = extra.fix;
  return Object.freeze(d);
}

/** Formats a diagnostic like a compiler: `file:line:col: error CUS010: message (fix)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : '';
  const fix = d.fix ? ` (${d.fix})` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}${fix}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorts by file, line, column, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.location?.file ?? '').localeCompare(b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

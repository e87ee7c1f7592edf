// ESLint: typescript-eslint's recommended rules, plus the few habits of STYLE.md a linter can hold.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer direction of docs/architecture.md: which folders of src/ a production file of each folder may not import.
// Imports are relative paths, so a folder is recognised by its name as a path segment (`../store/index.js`).
const LAYERS = [
  'policy',
  'connectors',
  'store',
  'audit',
  'workflow',
  'anonymize',
  'vault',
  'jobs',
  'rights',
  'retention',
  'desk',
  'render',
  'discover',
  'server',
  'cli',
  'mail',
  'web',
  'service',
];
const except = (...allowed) => LAYERS.filter((layer) => !allowed.includes(layer));
/** Production files (by glob) → the layers they may not import. */
const FORBIDDEN = {
  'src/{errors,clock,postgres-schema}.ts': except(), // the shared leaves
  'src/policy/**/*.ts': except('policy'),
  'src/connectors/**/*.ts': except('connectors', 'policy'),
  // The store persists the audit trail (it runs src/audit's migrations and opens its log on its own database), the
  // request desk's records (src/workflow's types) and the job queue's table (src/jobs' SQLite migration): it imports
  // those three, never the rights engine or the command line.
  // Its own `desk/` folder (the desk's tables) shares a name with src/desk, which it may not import either: see DEPTH_RULES.
  'src/store/**/*.ts': except('store', 'policy', 'audit', 'workflow', 'jobs', 'desk'),
  'src/anonymize/**/*.ts': except('anonymize', 'policy'),
  'src/vault/**/*.ts': except('vault', 'policy'),
  'src/jobs/**/*.ts': except('jobs'), // durable work knows nothing of requests: only errors.ts and clock.ts
  'src/{rights,render,discover}/**/*.ts': ['desk', 'server', 'cli', 'mail', 'retention', 'web', 'service'],
  // Retention sweeps read the model, the provider's stores (connectors), the hold records (store), anonymise fields and
  // report to the audit trail, like the rights engine; only the command line (and later the server) calls it.
  'src/retention/**/*.ts': except('retention', 'policy', 'connectors', 'store', 'anonymize', 'audit'),
  'src/{workflow,audit}/**/*.ts': ['desk', 'server', 'cli', 'mail', 'web', 'service'],
  // The desk's e-mail: renders with render's words and typography, reads the store's outbox, runs as a job; only
  // the desk, server and cli import it.
  'src/mail/**/*.ts': except('mail', 'policy', 'render', 'store', 'jobs', 'vault'),
  // The web pages (privacy center, later the console): typed templates over the model, the render layer's words and
  // the desk's calls; the server registers them, never the other way round (the pages import its types only, by path).
  'src/web/**/*.{ts,tsx}': except('web', 'policy', 'render', 'workflow', 'desk', 'store', 'audit'),
  // The request desk ties workflow, store, audit, jobs, vault, mail and the rights engine together; only the shells call it.
  'src/desk/**/*.ts': except('desk', 'policy', 'workflow', 'store', 'audit', 'jobs', 'vault', 'rights', 'connectors', 'mail'),
  // The HTTP shell: calls engines and workflow, never the command line (and not discover or anonymize directly).
  'src/server/**/*.ts': except(
    'server',
    'desk',
    'mail',
    'policy',
    'render',
    'rights',
    'retention',
    'workflow',
    'audit',
    'store',
    'vault',
    'jobs',
    'connectors',
    'web',
  ),
  // The running service (`custos serve`): opens the store, queue and vault, and starts the desk, mail, the server and
  // the scheduled retention sweeps (with their connectors); only the command line imports it.
  'src/service/**/*.ts': except('service', 'server', 'desk', 'mail', 'policy', 'store', 'jobs', 'vault', 'retention', 'connectors'),
  'src/index.ts': ['desk', 'server', 'cli', 'mail', 'web', 'service'], // the library's public face: what a user embeds, without the command line
  'src/cli/**/*.ts': [],
};
const TEST_SUPPORT = [
  { regex: '\\.test-support(\\.js)?$', message: 'Test support is not shipped code: production files do not import it.' },
  { regex: '(^|/)test/', message: 'The integration suites under test/ are not shipped code.' },
  { regex: '^vitest', message: 'Production files do not import the test runner.' },
];
/**
 * A layer whose name a folder inside another layer also has (src/store/desk/ and src/desk/) is told apart by how far up
 * the import climbs: these globs get the extra pattern on top of their layer's.
 */
const DEPTH_RULES = {
  'src/store/*.ts': { regex: '^\\.\\./desk/' },
  'src/store/*/*.ts': { regex: '^\\.\\./\\.\\./desk/' },
  'src/store/*/*/*.ts': { regex: '^\\.\\./\\.\\./\\.\\./desk/' },
};
const ruleEntries = [
  ...Object.entries(FORBIDDEN).filter(([files]) => files !== 'src/store/**/*.ts'),
  ...Object.entries(DEPTH_RULES).map(([files, { regex }]) => [files, FORBIDDEN['src/store/**/*.ts'], regex]),
];
const layerRules = ruleEntries.map(([files, forbidden, depth]) => ({
  files: [files],
  ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-support.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(forbidden.length === 0
            ? []
            : [
                {
                  regex: `(^|/)(${forbidden.join('|')})/`,
                  message: `${files} may not import this layer: dependencies point down (docs/architecture.md).`,
                },
              ]),
          ...(depth === undefined
            ? []
            : [{ regex: depth, message: `${files} may not import src/desk: dependencies point down (docs/architecture.md).` }]),
          ...TEST_SUPPORT,
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'bench/out/**', 'web/dist/**', 'examples/nimbus-cloud/data/**', 'test/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        setImmediate: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md §7).' }],
    },
  },
  ...layerRules,
  {
    files: ['**/*.config.ts', '**/*.config.js', 'test/summary-reporter.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);

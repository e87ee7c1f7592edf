// ESLint: typescript-eslint's recommended rules, plus the few habits of STYLE.md a linter can hold.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer direction of docs/architecture.md: which folders of src/ a production file of each folder may not import.
// Imports are relative paths, so a folder is recognised by its name as a path segment (`../store/index.js`).
const LAYERS = ['policy', 'connectors', 'store', 'audit', 'workflow', 'anonymize', 'vault', 'rights', 'render', 'discover', 'cli'];
const except = (...allowed) => LAYERS.filter((layer) => !allowed.includes(layer));
/** Production files (by glob) → the layers they may not import. */
const FORBIDDEN = {
  'src/{errors,clock}.ts': except(), // the shared leaves
  'src/policy/**/*.ts': except('policy'),
  'src/connectors/**/*.ts': except('connectors', 'policy'),
  // The store persists the audit trail (it runs src/audit's migrations and opens its log on its own database) and the
  // request desk's records (src/workflow's types): it imports those two, never the rights engine or the command line.
  'src/store/**/*.ts': except('store', 'policy', 'audit', 'workflow'),
  'src/anonymize/**/*.ts': except('anonymize', 'policy'),
  'src/vault/**/*.ts': except('vault', 'policy'),
  'src/{rights,render,discover}/**/*.ts': ['cli'],
  'src/index.ts': ['cli'], // the library's public face: what a user embeds, without the command line
  'src/cli/**/*.ts': [],
};
const TEST_SUPPORT = [
  { regex: '\\.test-support(\\.js)?$', message: 'Test support is not shipped code: production files do not import it.' },
  { regex: '(^|/)test/', message: 'The integration suites under test/ are not shipped code.' },
  { regex: '^vitest', message: 'Production files do not import the test runner.' },
];
const layerRules = Object.entries(FORBIDDEN).map(([files, forbidden]) => ({
  files: [files],
  ignores: ['**/*.test.ts', '**/*.test-support.ts'],
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

// @ts-check
/**
 * Typed linting for every TypeScript file, plain linting for the JavaScript ones, and the one architecture
 * rule this site depends on: code under src/labs/ runs the same in Node as in the browser, so it never
 * reaches for a UI framework, the editor or the DOM (content -> components -> labs, never back).
 * Zero warnings: `eslint . --max-warnings 0`. Every exception in the code carries a comment with its reason.
 */
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What a lab must not import: UI frameworks, Astro, the editor, and anything from the component layer. */
const uiImports = [
  { regex: '^preact(/.*)?$', message: 'src/labs is framework-free: render in src/components, not here.' },
  { regex: '^@nanostores/preact$', message: 'src/labs is framework-free: bind stores to Preact in src/components.' },
  { regex: '^astro(/.*)?$|^astro:', message: 'src/labs must run in Node, where there is no Astro.' },
  { regex: '^monaco-editor(/.*)?$', message: 'The editor belongs to src/components/lab/console.' },
  { regex: '(^|/)components(/|$)', message: 'Imports flow content -> components -> labs: a lab never imports a component.' },
];

/** The folders under src/labs/ that are not labs: the platform every lab builds on, and the system labs share. */
const sharedFolders = ['engine', 'sim', 'kit', 'check', 'runtime', 'ticket-system'];

/**
 * A lab folder reads alone, so it never imports another lab: what two labs share belongs in one of the shared
 * folders. A relative import that climbs to a sibling folder must name a shared one.
 */
const otherLabImports = {
  regex: String.raw`^\.\./(?!(${sharedFolders.join('|')})/)[^./][^/]*/`,
  message: 'A lab never imports another lab: move what both need to src/labs/ticket-system/ (or kit/, sim/, check/).',
};

/** DOM globals a lab must not touch; `Worker` and `fetch` stay allowed for the browser engine host. */
const domGlobals = ['document', 'window', 'localStorage', 'HTMLElement'];
/** @param {string} name */
const domMessage = (name) => `src/labs runs in Node too: no \`${name}\`. Pass what you need in from src/components.`;

export default defineConfig(
  {
    ignores: ['dist/', '.astro/', 'node_modules/', 'public/', 'test-results/', 'playwright-report/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  comments.recommended,
  tseslint.configs.recommendedTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      // For the plain JavaScript files (configs, scripts); TypeScript checks names in .ts files itself.
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Query rows are `Record<string, Cell>`: `row['gid']` marks a column looked up by name at run time.
      '@typescript-eslint/dot-notation': ['error', { allowIndexSignaturePropertyAccess: true }],
      // Message shapes must be type aliases: only those are assignable to `Message`, which has an index signature.
      '@typescript-eslint/consistent-type-definitions': 'off',
      // `ServiceName | 'reader'` names the special sender on purpose, although `ServiceName` is a plain string.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Every exception says why: `// eslint-disable-next-line rule -- reason`.
      '@eslint-community/eslint-comments/require-description': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['src/labs/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: uiImports }],
      'no-restricted-globals': ['error', ...domGlobals.map((name) => ({ name, message: domMessage(name) }))],
      // A DOM type in a signature ties the lab to the browser just as surely as a DOM call does.
      '@typescript-eslint/no-restricted-types': ['error', { types: Object.fromEntries(domGlobals.map((n) => [n, domMessage(n)])) }],
    },
  },
  {
    // Options replace those of the block above rather than add to them, so the UI patterns are repeated here.
    files: ['src/labs/*/**/*.{ts,tsx}'],
    ignores: sharedFolders.map((folder) => `src/labs/${folder}/**`),
    rules: {
      'no-restricted-imports': ['error', { patterns: [...uiImports, otherLabImports] }],
    },
  },
);

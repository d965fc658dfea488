// Lints the dashboard in the build (npm run build); the React hooks rules catch stale effects and hooks
// called conditionally, which neither the compiler nor the tests see.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  { files: ['src/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  { files: ['e2e/**', 'scripts/**', '*.config.{js,ts}', 'devProxy*.ts'], languageOptions: { globals: globals.node } },
  { files: ['e2e/**'], languageOptions: { globals: { ...globals.browser, axe: 'readonly' } } },
);

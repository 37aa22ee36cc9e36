import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'src/core/ must not depend on VS Code; put editor code in src/extension/.' };
const noOrt = { name: 'onnxruntime-node', message: 'Only src/core/runtime.ts imports onnxruntime-node.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'models/**', 'test/.cache/**', '.e2e/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The runtime lives in one room: src/core/runtime.ts alone imports onnxruntime-node.
  { files: ['src/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [noOrt] }] } },
  // The core stands alone: the CLI and the tests use it without VS Code.
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', { paths: [noVscode, noOrt] }] } },
  { files: ['src/core/runtime.ts'], rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] } },
);

import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.library.js';

export default defineConfig(
  libraryBuild({
    index: 'src/index.ts',
    'contract/index': 'src/contract/index.ts',
    'mock/index': 'src/mock/index.ts',
    'mock/msw/index': 'src/mock/msw/index.ts',
    'demo/index': 'src/demo/index.ts',
    'receipts/index': 'src/receipts/index.ts',
    'validation/index': 'src/validation/index.ts',
  }),
);

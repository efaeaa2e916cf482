import type { BuildResult } from 'esbuild';

export declare function bundleWidgets(options: { outdir: string; tsconfig?: string }): Promise<BuildResult<{ metafile: true }>>;

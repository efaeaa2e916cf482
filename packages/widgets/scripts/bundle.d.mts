import type { BuildResult } from 'esbuild';

/** `oneFile`: paybox-widgets.single.js, the chunks inlined, instead of paybox-widgets.js and chunks/. */
export declare function bundleWidgets(options: { outdir: string; tsconfig?: string; oneFile?: boolean }): Promise<BuildResult<{ metafile: true }>>;

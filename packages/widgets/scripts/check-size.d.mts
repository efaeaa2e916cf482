import type { Metafile } from 'esbuild';

export declare const DROP_IN_BUDGET: number;
export declare function loads(metafile: Metafile, entryPoint: string): { initial: number; later: Array<{ path: string; bytes: number }> };
export declare function checkSizes(dropInMetafile: Metafile): Promise<boolean>;

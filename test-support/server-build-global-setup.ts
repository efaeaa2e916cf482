import type { TestProject } from 'vitest/node';
import { buildServerCli } from './server-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's build of paybox-server from the sources (see server-build.ts): what tests start as a process. */
    serverCli: string;
  }
}

/** Builds paybox-server once for the whole test run; removes the build at its end. */
export default async function setup(project: TestProject): Promise<() => void> {
  const built = await buildServerCli();
  project.provide('serverCli', built.file);
  return built.remove;
}

/**
 * Runs the Storybook stories without Storybook, in the browser test's page: for one story, its
 * `beforeEach`, `loaders`, `render` and `play` (the component's and the story's, as Storybook composes
 * them), into a fresh canvas in `#root`, then leaves the page for axe. Bundled by esbuild with every `*.stories.ts`.
 */
import { nothing, render, type TemplateResult } from 'lit';
import * as checkout from '../../stories/checkout.stories.js';
import * as creditLookup from '../../stories/credit-lookup.stories.js';
import * as payment from '../../stories/payment.stories.js';
import * as receipt from '../../stories/receipt.stories.js';
import * as unexpectedCredit from '../../stories/unexpected-credit.stories.js';

/** Every stories file, by its name without `.stories.ts`; the test checks that none is missing. */
export const storyFiles: Record<string, Record<string, unknown>> = {
  checkout,
  'credit-lookup': creditLookup,
  payment,
  receipt,
  'unexpected-credit': unexpectedCredit,
};

type Context = { args: Record<string, unknown>; loaded: Record<string, unknown>; canvasElement: HTMLElement; id: string; name: string };
type Cleanup = () => unknown;

interface Annotations {
  args?: Record<string, unknown>;
  loaders?: Array<(context: Context) => Promise<Record<string, unknown> | void>>;
  beforeEach?: ((context: Context) => Promise<Cleanup | void> | Cleanup | void) | Array<(context: Context) => Promise<Cleanup | void> | Cleanup | void>;
  render?: (args: Record<string, unknown>, context: Context) => TemplateResult | Node;
  play?: (context: Context) => Promise<void> | void;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** `file:ExportName` of every story: CSF's named exports (the default export is the component's meta). */
function storyIds(): string[] {
  return Object.entries(storyFiles).flatMap(([file, module]) => Object.keys(module).filter((name) => name !== 'default').map((name) => `${file}:${name}`));
}

let cleanups: Cleanup[] = [];
let canvas = document.createElement('div');

async function run(id: string): Promise<void> {
  const root = document.getElementById('root')!;
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  render(nothing, canvas);
  // A fresh canvas each time: Lit keeps its markers in the container it rendered into.
  canvas = document.createElement('div');
  root.replaceChildren(canvas);

  const [file, name] = id.split(':') as [string, string];
  const module = storyFiles[file]!;
  const meta = module['default'] as Annotations;
  const story = module[name] as Annotations;
  const args = { ...meta.args, ...story.args };
  const context: Context = { args, loaded: {}, canvasElement: canvas, id, name };
  // The page speaks the story's language, as a comune's page in English would say so in <html lang>.
  document.documentElement.lang = String(args['locale'] ?? 'it');

  for (const hook of [...asArray(meta.beforeEach), ...asArray(story.beforeEach)]) {
    const cleanup = await hook(context);
    if (typeof cleanup === 'function') cleanups.push(cleanup);
  }
  for (const loader of [...asArray(meta.loaders), ...asArray(story.loaders)]) Object.assign(context.loaded, await loader(context));
  const renderStory = story.render ?? meta.render;
  if (!renderStory) throw new Error(`${id} has no render function`);
  const output = renderStory(args, context);
  if (output instanceof Node) canvas.append(output);
  else render(output, canvas);
  await (story.play ?? meta.play)?.(context);
  await settled(canvas);
}

/** Every widget under `root` (shadow roots included) has drawn its last change. */
async function settled(root: ParentNode): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const widgets: Array<Element & { updateComplete?: Promise<unknown> }> = [];
    const visit = (node: ParentNode) => {
      for (const element of Array.from(node.querySelectorAll('*'))) {
        if (element.localName.startsWith('paybox-')) widgets.push(element);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(root);
    await Promise.all(widgets.map((widget) => widget.updateComplete));
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

declare global {
  interface Window {
    payboxStories: { ids(): string[]; run(id: string): Promise<void> };
  }
}

window.payboxStories = { ids: storyIds, run };

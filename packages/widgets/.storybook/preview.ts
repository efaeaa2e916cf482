import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
  decorators: [
    (story, { args }) => {
      // The page says the language the widgets speak, as a comune's English page would in <html lang>.
      document.documentElement.lang = typeof args['locale'] === 'string' ? args['locale'] : 'it';
      return story();
    },
  ],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;

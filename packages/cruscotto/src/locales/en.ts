import { str } from '@lit/localize';

export const templates = {
  'feed.announce': str`New payment: ${0}, ${1}, ${2}.`,
};

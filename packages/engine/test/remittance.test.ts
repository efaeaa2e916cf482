import { describe, expect, it } from 'vitest';
import { sepaRemittance } from '../src/transfers/remittance.js';

describe('sepaRemittance', () => {
  it('builds /RFB/<IUV>/<amount>/TXT/<service> with the amount in euro and two decimals', () => {
    expect(sepaRemittance('01000000000000144', 1250, 'TARI 2025')).toBe('/RFB/01000000000000144/12.50/TXT/TARI 2025');
    expect(sepaRemittance('01000000000000144', 5, 'Mensa')).toBe('/RFB/01000000000000144/0.05/TXT/Mensa');
  });

  it('transliterates accented letters and turns other characters into spaces', () => {
    expect(sepaRemittance('01000000000000144', 222250, 'Città di Forlì – mensa «scuola» dell’infanzia €')).toBe(
      "/RFB/01000000000000144/2222.50/TXT/Citta di Forli mensa scuola dell'infanzia",
    );
  });

  it('cuts the text to 140 characters, keeping the structured part whole', () => {
    const remittance = sepaRemittance('01000000000000144', 1250, 'Canone mercatale spuntisti '.repeat(10));

    expect(remittance).toHaveLength(140);
    expect(remittance.startsWith('/RFB/01000000000000144/12.50/TXT/Canone mercatale')).toBe(true);
  });
});

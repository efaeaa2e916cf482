/**
 * Banks by ABI code (characters 6-10 of an Italian IBAN) for the codes a comune's treasury most often
 * has: the name is shown beside an IBAN so that a mistyped one is caught by eye. Unknown codes show none.
 */
const banksByAbi: Record<string, string> = {
  '01000': "Banca d'Italia (Tesoreria unica)",
  '01005': 'Banca Nazionale del Lavoro',
  '01030': 'Banca Monte dei Paschi di Siena',
  '02008': 'UniCredit',
  '03002': 'UniCredit',
  '03032': 'Credito Emiliano',
  '03069': 'Intesa Sanpaolo',
  '03104': 'Deutsche Bank',
  '03111': 'UBI Banca',
  '03440': 'Banco di Desio e della Brianza',
  '05034': 'Banco BPM',
  '05387': 'BPER Banca',
  '05424': 'Banca Popolare di Bari',
  '05696': 'Banca Popolare di Sondrio',
  '06230': 'Crédit Agricole Italia',
  '07601': 'Poste Italiane',
};

/** The bank of an Italian IBAN, when its ABI code is known here. */
export function bankNameOf(iban: string): string | null {
  return iban.startsWith('IT') && iban.length === 27 ? (banksByAbi[iban.slice(5, 10)] ?? null) : null;
}

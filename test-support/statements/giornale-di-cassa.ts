import { escapeXml, euros, type FixtureEntry } from './statement-entry.js';

export interface GiornaleDiCassaInput {
  comune: { fiscalCode: string; name: string };
  /** The day the giornale reports, YYYY-MM-DD. */
  date: string;
  entries: FixtureEntry[];
  /** Money that left the account that day: the parser leaves these out. */
  exits?: FixtureEntry[];
}

/**
 * An OPI giornale di cassa (OPI_GIORNALE_DI_CASSA_V_1_6_1) as the treasurer sends it through
 * SIOPE+: each credit a SOSPESO ENTRATA executed by SEPA credit transfer, with its CRO/TRN, its
 * EndToEndId and the remittance as causale. It is valid against the OPI schema (a test checks it
 * with xmllint). Its ds:Signature has the structure of an XML signature but signs nothing: a
 * fixture, never a treasurer's document.
 */
export function giornaleDiCassa({ comune, date, entries, exits = [] }: GiornaleDiCassaInput): string {
  const compact = date.replace(/-/g, '');
  const flow = `GDC-${compact}PAYBOXTEST0001#001#001`;
  const movements = [...entries.map((entry) => ({ entry, direction: 'ENTRATA' as const })), ...exits.map((entry) => ({ entry, direction: 'USCITA' as const }))];
  const total = (direction: 'ENTRATA' | 'USCITA') => euros(movements.filter((movement) => movement.direction === direction).reduce((sum, { entry }) => sum + entry.amount, 0));
  const body = movements
    .map(
      ({ entry, direction }, index) => `      <movimento_conto_evidenza>
        <identificativo_flusso>PAYBOX-${compact}</identificativo_flusso>
        <numero_movimento>${index + 1}</numero_movimento>
        <tipo_movimento>${direction}</tipo_movimento>
        <tipo_documento>${direction === 'ENTRATA' ? 'SOSPESO ENTRATA' : 'SOSPESO USCITA'}</tipo_documento>
        <tipo_operazione>ESEGUITO</tipo_operazione>
        <numero_documento>${index + 1}</numero_documento>
        <progressivo_documento>0</progressivo_documento>
        <importo>${euros(entry.amount)}</importo>
        <data_movimento>${entry.bookedOn}</data_movimento>
        <data_movimento_siope>${entry.bookedOn}</data_movimento_siope>
        <tipo_esecuzione>SEPA CREDIT TRANSFER</tipo_esecuzione>${entry.bankReference ? `
        <codice_riferimento_operazione>${escapeXml(entry.bankReference)}</codice_riferimento_operazione>` : ''}${entry.endToEndId ? `
        <end_to_end_id>${escapeXml(entry.endToEndId)}</end_to_end_id>` : ''}
        <assoggettamento_bollo>ESENTE BOLLO</assoggettamento_bollo>
        <cliente>
          <anagrafica_cliente>${escapeXml(entry.debtorName ?? 'ORDINANTE SCONOSCIUTO')}</anagrafica_cliente>
        </cliente>
        <causale>${escapeXml(entry.remittance)}</causale>
        <sospeso>
          <numero_provvisorio>${index + 1}</numero_provvisorio>
          <importo_provvisorio>${euros(entry.amount)}</importo_provvisorio>
        </sospeso>
      </movimento_conto_evidenza>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<flusso_giornale_di_cassa>
  <testata_messaggio>
    <codice_ABI_BT>01000</codice_ABI_BT>
    <data_ora_creazione_flusso>${date}T20:00:00</data_ora_creazione_flusso>
    <codice_ente>PAYBOX</codice_ente>
    <descrizione_ente>${escapeXml(comune.name)}</descrizione_ente>
    <codice_istat_ente>000000001</codice_istat_ente>
    <codice_fiscale_ente>${comune.fiscalCode}</codice_fiscale_ente>
    <codice_tramite_ente>A2A-00000001</codice_tramite_ente>
    <codice_tramite_BT>A2A-00000002</codice_tramite_BT>
    <codice_ente_BT>PAYBOX-TEST</codice_ente_BT>
  </testata_messaggio>
  <identificativo_flusso_BT>${flow}</identificativo_flusso_BT>
  <pagina>1</pagina>
  <pagine_totali>1</pagine_totali>
  <esercizio>${date.slice(0, 4)}</esercizio>
  <data_riferimento_GdC>${date}</data_riferimento_GdC>
  <informazioni_conto_evidenza>
    <conto_evidenza>0000001</conto_evidenza>
    <descrizione_conto_evidenza>CONTO DI TESORERIA</descrizione_conto_evidenza>
${body}
    <totale_entrate_conto_evidenza>${total('ENTRATA')}</totale_entrate_conto_evidenza>
    <totale_uscite_conto_evidenza>${total('USCITA')}</totale_uscite_conto_evidenza>
  </informazioni_conto_evidenza>
  <totale_complessivo_entrate>${total('ENTRATA')}</totale_complessivo_entrate>
  <totale_complessivo_uscite>${total('USCITA')}</totale_complessivo_uscite>
  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
    <ds:SignedInfo>
      <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>
      <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
      <ds:Reference URI="">
        <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
        <ds:DigestValue>${btoa(flow)}</ds:DigestValue>
      </ds:Reference>
    </ds:SignedInfo>
    <ds:SignatureValue>${btoa(`fixture ${flow}`)}</ds:SignatureValue>
  </ds:Signature>
</flusso_giornale_di_cassa>
`;
}

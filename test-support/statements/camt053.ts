import { escapeXml, euros, type FixtureEntry } from './statement-entry.js';

export interface Camt053Input {
  /** The comune's treasury account. */
  iban: string;
  /** The day the statement covers, YYYY-MM-DD. */
  date: string;
  entries: FixtureEntry[];
  /** Money that left the account: the parser leaves these out. */
  debits?: FixtureEntry[];
}

/** An ISO 20022 camt.053.001.02 end-of-day statement of the treasury account, one Ntry per movement. */
export function camt053({ iban, date, entries, debits = [] }: Camt053Input): string {
  const movements = [...entries.map((entry) => ({ entry, indicator: 'CRDT' })), ...debits.map((entry) => ({ entry, indicator: 'DBIT' }))];
  const ntry = movements
    .map(
      ({ entry, indicator }) => `      <Ntry>
        <Amt Ccy="EUR">${euros(entry.amount)}</Amt>
        <CdtDbtInd>${indicator}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${entry.bookedOn}</Dt></BookgDt>
        <ValDt><Dt>${entry.bookedOn}</Dt></ValDt>${entry.bankReference ? `
        <AcctSvcrRef>${escapeXml(entry.bankReference)}</AcctSvcrRef>` : ''}
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs>${entry.endToEndId ? `<EndToEndId>${escapeXml(entry.endToEndId)}</EndToEndId>` : '<EndToEndId>NOTPROVIDED</EndToEndId>'}</Refs>
            <RltdPties><Dbtr><Nm>${escapeXml(entry.debtorName ?? 'ORDINANTE')}</Nm></Dbtr></RltdPties>
            <RmtInf><Ustrd>${escapeXml(entry.remittance)}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>PAYBOX-CAMT-${date}</MsgId>
      <CreDtTm>${date}T20:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>STMT-${date}</Id>
      <CreDtTm>${date}T20:00:00</CreDtTm>
      <FrToDt><FrDtTm>${date}T00:00:00</FrDtTm><ToDtTm>${date}T23:59:59</ToDtTm></FrToDt>
      <Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
${ntry}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

import { centsToDecimal } from '@pay-box/contract';
import { toSepaText } from './sepa-text.js';

const maxRemittanceLength = 140;

/**
 * The unstructured remittance of a transfer to a public body: `/RFB/<IUV>/<amount>/TXT/<service>`,
 * e.g. `/RFB/01000000000000144/12.50/TXT/TARI 2025`, in the SEPA character set and at most 140 characters.
 */
export function sepaRemittance(iuv: string, amountCents: number, serviceName: string): string {
  const remittance = toSepaText(`/RFB/${iuv}/${centsToDecimal(amountCents)}/TXT/${serviceName}`);
  return remittance.slice(0, maxRemittanceLength).trimEnd();
}

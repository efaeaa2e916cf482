/**
 * The IUV of a remittance to a public body, `/RFB/<IUV>/<amount>/TXT/<text>` (see
 * transfers/remittance.ts, which writes it): null when the text follows another convention.
 */
const rfb = /\/RFB\/([0-9A-Za-z]{1,35})(?:\/|\s|$)/;

export function iuvOfRemittance(remittance: string): string | null {
  return rfb.exec(remittance)?.[1] ?? null;
}

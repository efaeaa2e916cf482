import type { ServicesImportResult } from '@pay-box/contract';
import type { EngineContext } from '../context.js';
import { DomainError } from '../errors.js';
import type { Channel, NewServiceRow } from '../ports/rows.js';
import { recordStaffAction } from '../staff/staff-actions.js';
import { parseServicesFile, type FileIssue } from './services-file.js';

const sameDefinition = (a: Omit<NewServiceRow, 'id' | 'comuneId'>, b: Omit<NewServiceRow, 'id' | 'comuneId'>) =>
  JSON.stringify([a.name, a.description, a.acceptsUnexpected, a.fields, a.amountRule]) === JSON.stringify([b.name, b.description, b.acceptsUnexpected, b.fields, b.amountRule]);

/** Who imports, as the audit log names them, and whether the file may set fees (platform staff only). */
export interface ServicesImporter {
  audit: { comuneId: string | null; userId: string | null; email: string };
  mayImportFees: boolean;
}

/**
 * Imports a comune's services and first fees from a file, all or nothing. Importing the same file
 * again changes nothing. A service that exists with another definition, or fees that differ from
 * those set, are refused: a change of fees goes through a second person's approval instead. A
 * comune's own admin imports services only: fees are the payment institution's to set.
 */
export async function importServices(ctx: EngineContext, importer: ServicesImporter, comuneId: string, text: string): Promise<ServicesImportResult> {
  const { file, lineOf } = await parseServicesFile(text);
  const at = ctx.clock.now().toISOString();
  const ids = file.services.map(() => ctx.ids.id('svc'));
  return ctx.store.transaction(async (tx) => {
    if (!(await tx.comuni.get(comuneId))) throw new DomainError('comune_not_found');
    const existing = new Map((await tx.services.list(comuneId)).map((service) => [service.code, service]));
    const fees = new Map((await tx.fees.list(comuneId)).map((fee) => [fee.channel, fee]));
    const conflicts: FileIssue[] = [];
    const conflict = (path: string, message: string) => conflicts.push({ path, message, line: lineOf(path) });
    const services: ServicesImportResult['services'] = [];
    for (const [index, definition] of file.services.entries()) {
      const row = {
        code: definition.code,
        name: definition.name,
        description: definition.description,
        acceptsUnexpected: definition.acceptsUnexpectedCredits,
        fields: definition.fields ?? null,
        amountRule: definition.amountRule ?? null,
      };
      const current = existing.get(definition.code);
      if (current && !sameDefinition(current, row)) conflict(`services.${index}.code`, `service ${definition.code} exists with another definition`);
      else if (current) services.push({ code: definition.code, status: 'unchanged' });
      else {
        await tx.services.insert({ id: ids[index]!, comuneId, ...row });
        services.push({ code: definition.code, status: 'created' });
      }
    }
    const feeResults: ServicesImportResult['fees'] = [];
    for (const channel of ['agent', 'web', 'app'] as const satisfies Channel[]) {
      const wanted = file.fees[channel];
      if (!wanted) continue;
      if (!importer.mayImportFees) {
        conflict(`fees.${channel}`, 'fees are set by the payment institution: leave them out of the file');
        continue;
      }
      const current = fees.get(channel);
      if (current && (current.citizenFee !== wanted.citizenFee || current.agentShare !== wanted.agentShare)) {
        conflict(`fees.${channel}`, 'fees are set already: change them with a settings change (a second person approves it)');
      } else if (current) feeResults.push({ channel, status: 'unchanged' });
      else {
        await tx.fees.set(comuneId, channel, wanted);
        feeResults.push({ channel, status: 'set' });
      }
    }
    if (conflicts.length > 0) throw new DomainError('services_file_invalid', conflicts);
    await recordStaffAction(tx, importer.audit, { action: 'services.import', subjectId: comuneId, details: { services, fees: feeResults } }, at);
    return { services, fees: feeResults };
  });
}

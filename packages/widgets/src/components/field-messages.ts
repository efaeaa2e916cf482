import { msg, str } from '@lit/localize';
import type { FieldDefinition } from '@pay-box/sdk';

/**
 * What a field expects, told when `validateFields` (the server's own rules) refused its value:
 * said from the field's definition, in the citizen's language (the SDK's issue texts are English).
 */
export function fieldProblemMessage(definition: FieldDefinition, empty: boolean): string {
  if (empty) return msg('Compila questo campo.', { id: 'field.required' });
  switch (definition.type) {
    case 'integer':
    case 'decimal': {
      const { min, max } = definition;
      const kind = definition.type === 'integer' ? msg('un numero intero', { id: 'field.integer' }) : msg('un numero', { id: 'field.decimal' });
      if (min !== undefined && max !== undefined) return msg(str`Scrivi ${kind} da ${min} a ${max}.`, { id: 'field.numberBetween' });
      if (min !== undefined) return msg(str`Scrivi ${kind} non inferiore a ${min}.`, { id: 'field.numberMin' });
      if (max !== undefined) return msg(str`Scrivi ${kind} non superiore a ${max}.`, { id: 'field.numberMax' });
      return msg(str`Scrivi ${kind}.`, { id: 'field.number' });
    }
    case 'date':
      return definition.notAfterToday
        ? msg('Scegli una data valida, non successiva a oggi.', { id: 'field.dateNotAfterToday' })
        : msg('Scegli una data valida.', { id: 'field.date' });
    case 'select':
      return msg('Scegli una delle voci.', { id: 'field.select' });
    case 'text':
      return definition.maxLength !== undefined
        ? msg(str`Controlla il formato (al massimo ${definition.maxLength} caratteri, su una riga).`, { id: 'field.textMax' })
        : msg('Controlla il formato (una riga di testo).', { id: 'field.text' });
  }
}

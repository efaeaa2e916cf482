import { publishableKeyCreatedSchema, publishableKeyCreateRequestSchema, publishableKeyListSchema, servicesImportResultSchema } from '@pay-box/contract';
import { idParam, staffCommon, staffWrites, type Operation } from '../operation.js';

const admin = { security: ['staffSession'], staffRole: 'admin', idempotent: false, tag: 'Comune settings' } as const;

/** What a comune's admin sets up alone: its services and their forms, and its web site's keys. Fees are the platform's. */
export const settingsOperations = {
  importAdminServices: {
    ...admin,
    operationId: 'importAdminServices',
    method: 'post',
    path: '/v1/admin/services/import',
    summary: "Import the comune's services",
    description:
      'Adds services (codes, names, the fields and amount rule of unexpected credits) from a YAML or JSON file in the layout of docs/onboarding.md, all or nothing, every problem with its line. Fees are set by the payment institution: a file with fees is refused. Importing the same file again changes nothing.',
    upload: {
      mediaTypes: ['application/yaml', 'text/yaml', 'application/json'],
      maxBytes: 1024 * 1024,
      description: 'The services file, YAML or JSON, without fees.',
      example: 'services:\n  - code: PASSI\n    name: Passi carrabili\n    description: Canone annuale del passo carrabile.\n',
    },
    success: { status: 200, response: { description: 'What was created and what was already there.', schema: servicesImportResultSchema } },
    errors: [...staffCommon, ...staffWrites, 'services_file_invalid'],
    example: {},
  },
  listPublishableKeys: {
    ...admin,
    operationId: 'listPublishableKeys',
    method: 'get',
    path: '/v1/admin/publishable-keys',
    summary: "The web site's keys",
    description: "The comune's publishable keys with the origins each is accepted from; never their secrets.",
    success: { status: 200, response: { description: 'The keys, oldest first.', schema: publishableKeyListSchema } },
    errors: staffCommon,
    example: {},
  },
  createPublishableKey: {
    ...admin,
    operationId: 'createPublishableKey',
    method: 'post',
    path: '/v1/admin/publishable-keys',
    summary: 'A new key for the web site',
    description: 'Issues a publishable key for the origins given, shown once. To change the origins, issue a new key, put it in the pages, then revoke the old one.',
    body: publishableKeyCreateRequestSchema,
    success: { status: 201, response: { description: 'The key and its secret, shown once.', schema: publishableKeyCreatedSchema } },
    errors: [...staffCommon, ...staffWrites],
    example: { body: { allowedOrigins: ['https://www.comune.valdimonte.example'] } },
  },
  revokePublishableKey: {
    ...admin,
    operationId: 'revokePublishableKey',
    method: 'post',
    path: '/v1/admin/publishable-keys/{id}/revoke',
    summary: 'Revoke a key of the web site',
    description: 'The key stops working at once; revoking it again changes nothing.',
    params: idParam('key'),
    success: { status: 204, response: { description: 'Revoked.' } },
    errors: [...staffCommon, 'validation_failed', 'publishable_key_not_found'],
    example: { params: { id: 'key_4Jq7WmZcR2xT9bKfN3pD' } },
  },
} as const satisfies Record<string, Operation>;

import { dailyClosingCsv, type Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../../openapi/operations.js';
import type { AppEnv } from '../../env.js';
import { mountOperation } from '../../mount-operation.js';

export function reconciliationRoutes(app: Hono<AppEnv>, engine: Engine): void {
  mountOperation(app, operations.importStatement, async ({ principal, upload }, c) => c.json(await engine.reconciliation.importStatement(principal, upload), 201));
  mountOperation(app, operations.listStatements, async ({ principal, query }, c) => c.json(await engine.reconciliation.listStatements(principal, query)));
  mountOperation(app, operations.getStatement, async ({ principal, params }, c) => c.json(await engine.reconciliation.getStatement(principal, params.id)));
  mountOperation(app, operations.runReconciliation, async ({ principal }, c) => c.json(await engine.reconciliation.run(principal)));
  mountOperation(app, operations.getReconciliation, async ({ principal }, c) => c.json(await engine.reconciliation.current(principal)));
  mountOperation(app, operations.getDailyClosing, async ({ principal, query }, c) => {
    const closing = await engine.reconciliation.dailyClosing(principal, query.date);
    const filename = `chiusura-${closing.date}`;
    switch (query.format) {
      case 'json':
        return c.json(closing);
      case 'csv':
        return c.body(dailyClosingCsv(closing), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}.csv"` });
      case 'pdf': {
        // pdf-lib is loaded on the first PDF only, as for receipts.
        const { renderDailyClosingPdf } = await import('../../../reconciliation/render-daily-closing-pdf.js');
        const pdf = await renderDailyClosingPdf(closing);
        return c.body(pdf.slice().buffer, 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${filename}.pdf"` });
      }
    }
  });
}

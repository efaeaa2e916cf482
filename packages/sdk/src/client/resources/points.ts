import type { PointList } from '@pay-box/contract';
import type { Transport } from '../transport.js';

export interface PointsResource {
  /** The comune's Pay-Box shops, where a citizen can pay in cash: name, address and opening hours (Rome time). */
  list(): Promise<PointList>;
}

export function pointsResource(transport: Transport): PointsResource {
  return {
    list: () => transport.json<PointList>({ operation: 'listPoints', method: 'get', path: 'v1/points' }),
  };
}

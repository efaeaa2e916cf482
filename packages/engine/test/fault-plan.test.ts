import { describe, expect, it } from 'vitest';
import { faultPlanFromEnv } from '../src/sandbox/fault-plan.js';

describe('faultPlanFromEnv', () => {
  it('injects no fault when PAYBOX_RAIL_FAULT is not set', () => {
    expect(faultPlanFromEnv({})).toEqual({ fault: 'none', rate: 1 });
  });

  it('reads the fault, its rate (default 1) and how many times it strikes', () => {
    expect(faultPlanFromEnv({ PAYBOX_RAIL_FAULT: 'late' })).toEqual({ fault: 'late', rate: 1 });
    expect(faultPlanFromEnv({ PAYBOX_RAIL_FAULT: 'timeout', PAYBOX_RAIL_FAULT_RATE: '0.25', PAYBOX_RAIL_FAULT_TIMES: '3' })).toEqual({
      fault: 'timeout',
      rate: 0.25,
      times: 3,
    });
  });

  it.each([
    [{ PAYBOX_RAIL_FAULT: 'explode' }, /PAYBOX_RAIL_FAULT must be one of none, timeout, lost, reject, late, duplicate; got "explode"/],
    [{ PAYBOX_RAIL_FAULT: 'lost', PAYBOX_RAIL_FAULT_RATE: '2' }, /PAYBOX_RAIL_FAULT_RATE must be a number from 0 to 1/],
    [{ PAYBOX_RAIL_FAULT: 'lost', PAYBOX_RAIL_FAULT_RATE: 'often' }, /PAYBOX_RAIL_FAULT_RATE must be a number; got "often"/],
    [{ PAYBOX_RAIL_FAULT: 'lost', PAYBOX_RAIL_FAULT_TIMES: '1.5' }, /PAYBOX_RAIL_FAULT_TIMES must be a whole number/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => faultPlanFromEnv(env)).toThrow(message);
  });
});

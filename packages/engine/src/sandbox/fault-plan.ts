/**
 * Faults the sandbox bank injects, one kind per plan:
 * - `timeout`: booked and settled, but the answer never comes;
 * - `lost`: the request never reaches the bank;
 * - `reject`: the bank refuses it (AC04, closed account);
 * - `late`: booked as processing, the settled answer arrives after the caller has timed out;
 * - `duplicate`: the answer comes, then the same answer a second time.
 */
export const faultNames = ['none', 'timeout', 'lost', 'reject', 'late', 'duplicate'] as const;
export type FaultName = (typeof faultNames)[number];

export interface FaultPlan {
  fault: FaultName;
  /** Chance, 0..1, that a transfer gets the fault. Default 1. */
  rate?: number;
  /** At most this many transfers get the fault (the first ones hit); unlimited when absent. */
  times?: number;
}

/** Reads PAYBOX_RAIL_FAULT, PAYBOX_RAIL_FAULT_RATE (default 1) and PAYBOX_RAIL_FAULT_TIMES, for demos. */
export function faultPlanFromEnv(env: Record<string, string | undefined>): FaultPlan {
  const fault = env.PAYBOX_RAIL_FAULT?.trim() || 'none';
  if (!isFaultName(fault)) {
    throw new Error(`PAYBOX_RAIL_FAULT must be one of ${faultNames.join(', ')}; got "${fault}"`);
  }
  const plan: FaultPlan = { fault, rate: envNumber(env, 'PAYBOX_RAIL_FAULT_RATE') ?? 1 };
  const times = envNumber(env, 'PAYBOX_RAIL_FAULT_TIMES');
  if (times !== undefined) plan.times = times;
  checkFaultPlan(plan, (setting, rule) => `PAYBOX_RAIL_FAULT_${setting.toUpperCase()} must be ${rule}`);
  return plan;
}

/** Returns a function that decides, transfer after transfer, which fault (if any) the next one gets. */
export function faultPicker(plan: FaultPlan, random: () => number): () => FaultName {
  checkFaultPlan(plan, (setting, rule) => `fault plan ${setting} must be ${rule}`);
  let faultsLeft = plan.times ?? Number.POSITIVE_INFINITY;
  const rate = plan.rate ?? 1;
  return () => {
    if (plan.fault === 'none' || faultsLeft <= 0 || random() >= rate) return 'none';
    faultsLeft -= 1;
    return plan.fault;
  };
}

function isFaultName(name: string): name is FaultName {
  return (faultNames as readonly string[]).includes(name);
}

function envNumber(env: Record<string, string | undefined>, name: string): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (Number.isNaN(value)) throw new RangeError(`${name} must be a number; got "${text}"`);
  return value;
}

function checkFaultPlan(plan: FaultPlan, message: (setting: 'rate' | 'times', rule: string) => string): void {
  if (plan.rate !== undefined && !(plan.rate >= 0 && plan.rate <= 1)) {
    throw new RangeError(message('rate', `a number from 0 to 1; got ${plan.rate}`));
  }
  if (plan.times !== undefined && !(Number.isSafeInteger(plan.times) && plan.times >= 0)) {
    throw new RangeError(message('times', `a whole number >= 0; got ${plan.times}`));
  }
}

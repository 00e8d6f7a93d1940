/**
 * Types the ARM half shares with the emulator context and the control API. A leaf module (it imports
 * nothing), so that `context.ts`, `arm/power.ts` and `arm/failures.ts` can all use them without importing
 * one another in a cycle.
 */

/** The VM power operations ARM accepts (`POST …/virtualMachines/{vm}/{action}`). */
export type PowerAction = 'start' | 'powerOff' | 'deallocate' | 'restart';

export const POWER_ACTIONS: readonly PowerAction[] = ['start', 'powerOff', 'deallocate', 'restart'];

/** How a failed asynchronous operation reports its error (`{status: 'Failed', error: {code, message}}`). */
export interface OperationError {
  readonly code: string;
  readonly message: string;
}

/**
 * A queued operation failure: the next `remaining` accepted power operations that match `vm` and `action`
 * (undefined = any) run their transition, then end `Failed` with `{code, message}` and the VM back where it was.
 */
export interface OperationFailureRule {
  /** A VM name or resource id (case-insensitive); undefined matches every VM. */
  readonly vm?: string;
  readonly action?: PowerAction;
  /** ARM error code, e.g. `AllocationFailed`; undefined = the usual failure of the action (see arm/failures.ts). */
  readonly code?: string;
  /** Error message; undefined = Azure's message for `code`. */
  readonly message?: string;
  remaining: number;
}

/**
 * What `POST /_emulator/auto-shutdown/{notify|run}` and the skip / delay URLs drive (control/auto-shutdown.ts), as
 * the schedules' runner implements it (arm/schedules.ts).
 */
export interface AutoShutdownControl {
  /** Sends the schedule's notification now (as at `time − timeInMinutes`). */
  notify(vmId: string): Promise<AutoShutdownNotifyResult>;
  /** Runs the shutdown now (as at `time`), unless it was skipped, or delayed to a time still to come. */
  run(vmId: string): AutoShutdownRunResult;
  /**
   * What the runner's timer does every 20 s: at the emulator's now, sends the notifications and runs the shutdowns
   * that are due (each once). For tests that drive the clock.
   */
  tick(): Promise<void>;
  /** A notification's skip / delay link. */
  respond(token: string, kind: 'skip' | 'delay', minutes: number): AutoShutdownRunResult;
}

export interface AutoShutdownNotifyResult {
  readonly vmId: string;
  readonly scheduleId: string;
  /** The webhook's HTTP status; 0 when it could not be reached. */
  readonly webhookStatus: number;
  readonly notification: Readonly<Record<string, string>>;
}

export interface AutoShutdownRunResult {
  readonly vmId: string;
  readonly scheduleId: string;
  /** True when the VM was sent to deallocate. */
  readonly shutDown: boolean;
  /** Why not: `skipped`, `delayed`, `disabled`. */
  readonly reason?: string;
  /** The shutdown time after a delay, `HH:mm` in the schedule's zone. */
  readonly delayedUntil?: string;
}

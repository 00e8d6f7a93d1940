/** Thrown when the service cannot start with the given settings. The message names every bad setting, never a value. */
export class ConfigError extends Error {
  /** Names of the settings at fault (env var names). */
  readonly settings: readonly string[];

  constructor(
    problems: ReadonlyArray<{ readonly setting: string; readonly problem: string }>,
    options?: { cause?: unknown },
  ) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.setting}: ${p.problem}`).join('\n')}`,
      options,
    );
    this.name = 'ConfigError';
    this.settings = problems.map((p) => p.setting);
  }
}

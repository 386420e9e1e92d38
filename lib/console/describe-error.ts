/** An error as the console shows it: its class name and its message (hpkv-rx messages say what to do). */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

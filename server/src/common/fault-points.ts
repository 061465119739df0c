/**
 * Named places where a fault test kills the real server process (tests/server-process). With
 * `FAULT_PAUSE_AT=<name>` in the environment the process announces on stderr that it reached the point and waits
 * there for ever, so the test can SIGKILL it at exactly that moment (say, inside an open transaction). Without the
 * variable a fault point does nothing.
 */
export async function faultPoint(name: string): Promise<void> {
  if (process.env.FAULT_PAUSE_AT !== name) return;
  process.stderr.write(`fault point reached: ${name}\n`);
  await new Promise<never>(() => undefined);
}

// Imported first by run.ts: the in-process app of the statements section logs only warnings.
process.env.LOG_LEVEL ??= "warn";
export {};

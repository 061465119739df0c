import pino from "pino";

/** Structured JSON logs on stdout; quiet under Jest unless LOG_LEVEL asks otherwise. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? "silent" : "info"),
  base: { service: "physician-assessment" },
  redact: [
    "req.headers.cookie",
    "req.headers.authorization",
    "password",
    "*.password",
    "*.oldPassword",
    "*.newPassword",
  ],
});

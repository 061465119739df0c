import { readFileSync } from "node:fs";
import path from "node:path";
import { ErrorCode } from "../errors";
import { normalizeCreditCode } from "../credit-code";
import { normalizeIdNumber } from "../id-number";
import { ERROR_CODES, PHONE_PATTERN } from "../rules";

/**
 * The server and the console check ID numbers, credit codes and phone numbers with the same code (the rules
 * workspace package). This test feeds both sides' own entry points the package's vectors: the server's
 * normalizers and the console's form checks (client/src/common/), loaded as the console's build loads them.
 */
const root = path.resolve(__dirname, "../../../..");
const vectors = JSON.parse(readFileSync(path.join(root, "rules/test/vectors.json"), "utf8")) as {
  idNumbers: [string, { ok: boolean; value?: string; reason?: string }][];
  creditCodes: [string, { ok: boolean; value?: string; reason?: string }][];
  phones: [string, boolean][];
};
const consoleIdNumber = jest.requireActual<{ idNumberProblem(s: string): string | null }>(
  path.join(root, "client/src/common/id-number.ts"),
);
const consoleCreditCode = jest.requireActual<{ creditCodeProblem(s: string): string | null }>(
  path.join(root, "client/src/common/credit-code.ts"),
);
const consoleProfileRules = jest.requireActual<{ PHONE_PATTERN: RegExp }>(
  path.join(root, "client/src/common/rules.ts"),
);

describe("one set of rules on both sides", () => {
  it.each(vectors.idNumbers)("ID number %j: server and console agree", (input, expected) => {
    expect(normalizeIdNumber(input)).toEqual(expected);
    expect(consoleIdNumber.idNumberProblem(input)).toBe(expected.ok ? null : expected.reason);
  });

  it("the console applies the province check the server applies (it used to skip it)", () => {
    expect(consoleIdNumber.idNumberProblem("990102198001011236")).toBe("身份证号码地址码无效");
  });

  it.each(vectors.creditCodes)("credit code %s: server and console agree", (input, expected) => {
    expect(normalizeCreditCode(input)).toEqual(expected);
    expect(consoleCreditCode.creditCodeProblem(input)).toBe(expected.ok ? null : expected.reason);
  });

  it.each(vectors.phones)("phone %s: one pattern", (input, ok) => {
    expect(PHONE_PATTERN.test(input)).toBe(ok);
    expect(consoleProfileRules.PHONE_PATTERN.test(input)).toBe(ok);
  });

  it("the server's error codes are the shared list", () => {
    expect(Object.values(ErrorCode).sort()).toEqual([...ERROR_CODES].sort());
  });
});

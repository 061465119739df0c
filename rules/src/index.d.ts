// Types of the rules package (plain ES modules, so that the server's CommonJS build, its Jest run and the
// console's Vite build all load the same files without a build step of their own).

export type IdNumberResult = { ok: true; value: string } | { ok: false; reason: string };
export declare const PROVINCE_CODES: ReadonlySet<number>;
export declare const ID_NUMBER_MESSAGES: {
  readonly format: string;
  readonly region: string;
  readonly birthDate: string;
  readonly check: string;
};
export declare function checkCharacter(first17: string): string;
export declare function normalizeIdNumber(input: string, today?: Date): IdNumberResult;
export declare function idNumberProblem(input: string, today?: Date): string | null;
export declare function isIdNumberLike(s: string): boolean;

export type CreditCodeResult = { ok: true; value: string } | { ok: false; reason: string };
export declare const CREDIT_CODE_MESSAGES: {
  readonly length: string;
  readonly alphabet: string;
  readonly check: string;
};
export declare function creditCodeCheckCharacter(first17: string): string | null;
export declare function normalizeCreditCode(input: string): CreditCodeResult;
export declare function creditCodeProblem(input: string): string | null;
export declare function withCreditCheck(first17: string): string;

export declare const PHONE_PATTERN: RegExp;
export declare const PHONE_MESSAGE: string;
export interface LengthLimit {
  readonly max: number;
  readonly message: string;
}
export declare const LIMITS: {
  readonly institutionName: LengthLimit;
  readonly licenseNo: LengthLimit;
  readonly address: LengthLimit;
  readonly legalRepresentative: LengthLimit;
  readonly contactPerson: LengthLimit;
  readonly phone: LengthLimit;
  readonly departmentName: LengthLimit;
  readonly physicianName: LengthLimit;
  readonly certificateNo: LengthLimit;
  readonly practiceSiteName: LengthLimit;
  readonly transferOutNote: LengthLimit;
  readonly aaApplicationNote: LengthLimit;
};

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_STATE"
  | "PASSWORD_CHANGE_REQUIRED"
  | "ACCOUNT_LOCKED"
  | "RATE_LIMITED"
  | "QUERY_TOO_COMPLEX"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";
export declare const ERROR_CODES: readonly ErrorCode[];

export declare const WEAK_PASSWORDS: ReadonlySet<string>;
export declare const USERNAME_MIN_CHECKED: number;
export declare const MAX_REPEAT: number;
export declare const PASSWORD_MESSAGES: { readonly common: string; readonly username: string; readonly repeat: string };
export interface PasswordExtraCheck {
  readonly key: "username" | "common" | "repeat";
  readonly label: string;
  readonly met: boolean;
}
export declare function passwordExtraChecks(candidate: string, username?: string): PasswordExtraCheck[];

export type FileKind = "PDF" | "PNG" | "JPEG";
export declare const MIME_OF: Readonly<Record<FileKind, string>>;
export declare const KIND_LABEL: Readonly<Record<FileKind, string>>;
export declare const SNIFF_BYTES: number;
export declare function sniffFileKind(head: ArrayLike<number>): FileKind | null;
export declare function fileKindMessage(fileName: string, kinds?: readonly FileKind[]): string;

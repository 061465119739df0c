// Password rules beyond length and character classes (manual 2.2.1), one declaration for the server, which
// enforces them, and the console, which shows them live in the checklist while the user types.

/**
 * Well-known passwords that still pass the character-class rule (they top every leaked-password
 * list, including Chinese ones). Compared case-insensitively.
 */
export const WEAK_PASSWORDS = new Set(
  `
password1 password12 password123 password1! password@1 password@123 p@ssw0rd p@ssword p@ssw0rd1 p@ssw0rd! p@ssw0rd123
passw0rd passw0rd! passw0rd1 pa$$w0rd pa$$word admin123 admin1234 admin@123 admin@1234 admin123! admin#123 admin_123
administrator1 root1234 root@123 root123! qwer1234 qwer@1234 qwer1234! qwerty12 qwerty123 qwerty1! qwerty@123 qwe123!@#
qweasd123 qweasdzxc1 1qaz2wsx 1qaz@wsx 1qaz!qaz 1qaz2wsx! 1q2w3e4r 1q2w3e4r! 1q2w3e4r5t zaq12wsx zaq1@wsx abc12345
abc123456 abc@1234 abc@12345 abc123!@# abcd1234 abcd@1234 abcd1234! abcdef12 aa123456 aa123456! aa@123456 aa111111
aa12345678 a1234567 a12345678 a123456789 a1b2c3d4 a1b2c3d4! asdf1234 asdf@1234 asd123456 asdfghjk1 zxcv1234 zxcvbnm1
zxcvbnm123 welcome1 welcome1! welcome123 welcome@123 changeme1 changeme! letmein1 letmein! iloveyou1 iloveyou! monkey123
dragon123 sunshine1 princess1 football1 baseball1 master123 superman1 test1234 test@123 test123! user1234 user@123
guest1234 hello123 hello@123 hello1234 china123 china@123 wang1234 woaini123 woaini1314 woaini@1314 5201314a a5201314
q1w2e3r4 q1w2e3r4! love1234 summer2024 summer2025 winter2025 spring2026 autumn2026 company1 company@1 hospital1
hospital@1 hospital123 doctor123 doctor@123 yiyuan123 yisheng123 gxrmyy123 666666aa aa666666 666666aa! a666666! 888888aa
aa888888 123456aa 123456aa! 123456ab 123456abc 123456qwe 123qwe!@# 123qwe123 12345qwert 123abc!@# 1234qwer 1234abcd
1234abcd! 12qwaszx 12qwaszx! !qaz2wsx !qaz@wsx #edc4rfv 2wsx#edc 3edc$rfv
`
    .split(/\s+/)
    .filter(Boolean),
);

/** A user name this short is not looked for inside the password (it would refuse too much). */
export const USERNAME_MIN_CHECKED = 4;
/** This many identical characters in a row are refused. */
export const MAX_REPEAT = 6;

export const PASSWORD_MESSAGES = {
  common: "该密码过于常见，容易被猜中，请换一个",
  username: "密码不能包含登录名",
  repeat: `密码不能包含${MAX_REPEAT}个及以上连续相同的字符`,
};

/** The rules the checklist shows as lines, in the order the server reports them: key, label, met. */
export function passwordExtraChecks(candidate, username = "") {
  const lower = candidate.toLowerCase();
  const name = username.toLowerCase();
  return [
    { key: "common", label: "不能是过于常见的密码", met: !WEAK_PASSWORDS.has(lower) },
    {
      key: "username",
      label: "不能包含登录名",
      met: !(name.length >= USERNAME_MIN_CHECKED && lower.includes(name)),
    },
    {
      key: "repeat",
      label: `不能有${MAX_REPEAT}个及以上连续相同字符`,
      met: !new RegExp(`(.)\\1{${MAX_REPEAT - 1},}`).test(candidate),
    },
  ];
}

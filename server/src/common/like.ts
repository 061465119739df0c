/**
 * Text a user typed, as a LIKE pattern that matches it literally: `%` and `_` in a search are characters, not
 * wildcards. `!` is the escape character (a backslash would mean different things to MySQL and SQLite string
 * literals); every query using these patterns says `LIKE :x ESCAPE '!'` (LIKE_ESCAPE).
 */
export const LIKE_ESCAPE = "ESCAPE '!'";
const escapeLike = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);
export const likeContains = (text: string) => `%${escapeLike(text)}%`;
export const likePrefix = (text: string) => `${escapeLike(text)}%`;

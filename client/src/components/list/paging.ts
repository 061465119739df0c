/** Page sizes offered under every list; the first is the default. */
export const PAGE_SIZES = [10, 20, 50, 100];

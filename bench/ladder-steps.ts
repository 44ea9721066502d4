// The rungs of the ladder, cheapest first; bench/ladder-server.ts says what each adds.
export const LADDER_STEPS = ['pug', 'session', 'sqlite3-prepared', 'sqlite3', 'mikro-orm', 'app-reads'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];
export const LADDER_POSTS_PER_PAGE = 25;

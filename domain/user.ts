export type UserId = number;

/** A registered person. Persistence maps this class without decorators (an EntitySchema). */
export class User {
  constructor(
    public id: UserId,
    public username: string,
    public email: string,
    public passwordHash: string,
    public aboutMe: string = '',
    public lastSeen: Date | null = null,
  ) {}
}

/** What registration hands to the repository; the repository assigns the id. */
export type NewUser = Readonly<{ username: string; email: string; passwordHash: string; lastSeen: Date | null }>;

export type ProfileChanges = Readonly<{ username: string; aboutMe: string }>;

import type { ThrottleRule } from '../login-throttle.js';
import type { UserId } from '../user.js';

export type MessageId = number;

/** A private message as stored: its sender by id, so a renamed sender shows under their new name. */
export type Message = Readonly<{ id: MessageId; senderId: UserId; recipientId: UserId; body: string; sentAt: Date }>;

export type NewMessage = Readonly<{ senderId: UserId; recipientId: UserId; body: string; sentAt: Date }>;

/** A message as its recipient reads it: with who sent it, as they are named now. */
export type ReceivedMessage = Readonly<{
  id: MessageId;
  body: string;
  sentAt: Date;
  sender: Readonly<{ id: UserId; username: string; email: string }>;
}>;

// Enough for a lively conversation, too few to flood someone's inbox.
export const MESSAGE_RULE: ThrottleRule = { maxFailures: 30, windowMs: 60_000 };

/** Where a sender's messages are counted for the throttle, beside failed logins and reset requests. */
export const messageSenderKey = (senderId: UserId): string => `messages:${senderId}`;

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryAccountNoticeReads } from '../../adapters/persistence/in-memory/in-memory-account-notice-reads.js';
import { InMemoryExportRepository } from '../../adapters/persistence/in-memory/in-memory-export-repository.js';
import { InMemoryLoginAttemptLog } from '../../adapters/persistence/in-memory/in-memory-login-attempt-log.js';
import { InMemoryMessageRepository } from '../../adapters/persistence/in-memory/in-memory-message-repository.js';
import { InMemoryNotificationRepository } from '../../adapters/persistence/in-memory/in-memory-notification-repository.js';
import { InMemoryTransactions } from '../../adapters/persistence/in-memory/in-memory-transactions.js';
import { InMemoryUserRepository } from '../../adapters/persistence/in-memory/in-memory-user-repository.js';
import { MESSAGE_RULE } from '../../domain/messages/message.js';
import { GetAccountNotices } from '../../domain/use-cases/get-account-notices.js';
import { ListMessages } from '../../domain/use-cases/list-messages.js';
import { ListNotifications } from '../../domain/use-cases/list-notifications.js';
import { SendMessage } from '../../domain/use-cases/send-message.js';
import { aNewUser } from '../support/builders.js';
import { FixedClock } from '../support/fixed-clock.js';

const PAGE = { number: 1, size: 10 };

async function setup() {
  const users = new InMemoryUserRepository();
  const messages = new InMemoryMessageRepository(users);
  const notifications = new InMemoryNotificationRepository();
  const transactions = new InMemoryTransactions([messages, notifications]);
  const clock = new FixedClock();
  const susan = (await users.add(aNewUser({ username: 'susan' })))._unsafeUnwrap();
  const john = (await users.add(aNewUser({ username: 'john' })))._unsafeUnwrap();
  const send = new SendMessage({ users, messages, notifications, sends: new InMemoryLoginAttemptLog(), transactions, clock });
  return {
    users, clock, susan, john, send,
    list: new ListMessages({ messages, notifications, transactions, clock }),
    unread: new GetAccountNotices(new InMemoryAccountNoticeReads(new InMemoryExportRepository(), messages)),
    notificationsOf: new ListNotifications(notifications),
  };
}

test('when a user sends a message, then its recipient has it unread, newest first, with the sender, and a notification of the count', async () => {
  const { send, list, unread, notificationsOf, clock, susan, john } = await setup();
  const first = (await send.execute({ senderId: susan.id, recipient: { username: 'JOHN' }, body: '  hello john  ' }))._unsafeUnwrap();
  assert.is(first.recipient.id, john.id, 'the recipient is looked up without regard to case');
  assert.is(first.message.body, 'hello john', 'trimmed like a post');
  clock.advance(1000);
  await send.execute({ senderId: susan.id, recipient: { id: john.id }, body: 'are you there?' });
  assert.is((await unread.execute(john.id)).unreadMessages, 2);
  assert.is((await unread.execute(susan.id)).unreadMessages, 0, 'the sender has nothing unread');
  const shown = await notificationsOf.execute(john.id, new Date(0));
  assert.equal(shown.map(({ name, data }) => ({ name, data })), [{ name: 'unread_message_count', data: 2 }], 'one notification per name: the latest count');
  const page = (await list.execute(john.id, PAGE))._unsafeUnwrap();
  assert.equal(page.items.map((message) => [message.body, message.sender.username]), [['are you there?', 'susan'], ['hello john', 'susan']]);
});

test('when the recipient reads their messages, then they are read, the count notified as 0, and a new one is unread again', async () => {
  const { send, list, unread, notificationsOf, clock, susan, john } = await setup();
  await send.execute({ senderId: susan.id, recipient: { id: john.id }, body: 'one' });
  clock.advance(1000);
  const readAt = clock.now();
  await list.execute(john.id, PAGE);
  assert.is((await unread.execute(john.id)).unreadMessages, 0);
  assert.equal((await notificationsOf.execute(john.id, new Date(readAt.getTime() - 1))).map(({ data }) => data), [0]);
  clock.advance(1000);
  await send.execute({ senderId: susan.id, recipient: { id: john.id }, body: 'two' });
  assert.is((await unread.execute(john.id)).unreadMessages, 1);
  assert.equal((await notificationsOf.execute(john.id, readAt)).map(({ data }) => data), [1], 'only what was written after since');
});

test('when the sender is renamed, then their messages show the new name', async () => {
  const { send, list, users, susan, john } = await setup();
  await send.execute({ senderId: susan.id, recipient: { id: john.id }, body: 'hi' });
  (await users.updateProfile(susan.id, { username: 'susanne', aboutMe: '' }))._unsafeUnwrap();
  const page = (await list.execute(john.id, PAGE))._unsafeUnwrap();
  assert.is(page.items[0]?.sender.username, 'susanne');
});

test('when a message is empty or too long, to nobody, or to oneself, then it is refused and nothing is stored', async () => {
  const { send, unread, susan, john } = await setup();
  assert.equal((await send.execute({ senderId: susan.id, recipient: { id: john.id }, body: '   ' }))._unsafeUnwrapErr(),
    { type: 'FieldsRejected', problems: [{ type: 'PostEmpty', field: 'body' }] });
  assert.equal((await send.execute({ senderId: susan.id, recipient: { id: john.id }, body: 'x'.repeat(141) }))._unsafeUnwrapErr(),
    { type: 'FieldsRejected', problems: [{ type: 'PostTooLong', field: 'body', maxLength: 140 }] });
  assert.equal((await send.execute({ senderId: susan.id, recipient: { username: 'nobody' }, body: 'hi' }))._unsafeUnwrapErr(), { type: 'UserNotFound' });
  assert.equal((await send.execute({ senderId: susan.id, recipient: { id: susan.id }, body: 'hi' }))._unsafeUnwrapErr(), { type: 'CannotMessageYourself' });
  assert.is((await unread.execute(john.id)).unreadMessages, 0);
  assert.is((await unread.execute(susan.id)).unreadMessages, 0);
});

test('when a sender sends more than the throttle allows at once, then exactly the limit is stored and the rest wait for the window', async () => {
  const { send, unread, clock, susan, john } = await setup();
  const burst = await Promise.all(Array.from({ length: MESSAGE_RULE.maxFailures + 5 }, (_, i) =>
    send.execute({ senderId: susan.id, recipient: { id: john.id }, body: `message ${i}` })));
  assert.is(burst.filter((sent) => sent.isOk()).length, MESSAGE_RULE.maxFailures);
  assert.equal(burst.find((sent) => sent.isErr())?._unsafeUnwrapErr(), { type: 'TooManyMessages', retryAfterMs: MESSAGE_RULE.windowMs });
  assert.is((await unread.execute(john.id)).unreadMessages, MESSAGE_RULE.maxFailures);
  clock.advance(MESSAGE_RULE.windowMs);
  assert.ok((await send.execute({ senderId: susan.id, recipient: { id: john.id }, body: 'later' })).isOk(), 'a minute later, there is room again');
});

test('when a page past the last is asked for, then it is not found', async () => {
  const { list, john } = await setup();
  assert.equal((await list.execute(john.id, { number: 2, size: 10 }))._unsafeUnwrapErr(), { type: 'PageNotFound' });
  assert.equal((await list.executeCounted(john.id, { number: 1, size: 10 }))._unsafeUnwrap().totalItems, 0);
});

test.run();

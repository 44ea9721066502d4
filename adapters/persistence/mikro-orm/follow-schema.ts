import { EntitySchema } from '@mikro-orm/core';

export type FollowRow = { followerId: number; followedId: number };

export const FollowSchema = new EntitySchema<FollowRow>({
  name: 'FollowRow',
  tableName: 'follows',
  properties: {
    followerId: { type: 'number', primary: true, fieldName: 'follower_id' },
    followedId: { type: 'number', primary: true, fieldName: 'followed_id' },
  },
});

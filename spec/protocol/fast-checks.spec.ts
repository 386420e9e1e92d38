import { HPKVOperation } from '../../lib/protocol';
import { isWellFormedNotification as isNotification, isWellFormedReply as looksValid } from '../../lib/protocol/fast-checks';
import { validateReply } from '../../lib/protocol/validate-reply';
import { notificationSchema } from '../../lib/protocol/notification-schema';
import { SeededRandom } from '../support/seeded-random';

describe('fast frame checks', () => {
  it.each([
    [HPKVOperation.GET, { code: 200, key: 'k', value: 'v' }, true],
    [HPKVOperation.GET, { code: 200, key: 'k', value: 3 }, true],
    [HPKVOperation.GET, { code: 200, key: 'k' }, false],
    [HPKVOperation.SET, { code: 200, success: true }, true],
    [HPKVOperation.DELETE, { code: 200 }, false],
    [HPKVOperation.RANGE, { code: 200, records: [{ key: 'a', value: 'b' }], count: 1, truncated: false }, true],
    [HPKVOperation.RANGE, { code: 200, records: [{ key: 1, value: 'b' }], count: 1, truncated: false }, false],
    [HPKVOperation.RANGE, { code: 200, records: [], count: 0 }, false],
    [HPKVOperation.ATOMIC, { code: 200, success: true, newValue: 4 }, true],
    [HPKVOperation.ATOMIC, { code: 200, success: true, newValue: '4' }, false],
  ])('op %i %j → %s, never accepting what the zod schema refuses', (op, body, expected) => {
    expect(looksValid(op, body)).toBe(expected);
    if (expected) expect(validateReply(op, body)).toBeUndefined();
  });

  it('recognises well-formed notifications only', () => {
    expect(isNotification({ type: 'notification', key: 'k', value: null, timestamp: 1 })).toBe(true);
    expect(isNotification({ type: 'notification', key: 'k', value: {}, timestamp: 1 })).toBe(false);
    expect(isNotification({ type: 'notification', key: 'k', value: 'v' })).toBe(false);
  });

  it('never accepts what the schemas refuse: 20,000 seeded random bodies', () => {
    const random = new SeededRandom(20261129);
    const anything = (): unknown =>
      random.pick<() => unknown>([
        () => 'text',
        () => '',
        () => random.int(-3, 3),
        () => 1.5,
        () => true,
        () => null,
        () => undefined,
        () => ({}),
        () => [],
        () => [{ key: 'a', value: 'b' }],
        () => [{ key: 1, value: 'b' }],
        () => [{ key: 'a', value: null }],
        () => [null],
      ])();
    const fields = ['code', 'key', 'value', 'success', 'message', 'records', 'count', 'truncated', 'newValue', 'error', 'messageId', 'timestamp'];
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const body: Record<string, unknown> = { code: 200 };
      for (const field of fields) if (random.next() < 0.5) body[field] = anything();
      body.code = 200;
      const op = random.int(1, 6) as HPKVOperation;
      if (looksValid(op, body)) {
        accepted++;
        expect(validateReply(op, body)).toBeUndefined();
      }
      const notification = { ...body, type: 'notification' };
      if (isNotification(notification)) expect(notificationSchema.safeParse(notification).success).toBe(true);
    }
    expect(accepted).toBeGreaterThan(100); // the generator does reach the accepting side
  });
});

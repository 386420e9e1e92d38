import { HPKVOperation } from '../../../lib/protocol';
import { validateRequest as validateFields } from '../../../lib/client/requests/request-validation';

/** The request as one object (the pipeline passes its fields one by one, to allocate nothing). */
const validateRequest = (request: { op: HPKVOperation; key: unknown; value?: unknown; endKey?: unknown; limit?: unknown }) =>
  validateFields(request.op, request.key, request.value, request.endKey, request.limit, undefined);

describe('validateRequest', () => {
  it('accepts valid requests of every op', () => {
    expect(validateRequest({ op: HPKVOperation.GET, key: 'k' })).toBeUndefined();
    expect(validateRequest({ op: HPKVOperation.SET, key: 'é'.repeat(256), value: 'v' })).toBeUndefined();
    expect(validateRequest({ op: HPKVOperation.RANGE, key: 'a', endKey: 'b', limit: 5 })).toBeUndefined();
    expect(validateRequest({ op: HPKVOperation.ATOMIC, key: 'n', value: -3 })).toBeUndefined();
  });

  it.each([
    [{ op: HPKVOperation.GET, key: '' }, 'Invalid GET request: key must not be empty'],
    [{ op: HPKVOperation.GET, key: 'é'.repeat(257) }, 'Invalid GET request: key must be at most 512 bytes'],
    [{ op: HPKVOperation.SET, key: 'k', value: '' }, 'Invalid SET request: value must not be empty'],
    [{ op: HPKVOperation.PATCH, key: 'k', value: 'x'.repeat(102_401) }, 'Invalid PATCH request: value must be at most 102400 bytes'],
    [{ op: HPKVOperation.ATOMIC, key: 'n', value: 1.5 }, 'Invalid ATOMIC request: value must be an integer increment'],
    [{ op: HPKVOperation.RANGE, key: 'a', endKey: 'b', limit: 0 }, 'Invalid RANGE request: limit must be a positive integer'],
    [{ op: HPKVOperation.RANGE, key: 'a', endKey: '' }, 'Invalid RANGE request: endKey must not be empty'],
  ])('refuses %j with code 400', (request, message) => {
    expect(validateRequest(request)).toMatchObject({ code: 400, message });
  });
});

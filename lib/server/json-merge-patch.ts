type JsonObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property, even one named `__proto__` (assignment would change the prototype). */
function define(target: JsonObject, field: string, value: unknown): void {
  Object.defineProperty(target, field, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * RFC 7396 merge: objects merge recursively, `null` deletes a field, arrays and scalars replace.
 * Builds a new object; neither argument is modified.
 */
export function mergeJson(target: JsonObject, patch: JsonObject): JsonObject {
  const result: JsonObject = { ...target };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[field];
    } else if (isPlainObject(value) && isPlainObject(result[field])) {
      define(result, field, mergeJson(result[field] as JsonObject, value));
    } else if (isPlainObject(value)) {
      // RFC 7396 applies a patch object to a non-object target as if it were `{}`, which
      // also strips the `null`s nested inside it.
      define(result, field, mergeJson({}, value));
    } else {
      define(result, field, value);
    }
  }
  return result;
}

export { isPlainObject };

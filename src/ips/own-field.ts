// Field names come from the server: `__proto__` among them must become an own field, never an object's prototype.

/** Sets an own, enumerable field (plain assignment to `__proto__` would replace the object's prototype instead). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

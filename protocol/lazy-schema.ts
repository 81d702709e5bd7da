/**
 * Schemas built on first use instead of at module load.
 *
 * Building a zod 4 schema is not free: every `z.object`, `z.enum`, `.strict()` runs zod's
 * constructors. The contract modules hold hundreds of schemas, most of which a given process never
 * touches (the station's preview host loads `fleet.ts` and `help.ts` for a handful of shapes and
 * central's staff routes for none of the station's), yet all of them were built before the station's
 * welcome screen could show (issue 15). `lazySchema` keeps each export's name and type and defers the
 * building to the first time anything reads the schema: a parse, a `.shape`, another schema built
 * on it.
 *
 * It is a Proxy because an ES module cannot export a getter and the type must stay the schema's
 * own (`.extend`, `.shape`, `z.infer` keep working for every importer). Each read goes to the one
 * built schema, so a process sees one schema per export, as before. What a Proxy cannot forward is
 * its identity: a WeakMap keyed by the export (zod's `globalRegistry`, filled by `.describe()` and
 * `.meta()`) would miss, so a schema whose outermost call is `.describe()` or `.meta()` must stay
 * eager (a described field inside a lazy schema is fine: the field is the built object itself).
 *
 * Marked free of side effects, so a bundler drops the exports a bundle never reads (the preview
 * host's chunk then carries none of central's fleet and help shapes).
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  // The target only carries the Proxy: it is empty and extensible, so no trap below can break a
  // Proxy invariant (every property the schema has is reported as configurable, which it may be).
  const handler: Required<Omit<ProxyHandler<T>, 'apply' | 'construct'>> = {
    get: (_target, key) => Reflect.get(schema(), key),
    set: (_target, key, value) => Reflect.set(schema(), key, value),
    has: (_target, key) => Reflect.has(schema(), key),
    deleteProperty: (_target, key) => Reflect.deleteProperty(schema(), key),
    defineProperty: (_target, key, descriptor) =>
      Reflect.defineProperty(schema(), key, descriptor) && descriptor.configurable !== false,
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    setPrototypeOf: (_target, prototype) => Reflect.setPrototypeOf(schema(), prototype),
    isExtensible: () => true,
    preventExtensions: () => false,
  };
  return new Proxy({} as T, handler);
}

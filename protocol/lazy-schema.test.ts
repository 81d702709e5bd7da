import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';

describe('lazySchema', () => {
  it('builds nothing until the schema is first read, then builds once', () => {
    const build = vi.fn(() => z.object({ id: z.string() }).strict());
    const schema = lazySchema(build);
    expect(build).not.toHaveBeenCalled();
    expect(schema.parse({ id: 'a' })).toEqual({ id: 'a' });
    expect(schema.safeParse({ id: 'a', extra: 1 }).success).toBe(false);
    expect(Object.keys(schema.shape)).toEqual(['id']);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('behaves as the schema it builds: instanceof, derived schemas, nesting, JSON Schema', () => {
    const eager = z.object({ lang: z.enum(['fi', 'sv']).describe('language'), n: z.number().int().min(0) }).strict();
    const lazy = lazySchema(() =>
      z.object({ lang: z.enum(['fi', 'sv']).describe('language'), n: z.number().int().min(0) }).strict(),
    );
    expect(lazy).toBeInstanceOf(z.ZodObject);
    expect(lazy.extend({ more: z.boolean() }).parse({ lang: 'fi', n: 1, more: true })).toEqual({
      lang: 'fi',
      n: 1,
      more: true,
    });
    expect(lazy.optional().parse(undefined)).toBeUndefined();
    expect(z.array(lazy).parse([{ lang: 'sv', n: 0 }])).toEqual([{ lang: 'sv', n: 0 }]);
    expect(z.toJSONSchema(lazy)).toEqual(z.toJSONSchema(eager));
    expect(z.toJSONSchema(z.object({ inner: lazy }))).toEqual(z.toJSONSchema(z.object({ inner: eager })));
    const issue = lazy.safeParse({ lang: 'de', n: -1 }).error?.issues.map((i) => i.path.join('.'));
    expect(issue).toEqual(['lang', 'n']);
  });

  it('works inside a discriminated union and as the member of another lazy schema', () => {
    const a = lazySchema(() => z.object({ kind: z.literal('a'), x: z.number() }).strict());
    const b = lazySchema(() => z.object({ kind: z.literal('b') }).strict());
    const union = lazySchema(() => z.discriminatedUnion('kind', [a, b]));
    expect(union.parse({ kind: 'a', x: 1 })).toEqual({ kind: 'a', x: 1 });
    expect(union.safeParse({ kind: 'c' }).success).toBe(false);
  });
});

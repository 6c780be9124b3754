import { describe, expect, it } from 'vitest';
import { KeyIndex } from './keys';

describe('the search keys of an import', () => {
  it('come back in key order, each key with its residents in the order they were read, in batches', () => {
    const k = new KeyIndex();
    k.add('r1', ['张三', '三', 'zhangsan', 'zs']);
    k.add('r2', ['张伟', '伟', 'zhangwei', 'zw']);
    k.add('r3', ['三', 'san']);
    // more pairs than the arrays start with, so they grow
    for (let i = 0; i < 40_000; i++) k.add(`x${i}`, [`k${i % 7}`, `m${i}`]);
    const batches = [...k.inOrder(1000, new Set())];
    expect(batches.every((b) => b.length <= 1000)).toBe(true);
    const pairs = batches.flat();
    expect(pairs).toHaveLength(4 + 4 + 2 + 80_000);
    const keys = pairs.map(([, key]) => key);
    expect(keys).toEqual([...keys].sort());
    expect(pairs.filter(([, key]) => key === '三')).toEqual([
      ['r1', '三'],
      ['r3', '三'],
    ]);
    const k3 = pairs.filter(([, key]) => key === 'k3').map(([id]) => Number(id.slice(1)));
    expect(k3).toEqual([...k3].sort((a, b) => a - b));
    expect(k3).toHaveLength(5714);
  });

  it('leave out the residents not imported', () => {
    const k = new KeyIndex();
    k.add('r1', ['张三', 'zs']);
    k.add('r2', ['张三', 'zs']);
    expect([...k.inOrder(1, new Set(['r1']))]).toEqual([[['r2', 'zs']], [['r2', '张三']]]);
  });
});

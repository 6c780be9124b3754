import { describe, expect, it } from 'vitest';
import { checkAgainstEntered, idNumberProblemMessage, parseIdNumber, type ParsedIdNumber } from './id-number';

/** Independent of the code under test: GB 11643 check digit written out from the standard. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const today = new Date(2025, 5, 15);

function parsed(input: string | number): ParsedIdNumber {
  const r = parseIdNumber(input, today);
  if (!r.ok) throw new Error(`expected a valid ID, got ${r.code} for ${input}`);
  return r;
}

function problem(input: string | number): string {
  const r = parseIdNumber(input, today);
  return r.ok ? 'ok' : r.code;
}

describe('withCheckDigit (the test helper)', () => {
  it('agrees with the example printed in GB 11643-1999', () => {
    // The standard's own worked example: 11010519491231002X.
    expect(withCheckDigit('11010519491231002')).toBe('11010519491231002X');
  });
});

describe('parseIdNumber', () => {
  const man = withCheckDigit('44030419851012003'); // 17th digit 3: odd
  const woman = withCheckDigit('11010519491231002'); // 17th digit 2: even

  it('reads birth date, gender and region from a valid number', () => {
    expect(parsed(man)).toEqual({
      ok: true,
      value: man,
      birthDate: '1985-10-12',
      gender: 'male',
      regionCode: '440304',
      converted15: false,
    });
    expect(parsed(woman)).toMatchObject({ birthDate: '1949-12-31', gender: 'female', regionCode: '110105' });
  });

  it('accepts a number whose check digit is X', () => {
    expect(parsed('11010519491231002X').value).toBe('11010519491231002X');
  });

  it('rejects a number with one digit mistyped', () => {
    const last = man[17] === '0' ? '1' : '0';
    expect(problem(man.slice(0, 17) + last)).toBe('ID_CHECK_DIGIT');
    // Two neighbouring digits swapped, the commonest slip when copying.
    const swapped = man.slice(0, 15) + man[16] + man[15] + man.slice(17);
    expect(swapped).not.toBe(man);
    expect(problem(swapped)).toBe('ID_CHECK_DIGIT');
  });

  it('accepts a lower-case x and stores it upper-case', () => {
    expect(parsed('11010519491231002x').value).toBe('11010519491231002X');
  });

  it('accepts full-width digits and Ｘ typed with a Chinese input method', () => {
    expect(parsed('１１０１０５１９４９１２３１００２Ｘ').value).toBe('11010519491231002X');
    expect(parsed('１１０１０５１９４９１２３１００２ｘ').value).toBe('11010519491231002X');
  });

  it('ignores spaces and hyphens pasted from a roster', () => {
    expect(parsed('  110105 19491231 002X ').value).toBe('11010519491231002X');
    expect(parsed('110105-19491231-002X').value).toBe('11010519491231002X');
    expect(parsed('110105\u300019491231\t002X').value).toBe('11010519491231002X');
  });

  it('converts an old 15-digit number to 18 digits', () => {
    const r = parsed('110105491231002');
    expect(r).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
      converted15: true,
    });
  });

  it('rejects 30 February', () => {
    expect(problem(withCheckDigit('11010519900230001'))).toBe('ID_BIRTH_DATE');
  });

  it('accepts 29 February in a leap year only', () => {
    expect(problem(withCheckDigit('11010520000229001'))).toBe('ok');
    expect(problem(withCheckDigit('11010519000229001'))).toBe('ID_BIRTH_DATE');
  });

  it('rejects a birth date in the future but accepts a baby born today', () => {
    expect(problem(withCheckDigit('11010520250616001'))).toBe('ID_BIRTH_DATE');
    expect(problem(withCheckDigit('11010520250615001'))).toBe('ok');
  });

  it('rejects a birth year before 1900', () => {
    expect(problem(withCheckDigit('11010518991231001'))).toBe('ID_BIRTH_DATE');
  });

  it('rejects Excel scientific notation, whose lost digits cannot be recovered', () => {
    expect(problem('1.10105E+17')).toBe('ID_CHARS');
    expect(problem('1.10105194912310E+17')).toBe('ID_CHARS');
  });

  it('rejects an 18-digit ID that arrived as a JavaScript number', () => {
    // A double cannot hold 18 digits exactly: this prints as ...020, a different person.
    const fromSpreadsheet = Number('110105194912310021');
    expect(String(fromSpreadsheet)).not.toBe('110105194912310021');
    expect(problem(fromSpreadsheet)).toBe('ID_CHARS');
  });

  it('accepts a 15-digit ID that arrived as a number, since it is still exact', () => {
    expect(parsed(110105491231002).value).toBe('11010519491231002X');
  });

  it('tells a wrong length apart from wrong characters', () => {
    expect(problem('')).toBe('ID_LENGTH');
    expect(problem('1101051949123100')).toBe('ID_LENGTH');
    expect(problem('11010519491231002X1')).toBe('ID_LENGTH');
    expect(problem('110105194912310X2X')).toBe('ID_CHARS');
    expect(problem('11010549123100X')).toBe('ID_CHARS');
    expect(problem('11010519491231002Y')).toBe('ID_CHARS');
  });

  it('returns the message a user sees with the code', () => {
    const r = parseIdNumber('11010519491231002Y', today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.zh).toContain('身份证号');
  });
});

describe('idNumberProblemMessage', () => {
  it('explains a wrong check digit in Chinese and English', () => {
    expect(idNumberProblemMessage('ID_CHECK_DIGIT')).toEqual({
      zh: '身份证号校验位不正确',
      en: "The ID number's check digit is wrong",
    });
  });

  it('has a message in both languages for every problem', () => {
    for (const code of ['ID_LENGTH', 'ID_CHARS', 'ID_BIRTH_DATE', 'ID_CHECK_DIGIT', 'ID_BIRTH_MISMATCH', 'ID_GENDER_MISMATCH'] as const) {
      const m = idNumberProblemMessage(code);
      expect(m.zh.length).toBeGreaterThan(0);
      expect(m.en.length).toBeGreaterThan(0);
    }
  });
});

describe('checkAgainstEntered', () => {
  const id = parsed('11010519491231002X'); // woman born 1949-12-31

  it('finds nothing to report when the form agrees with the ID', () => {
    expect(checkAgainstEntered(id, { birthDate: '1949-12-31', gender: 'female' })).toEqual([]);
    expect(checkAgainstEntered(id, { birthDate: '1949/12/31' })).toEqual([]);
    expect(checkAgainstEntered(id, { birthDate: '1949年12月31日' })).toEqual([]);
    expect(checkAgainstEntered(id, {})).toEqual([]);
  });

  it('reports a birth date that differs from the ID', () => {
    expect(checkAgainstEntered(id, { birthDate: '1949-12-30' })).toEqual([
      {
        code: 'ID_BIRTH_MISMATCH',
        message: idNumberProblemMessage('ID_BIRTH_MISMATCH'),
        fromId: '1949-12-31',
        entered: '1949-12-30',
      },
    ]);
  });

  it('reports a gender that differs from the ID', () => {
    const r = checkAgainstEntered(id, { birthDate: '1949-12-31', gender: 'male' });
    expect(r.map((d) => d.code)).toEqual(['ID_GENDER_MISMATCH']);
    expect(r[0].message.zh).toBe('性别与身份证号不一致');
  });

  it('reports both when both differ', () => {
    expect(checkAgainstEntered(id, { birthDate: '1950-01-01', gender: 'male' }).map((d) => d.code)).toEqual([
      'ID_BIRTH_MISMATCH',
      'ID_GENDER_MISMATCH',
    ]);
  });
});

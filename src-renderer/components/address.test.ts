import { describe, expect, it } from 'vitest';
import { addressParts } from './Address.tsx';

describe('an address on the desk screen', () => {
  it('keeps each 番地-号 run whole, half- or full-width, and the words around it as they are', () => {
    expect(addressParts('新潟県三条市旭町二丁目30-4')).toEqual([
      { text: '新潟県三条市旭町二丁目', number: false },
      { text: '30-4', number: true },
    ]);
    expect(addressParts('東裏館１－１－１ コーポ101')).toEqual([
      { text: '東裏館', number: false },
      { text: '１－１－１', number: true },
      { text: ' コーポ', number: false },
      { text: '101', number: true },
    ]);
    expect(addressParts('番地なし')).toEqual([{ text: '番地なし', number: false }]);
  });
});

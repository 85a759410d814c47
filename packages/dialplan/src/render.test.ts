import { describe, expect, it } from 'vitest';
import { DialplanError } from './errors.js';
import { app, labelled, type DialplanIR } from './ir.js';
import { comment, renderDialplan } from './render.js';

describe('renderDialplan', () => {
  it('prints contexts, extensions, labels and comments', () => {
    const ir: DialplanIR = {
      header: ['generated'],
      contexts: [
        {
          name: 'ctx',
          comments: ['node a (Menu) "Hauptmenü"'],
          extensions: [
            {
              name: 's',
              priorities: [app('Answer'), { ...app('Background', 'welcome'), label: 'prompt' }, { ...app('Read', 'V', 'f', '4', '', '1', '5'), comment: 'why' }],
            },
            { name: '#', comment: 'the hash key', priorities: labelled('first', [app('Goto', 'x', 's', '1')]) },
          ],
        },
        { name: 'empty', comments: [], extensions: [] },
      ],
    };
    expect(renderDialplan(ir)).toMatchInlineSnapshot(`
      "; generated

      ; node a (Menu) "Hauptmenü"
      [ctx]
      exten => s,1,Answer()
       same => n(prompt),Background(welcome)
       same => n,Read(V,f,4,,1,5) ; why
      ; the hash key
      exten => #,1(first),Goto(x,s,1)

      [empty]
      "
    `);
  });

  it('keeps comments on one line', () => {
    expect(comment('a\nb\r\nc\u2028d')).toBe('; a b  c d');
  });

  it('refuses text that would cut or add dialplan lines', () => {
    const ir = (arg: string): DialplanIR => ({
      header: [],
      contexts: [{ name: 'c', comments: [], extensions: [{ name: 's', priorities: [app('Set', arg)] }] }],
    });
    expect(() => renderDialplan(ir('A=1;2'))).toThrow(DialplanError);
    expect(() => renderDialplan(ir('A=1\nexten => s,2,Dial(x)'))).toThrow(/refusing/);
    expect(renderDialplan(ir('A=1'))).toContain('exten => s,1,Set(A=1)');
  });
});

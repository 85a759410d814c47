import { describe, expect, it } from 'vitest';
import { pickerOptions } from './pickers.js';

const lists = {
  extensions: ['1000', '1001'],
  mailboxes: ['1000'],
  queues: ['support'],
  rooms: ['800'],
  flows: ['main'],
  routes: ['mobile'],
  prompts: ['welcome'],
};

describe('pickers from the node descriptions', () => {
  it('offers the server list each param names an entry of', () => {
    const picked = (type: string, param: string) => pickerOptions(lists, type, param).options;
    expect(picked('Dial', 'targets')).toEqual(lists.extensions);
    expect(picked('Menu', 'directDial')).toEqual(lists.extensions);
    expect(picked('Menu', 'prompt')).toEqual(lists.prompts);
    expect(picked('Play', 'prompt')).toEqual(lists.prompts);
    expect(picked('CollectDigits', 'prompt')).toEqual(lists.prompts);
    expect(picked('Queue', 'queue')).toEqual(lists.queues);
    expect(picked('Voicemail', 'mailbox')).toEqual(lists.mailboxes);
    expect(picked('Conference', 'room')).toEqual(lists.rooms);
    expect(picked('GotoFlow', 'flow')).toEqual(lists.flows);
    expect(picked('TransferExternal', 'route')).toEqual(lists.routes);
  });

  it('offers nothing for free params, unknown types, or without the lists', () => {
    expect(pickerOptions(lists, 'Dial', 'ringSeconds')).toEqual({});
    expect(pickerOptions(lists, 'TransferExternal', 'number')).toEqual({});
    expect(pickerOptions(lists, 'Nope', 'queue')).toEqual({});
    expect(pickerOptions(undefined, 'Queue', 'queue')).toEqual({});
  });
});

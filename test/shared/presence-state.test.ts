/**
 * The one presence validation (shared/protocol/presence-state.ts): honest states pass as they are, each
 * malformed field is dropped alone, and every relative position it accepts decodes in Yjs without throwing
 * (checked against thousands of seeded random shapes).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readCaret, readPresenceFields, readPresenceState, readPresenceUser, readRelativePosition } from '../../shared/protocol/presence-state.ts';

function docWithText(): { doc: Y.Doc; text: Y.XmlText } {
  const doc = new Y.Doc();
  const fragment = doc.getMap<Y.XmlFragment>('paragraphs').set('p1', new Y.XmlFragment());
  const element = new Y.XmlElement('paragraph');
  fragment.insert(0, [element]);
  const text = new Y.XmlText();
  element.insert(0, [text]);
  text.insert(0, 'We commit to cooperation.');
  return { doc, text };
}

describe('readRelativePosition', () => {
  it('keeps what y-tiptap publishes (RelativePosition serialised by JSON.stringify), with absent fields as null', () => {
    const { doc, text } = docWithText();
    for (const index of [0, 5, text.length]) {
      const json = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, index, index === 0 ? -1 : 0)));
      expect(readRelativePosition(json)).toEqual({ type: null, tname: null, item: null, assoc: 0, ...json });
      const compact = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
      const read = readRelativePosition(JSON.parse(JSON.stringify(compact)));
      expect(read).not.toBeNull();
      expect(Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(read), doc)?.index).toBe(index);
    }
  });

  it.each([
    ['string ids', { item: { client: 'x', clock: 'y' } }],
    ['a negative clock', { item: { client: 1, clock: -1 } }],
    ['a fractional clock', { type: { client: 1, clock: 0.5 } }],
    ['an unsafe integer', { item: { client: 2 ** 53, clock: 0 } }],
    ['an id that is an array', { item: [1, 2] }],
    ['nothing to resolve', { assoc: 0 }],
    ['a root name no page has', { tname: 'created-on-every-page' }],
    ['an assoc of text', { item: { client: 1, clock: 0 }, assoc: '-1' }],
    ['an array', [1]],
    ['null', null],
  ])('refuses %s', (_what, value) => {
    expect(readRelativePosition(value)).toBeNull();
  });

  it('accepts only positions that Yjs decodes without throwing (seeded random shapes)', () => {
    const { doc } = docWithText();
    let seed = 20240611;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)] as T;
    const numbers = [0, 1, 3, -1, 0.5, 2 ** 53, 2 ** 31, Number.NaN, doc.clientID, 1e300];
    const scalar = (): unknown => pick<() => unknown>([() => pick(numbers), () => 'x', () => null, () => undefined, () => true, () => ({}), () => [1]])();
    const id = (): unknown => pick<() => unknown>([() => ({ client: pick<unknown>([doc.clientID, 'x', ...numbers]), clock: pick<unknown>(['y', ...numbers]) }), scalar])();
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const value = { type: id(), item: id(), tname: pick<unknown>([null, undefined, 'paragraphs', 'order', 'x', 3]), assoc: pick<unknown>([0, -1, 1, 0.5, '0', undefined]) };
      const read = readRelativePosition(value);
      if (!read) continue;
      accepted += 1;
      expect(() => Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(read), doc), JSON.stringify(value)).not.toThrow();
    }
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('readPresenceFields and readPresenceState', () => {
  it('drops each bad field alone', () => {
    const anchor = { type: null, tname: null, item: { client: 1, clock: 2 }, assoc: 0 };
    expect(readPresenceFields({ paragraphId: 'p1', editing: true, cursor: { anchor, head: anchor }, extra: 1 })).toEqual({
      paragraphId: 'p1',
      editing: true,
      cursor: { anchor, head: anchor },
    });
    expect(readPresenceFields({ paragraphId: '<b>', editing: 'yes', cursor: { anchor } })).toEqual({ paragraphId: null, editing: false, cursor: null });
    expect(readPresenceFields({ paragraphId: 'p'.repeat(65) }).paragraphId).toBeNull();
    expect(readCaret({ anchor, head: { item: { client: 'x', clock: 'y' } } })).toBeNull();
  });

  it('keeps the proposal someone types in only when well formed and under a paragraph, and leaves it out otherwise', () => {
    expect(readPresenceFields({ paragraphId: 'p1', editing: true, proposalId: 'q-7' })).toEqual({ paragraphId: 'p1', editing: true, cursor: null, proposalId: 'q-7' });
    for (const proposalId of ['<q>', 'q'.repeat(65), 7, null, ['q1']]) {
      expect(Object.keys(readPresenceFields({ paragraphId: 'p1', editing: true, proposalId }))).toEqual(['paragraphId', 'editing', 'cursor']);
    }
    expect(Object.keys(readPresenceFields({ paragraphId: null, editing: true, proposalId: 'q1' }))).not.toContain('proposalId');
    const user = { name: 'European Union', role: 'delegation', delegation: 'EU', color: '#1f4f8f' };
    expect(readPresenceState({ user, paragraphId: 'p1', editing: true, proposalId: 'q1' })?.proposalId).toBe('q1');
    // A state of a page that never typed in a proposal reads exactly as before: no proposalId key at all.
    expect(JSON.stringify(readPresenceState({ user, paragraphId: 'p1', editing: false }))).not.toContain('proposalId');
  });

  it('needs a user with a name and a role; a bad colour or delegation code is neutralised', () => {
    expect(readPresenceState({ paragraphId: 'p1' })).toBeNull();
    expect(readPresenceState({ user: { name: '', role: 'observer' } })).toBeNull();
    expect(readPresenceState({ user: { name: 'x'.repeat(257), role: 'observer' } })).toBeNull();
    expect(readPresenceUser({ name: 'Kenya', role: 'delegation', delegation: 'KEN', color: '#0a7d4f' })).toEqual({
      name: 'Kenya',
      role: 'delegation',
      delegation: 'KEN',
      color: '#0a7d4f',
    });
    expect(readPresenceUser({ name: 'Odd', role: 'observer', delegation: { code: 'KEN' }, color: 'red; x' })).toEqual({
      name: 'Odd',
      role: 'observer',
      delegation: null,
      color: '#6b7280',
    });
  });
});

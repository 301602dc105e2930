import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { renderTree } from '../../shared/brackets/render-tree.ts';
import { formatBracketedText } from '../../shared/brackets/bracket-text.ts';
import { paragraphPlainText } from '../../shared/commands/paragraph-facts.ts';
import { imrfRoom, runOk, select } from './brackets-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const EU = { delegation: 'EU', stance: 'propose' } as const;
const US = { delegation: 'US', stance: 'delete' } as const;

/** A server document and a client that starts as its copy; `sync` exchanges what each lacks. */
function pair() {
  const room = imrfRoom();
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
  const sync = () => {
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(client)));
    Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(client, Y.encodeStateVector(room.doc)));
  };
  return { ...room, client, sync };
}

function indexOf(text: Y.XmlText, words: string): number {
  return text.toDelta().map((op: { insert: string }) => op.insert).join('').indexOf(words);
}

function spans(doc: Y.Doc, paragraphId: string) {
  return readBrackets(doc, paragraphId).map((b) => ({ id: b.id, text: b.text, depth: b.depth, parent: b.parent }));
}

describe.skipIf(!hasImrfFixture)('brackets under concurrent typing', () => {
  it('keeps words typed at either edge outside and words typed inside inside, identically in both documents', () => {
    const { doc, env, para, text, client, sync } = pair();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly'), holders: [EU] });
    const t = text(p6, client);
    client.transact(() => {
      t.insert(indexOf(t, 'safe, orderly') + 'safe, orderly'.length, ' AFTER');
      t.insert(indexOf(t, 'orderly'), 'INSIDE ');
      t.insert(indexOf(t, 'safe, '), 'BEFORE ');
    });
    sync();
    expect(paragraphPlainText(doc, p6)).toBe(paragraphPlainText(client, p6));
    expect(paragraphPlainText(doc, p6)).toContain('BEFORE safe, INSIDE orderly AFTER');
    expect(spans(doc, p6)).toEqual([{ id: 'b1', text: 'safe, INSIDE orderly', depth: 0, parent: null }]);
    expect(readBrackets(client, p6)).toEqual(readBrackets(doc, p6));
  });

  it('leaves an empty bracket when its words are deleted; typing where they were lands after it, in both documents', () => {
    const { doc, env, para, text, client, sync } = pair();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly'), holders: [EU] });
    sync();
    const t = text(p6, client);
    client.transact(() => t.delete(indexOf(t, 'safe, orderly'), 'safe, orderly'.length));
    client.transact(() => t.insert(indexOf(t, ' and regular'), 'fair'));
    sync();
    const [bracket] = readBrackets(doc, p6);
    expect(bracket).toMatchObject({ text: '', holders: [EU] });
    expect(bracket?.span.start).toBe(bracket?.span.end);
    expect(readBrackets(client, p6)).toEqual(readBrackets(doc, p6));
    const plain = paragraphPlainText(doc, p6);
    expect(formatBracketedText([{ text: plain }], readBrackets(doc, p6))).toContain('facilitating []fair and regular');
    expect(renderTree([{ text: plain }], readBrackets(doc, p6)).find((n) => n.kind === 'bracket')).toMatchObject({ children: [] });
  });

  it('keeps the words typed inside a bracket whose other words were deleted concurrently', () => {
    const { doc, env, para, text, client, sync } = pair();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly'), holders: [EU] });
    sync();
    const server = text(p6);
    doc.transact(() => server.delete(indexOf(server, 'safe, orderly'), 'safe, orderly'.length));
    const t = text(p6, client);
    client.transact(() => t.insert(indexOf(t, 'orderly'), 'very '));
    sync();
    expect(readBrackets(doc, p6).map((b) => b.text)).toEqual(['very ']);
    expect(readBrackets(client, p6)).toEqual(readBrackets(doc, p6));
  });

  it('anchors a new bracket around one whose first word was deleted, so a stale client typing there cannot make them cross', () => {
    const { doc, env, para, text, client, sync } = pair();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly'), holders: [EU] });
    sync();
    const server = text(p6);
    doc.transact(() => server.delete(indexOf(server, 'safe, orderly'), 'safe, '.length));
    // The server's index view: b1 is "orderly"; b2 starts at the same index and holds it.
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(server, 'orderly and regular'), holders: [US] });
    const t = text(p6, client);
    client.transact(() => t.insert(indexOf(t, 'orderly'), 'Z'));
    sync();
    expect(paragraphPlainText(doc, p6)).toContain('facilitating Zorderly and regular');
    expect(spans(doc, p6)).toEqual([
      { id: 'b2', text: 'Zorderly and regular', depth: 0, parent: null },
      { id: 'b1', text: 'Zorderly', depth: 1, parent: 'b2' },
    ]);
    expect(readBrackets(client, p6)).toEqual(readBrackets(doc, p6));
  });

  it('lifts a bracket while a client types in it: the words keep their items and the typing survives', () => {
    const { doc, env, para, text, client, sync } = pair();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly'), holders: [EU] });
    sync();
    const t = text(p6, client);
    client.transact(() => t.insert(indexOf(t, 'orderly'), 'very '));
    runOk(doc, env, { type: 'lift-bracket', bracketId: 'b1' });
    sync();
    expect(paragraphPlainText(doc, p6)).toContain('facilitating safe, very orderly and regular');
    expect(paragraphPlainText(client, p6)).toBe(paragraphPlainText(doc, p6));
    expect(readBrackets(client, p6)).toEqual([]);
  });

  it('deletes a bracket while a client types at its edges: the typed words stay, the bracketed ones go', () => {
    const { doc, env, para, text, client, sync } = pair();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly '), holders: [US] });
    sync();
    const t = text(p6, client);
    client.transact(() => {
      t.insert(indexOf(t, 'and regular'), 'X ');
      t.insert(indexOf(t, 'safe, orderly'), 'Y ');
    });
    runOk(doc, env, { type: 'delete-bracket', bracketId: 'b1' });
    sync();
    expect(paragraphPlainText(doc, p6)).toContain('facilitating Y X and regular');
    expect(paragraphPlainText(client, p6)).toBe(paragraphPlainText(doc, p6));
    expect(readBrackets(doc, p6)).toEqual([]);
  });
});

/**
 * Accepting proposals on the IMRF zero draft: a replacement written on the text as it reads changes only its
 * words (the others keep their Yjs items and their brackets); one written on an older text merges three
 * ways, and a clash is refused with where it clashes until every clash is settled; proposals written before
 * a bracket was lifted or its words deleted still land; accepting supersedes the pending proposals on the
 * same words; new paragraphs, deletions, retain and comments; locked paragraphs refuse. A proposal that
 * formats words otherwise brings its marks (alone, with word changes, on a paragraph that moved on), and
 * formatting does not go into brackets.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { PieceKind, wordDiff, type DiffPiece } from '../../shared/amendments/word-diff.ts';
import { acceptedReformatting } from '../../shared/commands/proposal-formatting.ts';
import { proposalClashes } from '../../shared/commands/proposal-merge.ts';
import { getParagraphText, readNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import { getProposalText, readProposals } from '../../shared/model/proposal.ts';
import { compilationEntries } from '../../shared/amendments/compilation-adapter.ts';
import { MarkName, plainText, type TextRun } from '../../shared/model/text-run.ts';
import { expectRefused, format, itemIds, marked, people, proposalCharacters, proposalRoom, runsOf, swap } from './proposal-fixture.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const { chair, eu, g77, us, ken } = people;

describe.skipIf(!hasImrfFixture)('accepting a replacement', () => {
  it('written on the text as it reads: only the changed words change; the others keep their items and brackets', () => {
    const r = proposalRoom();
    const before = r.words('22');
    const bracket = r.bracket('22', 'fair and ethical recruitment');
    const characters = r.text(r.para('22'));
    const ids = itemIds(characters);
    const id = r.replace(eu, '22', (now) => swap(swap(now, 'many Member States', 'Member States'), 'decent work', 'decent work and social protection'));
    const after = r.proposal(id).text;
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(decision.record).toEqual({ paragraphId: r.para('22'), summary: 'accepted EU’s proposal to amend paragraph 22', before, after });
    expect(decision.result).toEqual({ proposalId: id });
    expect(r.words('22')).toBe(after);
    expect(readBrackets(r.doc, r.para('22')).find((b) => b.id === bracket)?.text).toBe('fair and ethical recruitment');
    // Every character the proposal did not touch is the same Yjs item it was.
    const kept = new Set(itemIds(characters));
    const removed = ids.filter((itemId) => !kept.has(itemId));
    expect(removed.length).toBe('many '.length);
    expect(r.proposal(id)).toMatchObject({ status: 'accepted', decision: { status: 'accepted', by: 'Co-facilitator', at: r.env.now, before, after } });
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: id }), 'conflict', /accepted already/);
  });

  it('on a long paragraph (1,500 words), edits near both ends change only those words: the bracket between keeps its words and items', () => {
    const r = proposalRoom();
    // The chair makes paragraph 22 long: the words of paragraphs 23 to 40 typed after its own.
    const own = r.words('22');
    const added = Array.from({ length: 18 }, (_, i) => r.words(String(23 + i))).join(' ');
    r.type('22', own.slice(-12), `${own.slice(-12)} ${added}`);
    expect(r.words('22').split(' ').length).toBeGreaterThan(1500);
    const bracket = r.bracket('22', 'fair and ethical recruitment');
    const characters = r.text(r.para('22'));
    const ids = itemIds(characters);
    const lastWord = added.slice(added.lastIndexOf(' ') + 1);
    const id = r.replace(eu, '22', (now) => swap(swap(now, 'many Member States', 'Member States'), ` ${lastWord}`, ` ${lastWord} Agreed.`));
    r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(r.words('22')).toBe(r.proposal(id).text);
    expect(readBrackets(r.doc, r.para('22')).find((b) => b.id === bracket)?.text).toBe('fair and ethical recruitment');
    const kept = new Set(itemIds(characters));
    expect(ids.filter((itemId) => !kept.has(itemId)).length).toBe('many '.length);
  });

  it('words stored past 20,000 characters (before typing was capped) are not accepted: the delegation must shorten them', () => {
    const r = proposalRoom();
    const id = r.replace(ken, '12', (now) => swap(now, 'perilous routes', 'perilous routes'));
    const block = (getProposalText(r.doc, id) as Y.XmlFragment).get(0) as Y.XmlElement;
    r.doc.transact(() => (block.get(0) as Y.XmlText).insert(0, 'x '.repeat(11_000)));
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: id }), 'invalid', /a proposal may have at most 20,000: KEN must shorten it/);
    expectRefused(r.judge(chair, { type: 'accept-into-brackets', proposalId: id }), 'invalid', /KEN must shorten it/);
  });

  it('new words keep the marks the delegation gave them in its proposal', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => swap(now, 'perilous routes', 'perilous routes, as documented by the Missing Migrants Project,'));
    // The delegation italicises the project's name in its proposal's editor.
    const block = (getProposalText(r.doc, id) as Y.XmlFragment).get(0) as Y.XmlElement;
    const words = block.get(0) as Y.XmlText;
    const at = r.proposal(id).text.indexOf('Missing Migrants Project');
    r.doc.transact(() => words.format(at, 'Missing Migrants Project'.length, { italic: {} }));
    r.act(chair, { type: 'accept-proposal', proposalId: id });
    const runs = readRuns(getParagraphText(r.doc, r.para('12')) as Y.XmlFragment);
    expect(runs.filter((run) => run.marks?.includes('italic')).map((run) => run.text)).toEqual(['Missing Migrants Project']);
    expect(plainText(runs)).toBe(r.proposal(id).text);
  });

  it('written on an older text: merged word by word with the changes made since', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '22', (now) => swap(now, 'decent work', 'decent work and social protection'));
    r.type('22', 'digital technologies', 'digital tools');
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(r.words('22')).toContain('digital tools during the pandemic');
    expect(r.words('22')).toContain('decent work and social protection for migrant workers');
    expect(decision.record.before).toContain('digital tools');
    expect(decision.record.after).toBe(r.words('22'));
  });

  it('a clash is refused with the three versions, then accepted once every clash is settled', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '22', (now) => swap(swap(now, 'an increased use', 'a marked increase in the use'), 'decent work', 'decent work and social protection'));
    r.type('22', 'an increased use', 'a growing use');
    const current = r.words('22');
    const refused = r.judge(chair, { type: 'accept-proposal', proposalId: id });
    expectRefused(refused, 'conflict', /EU’s proposal to amend paragraph 22 clashes with changes made to paragraph 22 since it was written \(a clash\): where it read “an increased”, paragraph 22 now reads “a growing” and EU proposes “a marked increase in the”/);
    expectRefused(refused, 'conflict', /choose for each clash the current words, the proposal’s or others of your own/);
    // The page reads the same clashes from its own copy of the document.
    expect(proposalClashes(r.doc, id).map((c) => [c.base.text, c.current.text, c.proposal.text])).toEqual([['an increased ', 'a growing ', 'a marked increase in the ']]);
    expect(r.words('22')).toBe(current);
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: id, resolutions: ['proposal', 'current'] }), 'conflict', /now has one clash, and 2 were resolved/);
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: id, resolutions: [{ text: 'a\nb' }] }), 'invalid', /no line breaks/);
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id, resolutions: [{ text: 'a sharp rise in the ' }] });
    expect(r.words('22')).toContain('There has been a sharp rise in the use of digital technologies');
    expect(r.words('22')).toContain('decent work and social protection');
    expect(decision.record.before).toBe(current);
  });

  it('resolutions for a proposal that no longer clashes are refused: the paragraph changed meanwhile', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => swap(now, 'perilous routes', 'dangerous routes'));
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: id, resolutions: ['proposal'] }), 'conflict', /no longer clashes/);
  });

  it('written before a bracket was lifted, or before bracketed words were deleted, it still lands', () => {
    const r = proposalRoom();
    const bracket = r.bracket('6', 'and in the response to and recovery from the COVID-19 pandemic');
    const lifted = r.replace(eu, '6', (now) => swap(now, 'mobility of people', 'human mobility'));
    r.act(chair, { type: 'lift-bracket', bracketId: bracket });
    r.act(chair, { type: 'accept-proposal', proposalId: lifted });
    expect(r.words('6')).toContain('migration and human mobility, including');

    const other = r.bracket('12', ', with reports of more than 8,436 known migrants having lost their lives and 5,534 migrants having gone missing in transit globally from 2019 to 2021');
    const elsewhere = r.replace(g77, '12', (now) => swap(now, 'deeply concerned', 'gravely concerned'));
    const inside = r.replace(us, '12', (now) => swap(now, 'more than 8,436', 'over 8,400'));
    r.act(chair, { type: 'delete-bracket', bracketId: other });
    r.act(chair, { type: 'accept-proposal', proposalId: elsewhere });
    expect(r.words('12')).toBe('We are gravely concerned that thousands of people continue to go missing or die each year along perilous routes on land and at sea, in transit and destination countries.');
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: inside }), 'conflict', /now reads “countries.” and US proposes/);
  });

  it('on an agreed paragraph or one that is gone: refused', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => swap(now, 'perilous routes', 'dangerous routes'));
    r.act(chair, { type: 'set-status', paragraphId: r.para('12'), status: 'agreed' });
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: id }), 'conflict', /paragraph 12 is agreed: reopen it before you accept a proposal on it/);
    expectRefused(r.judge(chair, { type: 'accept-into-brackets', proposalId: id }), 'conflict', /paragraph 12 is agreed/);
    r.act(chair, { type: 'set-status', paragraphId: r.para('12'), status: 'pending' });
    const twelve = r.para('12');
    r.act(chair, { type: 'delete-paragraph', paragraphId: twelve });
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: id }), 'conflict', /no longer exists/);
  });
});

describe.skipIf(!hasImrfFixture)('superseding', () => {
  it('accepting marks the pending replacements on the same words superseded, and leaves the others', () => {
    const r = proposalRoom();
    const accepted = r.replace(eu, '6', (now) => swap(now, 'planned and well-managed', 'planned, well-managed and rights-based'));
    const overlapping = r.replace(g77, '6', (now) => swap(now, 'well-managed', 'well-governed'));
    const touching = r.replace(ken, '6', (now) => swap(now, 'planned and well-managed migration', 'planned and well-managed labour migration'));
    const apart = r.replace(us, '6', (now) => swap(now, 'COVID-19 pandemic', 'pandemic'));
    const comment = r.act(g77, { type: 'propose', paragraphId: r.para('6'), kind: 'comment', text: 'See GCM para 16.' }).result.proposalId as string;
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: accepted });
    expect(decision.record.summary).toBe('accepted EU’s proposal to amend paragraph 6; superseded the proposals of G77, KEN');
    expect(r.proposal(accepted).decision?.superseded).toEqual([overlapping, touching]);
    for (const id of [overlapping, touching]) expect(r.proposal(id)).toMatchObject({ status: 'superseded', decision: { status: 'superseded', supersededBy: accepted } });
    expect(r.proposal(apart).status).toBe('pending');
    expect(r.proposal(comment).status).toBe('pending');
    // The one apart still merges into the amended text.
    r.act(chair, { type: 'accept-proposal', proposalId: apart });
    expect(r.words('6')).toMatch(/planned, well-managed and rights-based migration policies.*recovery from the pandemic\.$/);
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: overlapping }), 'conflict', /superseded already/);
  });
});

describe.skipIf(!hasImrfFixture)('new paragraphs, deletions, retain and comments', () => {
  it('an accepted new paragraph goes after its anchor, numbered bis, with the proposal’s words', () => {
    const r = proposalRoom();
    const id = r.act(eu, { type: 'propose', paragraphId: null, afterParagraphId: r.para('5'), kind: 'insert-paragraph', text: 'We commit to ending child immigration detention.' }).result.proposalId as string;
    const empty = r.act(g77, { type: 'propose', paragraphId: null, afterParagraphId: r.para('9'), kind: 'insert-paragraph' }).result.proposalId as string;
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id });
    const created = decision.result.paragraphId as string;
    expect(decision.result).toEqual({ proposalId: id, paragraphId: created });
    expect(decision.record).toEqual({ paragraphId: created, summary: 'accepted EU’s proposal of a new paragraph after paragraph 5: inserted paragraph 5 bis', after: 'We commit to ending child immigration detention.' });
    const order = readOrder(r.doc);
    expect(order[order.indexOf(r.para('5')) + 1]).toBe(created);
    expect(readNegotiation(r.doc).paragraphs.find((p) => p.id === created)).toMatchObject({ number: '5 bis', status: 'pending' });
    expect(r.proposal(id).decision).toMatchObject({ status: 'accepted', paragraphId: created });
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: empty }), 'invalid', /has no words yet/);
  });

  it('an accepted deletion deletes the paragraph and supersedes every pending proposal on it', () => {
    const r = proposalRoom();
    const seven = r.para('7');
    const before = r.words('7');
    const id = r.act(us, { type: 'propose', paragraphId: seven, kind: 'delete-paragraph' }).result.proposalId as string;
    const retain = r.act(g77, { type: 'propose', paragraphId: seven, kind: 'retain' }).result.proposalId as string;
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(decision.record).toEqual({ paragraphId: seven, summary: 'accepted US’s proposal to delete paragraph 7: deleted it; superseded the proposal of G77', before, after: '' });
    expect(readOrder(r.doc)).not.toContain(seven);
    expect(r.proposal(retain).status).toBe('superseded');
    // The decision keeps the paragraph, so an undo can put it back (test/shared/proposal-undo.test.ts).
    const kept = r.proposal(id).decision?.deleted;
    expect(kept?.runs.map((run) => run.text).join('')).toBe(before);
    expect(kept?.nextId).toBe(r.para('8'));
  });

  it('retain and comments are noted: accepted, the text unchanged; refused on a locked paragraph', () => {
    const r = proposalRoom();
    const text = r.words('8');
    const retain = r.act(ken, { type: 'propose', paragraphId: r.para('8'), kind: 'retain' }).result.proposalId as string;
    const comment = r.act(us, { type: 'propose', paragraphId: r.para('8'), kind: 'comment', text: 'Reservation.' }).result.proposalId as string;
    // A comment may be tabled empty and written in its editor; noted only once it has words.
    const empty = r.act(g77, { type: 'propose', paragraphId: r.para('8'), kind: 'comment' }).result.proposalId as string;
    expect(r.proposal(empty).text).toBe('');
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: empty }), 'invalid', /G77’s comment on paragraph 8 has no words yet/);
    expect(r.act(chair, { type: 'accept-proposal', proposalId: retain }).record).toEqual({ paragraphId: r.para('8'), summary: 'accepted KEN’s proposal to retain paragraph 8' });
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: comment, resolutions: ['current'] }), 'invalid', /only a proposal to amend text has clashes/);
    r.act(chair, { type: 'set-status', paragraphId: r.para('8'), status: 'agreed-ad-ref' });
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: comment }), 'conflict', /agreed ad ref/);
    r.act(chair, { type: 'set-status', paragraphId: r.para('8'), status: 'pending' });
    expect(r.act(chair, { type: 'accept-proposal', proposalId: comment }).record.summary).toBe('noted US’s comment on paragraph 8');
    expect(r.words('8')).toBe(text);
    expect(r.proposal(comment).status).toBe('accepted');
    // Noted, it reads so everywhere: in a refusal and at the end of its line in the compilation.
    expectRefused(r.judge(chair, { type: 'reject-proposal', proposalId: comment }), 'conflict', /^US’s comment on paragraph 8 is noted already/);
    const entry = compilationEntries(readNegotiation(r.doc).paragraphs, readProposals(r.doc), { all: true }).find((e) => e.paragraphId === r.para('8'));
    expect(entry?.lines.map((line) => line.text)).toContain('US: comment: "Reservation." — noted');
  });
});


describe.skipIf(!hasImrfFixture)('accepting formatting', () => {
  it('a proposal that only formats words: the paragraph takes its marks, its characters keep their items, the activity says what changed', () => {
    const r = proposalRoom();
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    const words = r.words('12');
    const id = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    format(r, proposalCharacters(r, id), 'deeply', { bold: null });
    const ids = itemIds(r.text(r.para('12')));
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(decision.record).toEqual({ paragraphId: r.para('12'), summary: 'accepted EU’s proposal to amend paragraph 12: bold removed from “deeply”; italic added to “perilous routes”' });
    expect(runsOf(r, '12')).toEqual(r.proposal(id).runs);
    expect(marked(runsOf(r, '12'), 'italic')).toEqual(['perilous routes']);
    expect(marked(runsOf(r, '12'), 'bold')).toEqual([' concerned']);
    expect(itemIds(r.text(r.para('12')))).toEqual(ids);
    const at = words.indexOf('perilous routes');
    expect(r.proposal(id).decision).toMatchObject({
      status: 'accepted',
      before: words,
      after: words,
      reformatted: [
        { from: words.indexOf('deeply'), to: words.indexOf(' concerned'), added: [], removed: ['bold'] },
        { from: at, to: at + 'perilous routes'.length, added: ['italic'], removed: [] },
      ],
    });
    // The compilation of decided proposals still words the change, against the marks before the acceptance.
    const entry = compilationEntries(readNegotiation(r.doc).paragraphs, readProposals(r.doc), { all: true }).find((e) => e.paragraphId === r.para('12'));
    expect(entry?.lines.map((line) => line.text)).toContain('EU: remove bold from "deeply"; italicise "perilous routes" — accepted');
    // The same proposal with no formatting of its own: the paragraph reads so already.
    const same = r.replace(g77, '12', (now) => now);
    expect(r.act(chair, { type: 'accept-proposal', proposalId: same }).record.summary).toBe('accepted G77’s proposal to amend paragraph 12 (paragraph 12 reads so already)');
  });

  it('words changed and words reformatted: both land, and the paragraph reads as the proposal, marks and all', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '22', (now) => swap(now, 'decent work', 'decent work and social protection'));
    format(r, proposalCharacters(r, id), 'fair and ethical recruitment', { italic: {} });
    format(r, proposalCharacters(r, id), 'social protection', { bold: {} });
    format(r, proposalCharacters(r, id), 'digital technologies', { bold: {} });
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(decision.record.summary).toBe('accepted EU’s proposal to amend paragraph 22, and its formatting: italic added to “fair and ethical recruitment”; bold added to “digital technologies”');
    expect(decision.record.after).toBe(r.proposal(id).text);
    expect(runsOf(r, '22')).toEqual(r.proposal(id).runs);
    expect(marked(runsOf(r, '22'), 'bold')).toEqual(['social protection', 'digital technologies']);
  });

  it('on a paragraph that moved on: only words standing unchanged since the proposal was written take its marks', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => swap(now, 'deeply concerned', 'gravely concerned'));
    format(r, proposalCharacters(r, id), 'thousands of people', { bold: {} });
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    // Meanwhile the chair rewords one of the words EU emboldened, and words elsewhere.
    r.type('12', 'thousands of people', 'thousands of migrants');
    r.type('12', 'at sea', 'by sea');
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(r.words('12')).toMatch(/^We are gravely concerned that thousands of migrants continue .* perilous routes on land and by sea,/);
    expect(decision.record.summary).toBe('accepted EU’s proposal to amend paragraph 12, and its formatting: bold added to “thousands of”; italic added to “perilous routes”');
    expect(marked(runsOf(r, '12'), 'bold')).toEqual(['thousands of']);
    expect(marked(runsOf(r, '12'), 'italic')).toEqual(['perilous routes']);
    // A proposal that only formats words the paragraph reworded since changes nothing.
    const late = r.replace(g77, '12', (now) => now);
    format(r, proposalCharacters(r, late), 'continue to', { italic: {} });
    r.type('12', 'continue to', 'still');
    expect(r.act(chair, { type: 'accept-proposal', proposalId: late }).record.summary).toBe('accepted G77’s proposal to amend paragraph 12 (paragraph 12 reads so already)');
    expect(marked(runsOf(r, '12'), 'italic')).toEqual(['perilous routes']);
  });

  it('on repetitive wording the chair retyped: only the very word the proposal formatted takes its marks, never a twin left standing', () => {
    const r = proposalRoom();
    r.type('12', r.words('12'), 'a b c b c');
    const id = r.replace(eu, '12', (now) => now);
    // EU italicises the first “b”; the chair then retypes the paragraph, deleting that “b” and keeping the second.
    r.doc.transact(() => proposalCharacters(r, id).format(2, 1, { italic: {} }));
    r.type('12', 'a b c b c', 'c b c c');
    expect(r.act(chair, { type: 'accept-proposal', proposalId: id }).record.summary).toBe('accepted EU’s proposal to amend paragraph 12 (paragraph 12 reads so already)');
    expect(runsOf(r, '12')).toEqual([{ text: 'c b c c' }]);
    // Where the chair's wording keeps the very “b” EU italicised, it takes the italic.
    r.type('22', r.words('22'), 'a b c b c');
    const kept = r.replace(eu, '22', (now) => now);
    r.doc.transact(() => proposalCharacters(r, kept).format(2, 1, { italic: {} }));
    r.type('22', 'a b c b c', 'a b c c');
    expect(r.act(chair, { type: 'accept-proposal', proposalId: kept }).record.summary).toBe('accepted EU’s proposal to amend paragraph 22: italic added to “b”');
    expect(runsOf(r, '22')).toEqual([{ text: 'a ' }, { text: 'b', marks: ['italic'] }, { text: ' c c' }]);
  });

  it('into brackets: a proposal that only formats words is refused; one that also changes words brackets them, and says its formatting is not applied', () => {
    const r = proposalRoom();
    const only = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, only), 'perilous routes', { italic: {} });
    expectRefused(r.judge(chair, { type: 'accept-into-brackets', proposalId: only }), 'invalid', /^EU’s proposal to amend paragraph 12 changes only formatting \(italic added to “perilous routes”\), and formatting does not go into brackets: accept it to apply it, or reject it$/);
    const mixed = r.replace(g77, '12', (now) => swap(now, 'deeply concerned', 'concerned'));
    format(r, proposalCharacters(r, mixed), 'perilous routes', { italic: {} });
    const decision = r.act(chair, { type: 'accept-into-brackets', proposalId: mixed });
    expect(decision.record.summary).toBe('accepted G77’s proposal to amend paragraph 12 into brackets: “deeply”; its formatting (italic added to “perilous routes”) does not go into brackets and was not applied');
    expect(marked(runsOf(r, '12'), 'italic')).toEqual([]);
  });
});

describe('reformatting after a three-way merge', () => {
  it('every word reformatted is the word of basedOn the proposal reformatted (seeded random wordings of three words)', () => {
    const seed = Number(process.env.REFORMAT_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const rng = new Rng(seed);
    const wording = (): string[] => Array.from({ length: rng.int(1, 6) }, () => rng.pick(['a', 'b', 'c']));
    const formatted = (words: readonly string[]): { runs: TextRun[]; italic: boolean[] } => {
      const italic = words.map(() => rng.chance(0.5));
      return { runs: words.flatMap((word, i) => [...(i > 0 ? [{ text: ' ' }] : []), italic[i] ? { text: word, marks: [MarkName.italic] } : { text: word }]), italic };
    };
    for (let round = 0; round < 500; round++) {
      const basedOn = wording().join(' ');
      const proposalWords = rng.chance(0.5) ? basedOn.split(' ') : wording();
      const proposal = formatted(proposalWords);
      const current = formatted(wording());
      const now = plainText(current.runs);
      const stretches = acceptedReformatting(current.runs, basedOn, proposal.runs, []);
      const where = `seed ${seed}, round ${round}: basedOn “${basedOn}”, proposal ${JSON.stringify(proposal.runs)}, paragraph ${JSON.stringify(current.runs)}`;
      for (const stretch of stretches) {
        for (const word of wordsIn(now, stretch.from, stretch.to)) {
          const inBasedOn = throughSame(wordDiff(basedOn, now), word, 'after');
          expect(inBasedOn, `${where}: “${now.slice(word, word + 1)}” at ${word} is no word of basedOn`).not.toBeNull();
          const inProposal = throughSame(wordDiff(basedOn, plainText(proposal.runs)), inBasedOn as number, 'before');
          expect(inProposal, `${where}: the word at ${word} is no word the proposal kept from basedOn`).not.toBeNull();
          const proposed = proposal.italic[wordIndex(plainText(proposal.runs), inProposal as number)];
          const had = current.italic[wordIndex(now, word)];
          expect({ proposed, had }, where).toEqual(stretch.added.includes(MarkName.italic) ? { proposed: true, had: false } : { proposed: false, had: true });
        }
      }
    }
  });
});

// The offsets where the words of text[from, to) start.
function wordsIn(text: string, from: number, to: number): number[] {
  return [...text.slice(from, to).matchAll(/\S+/gu)].map((match) => from + (match.index ?? 0));
}

// How many words of `text` come before offset `at`.
function wordIndex(text: string, at: number): number {
  return text.slice(0, at).split(' ').length - 1;
}

// Where offset `at` on one side of a word diff stands on the other, when a same piece holds it; else null.
function throughSame(pieces: readonly DiffPiece[], at: number, side: 'before' | 'after'): number | null {
  const other = side === 'before' ? 'after' : 'before';
  const piece = pieces.find((p) => p.kind === PieceKind.same && p[side].start <= at && at < p[side].end);
  return piece ? at - piece[side].start + piece[other].start : null;
}

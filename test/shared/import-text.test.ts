import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/errors.ts';
import { importText } from '../../shared/import-text.ts';
import type { DraftDocument, DraftParagraph } from '../../shared/model/paragraph.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { toSuperscript } from '../../shared/superscript.ts';
import { hasImrfFixture, imrfText, localFixture } from './snapshot-of.ts';

const text = (paragraph: DraftParagraph | undefined): string => plainText(paragraph?.runs ?? []);
const headings = (draft: DraftDocument): DraftParagraph[] => draft.paragraphs.filter((p) => p.kind === 'heading');
const numbered = (draft: DraftDocument): DraftParagraph[] => draft.paragraphs.filter((p) => p.kind === 'paragraph');
const kinds = (draft: DraftDocument): string[] => draft.paragraphs.map((p) => `${p.kind[0]}:${text(p)}`);
/** Kind and first three words of each paragraph. */
const openings = (draft: DraftDocument): string[] =>
  draft.paragraphs.map((p) => `${p.kind[0]}:${text(p).split(' ').slice(0, 3).join(' ')}`);

/** Word tokens with the `*` / `[` / `]` of markup and annotations removed. */
function wordTokens(source: string): string[] {
  return source
    .split(/\s+/)
    .map((token) => token.replace(/[*[\]]/g, ''))
    .filter((token) => token !== '');
}

/** Tokens of `a` missing from `b`, counting repeats. */
function missingTokens(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const token of b) counts.set(token, (counts.get(token) ?? 0) + 1);
  return a.filter((token) => {
    const left = counts.get(token) ?? 0;
    counts.set(token, left - 1);
    return left <= 0;
  });
}

/** Every word token of an imported draft: title block, text, sources, footnote markers and texts. */
function outputTokens(draft: DraftDocument): string[] {
  const parts = draft.paragraphs.flatMap((p) => [
    text(p),
    p.source,
    ...p.footnotes.flatMap((f) => [toSuperscript(f.marker), f.text]),
  ]);
  return wordTokens([...draft.titleBlock, ...parts].join('\n'));
}

/** Every word token of a source file, without paragraph numbers, bullets and markdown syntax. */
function inputTokens(source: string): string[] {
  const lines = source
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:\d+(?:\s*(?:bis|ter))?\.|[-*+]|#+)\s+/, ''))
    .map((line) => line.replace(/^\[\^[^\]]+\]:/, ''));
  return wordTokens(lines.join('\n'));
}

function expectNoWordLost(source: string, draft: DraftDocument): void {
  const input = inputTokens(source);
  const output = outputTokens(draft);
  expect(missingTokens(input, output), 'words of the file missing from the import').toEqual([]);
  expect(missingTokens(output, input), 'words in the import that the file does not have').toEqual([]);
}

function expectInvalid(source: string, gist: RegExp): void {
  let thrown: unknown;
  try {
    importText(source);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InvalidInputError);
  expect((thrown as InvalidInputError).kind).toBe('invalid-input');
  expect((thrown as Error).message).toMatch(gist);
}

describe('importText on the IMRF Progress Declaration zero draft', () => {
  const draft = hasImrfFixture ? importText(imrfText) : { titleBlock: [], paragraphs: [] };
  const para = (n: number): DraftParagraph | undefined => numbered(draft)[n - 1];

  it.skipIf(!hasImrfFixture)('reads the three-line title block', () => {
    expect(draft.titleBlock).toEqual([
      'International Migration Review Forum Progress Declaration',
      'Zero draft',
      '17 March 2022',
    ]);
  });

  it.skipIf(!hasImrfFixture)('finds exactly the seven section headings, in order', () => {
    expect(headings(draft).map(text)).toEqual([
      'Introduction',
      'Progress, challenges and gaps in the implementation of the Global Compact',
      'Round table 1 (objectives 2, 5, 6, 12 and 18)¹',
      'Round table 2 (objectives 4, 8, 9, 10, 11, 13 and 21)²',
      'Round table 3 (objectives 14, 15, 16, 19, 20 and 22)³',
      'Round table 4 (objectives 1, 3, 7, 17 and 23)⁴',
      'Recommendations to accelerate the implementation of the Global Compact',
    ]);
    expect(headings(draft).every((h) => h.source === '')).toBe(true);
  });

  it.skipIf(!hasImrfFixture)('finds exactly 57 numbered paragraphs, in order, without their numbers', () => {
    expect(numbered(draft)).toHaveLength(57);
    expect(text(para(1))).toMatch(/^We, the Heads of State and Government and High Representatives, meeting/);
    expect(text(para(2))).toMatch(/^We reaffirm the Global Compact for Safe, Orderly and Regular Migration/);
    expect(text(para(21))).toMatch(/^Progress has been made in mainstreaming migration/);
    expect(text(para(57))).toMatch(/^We request the President of the General Assembly to hold a plenary/);
    expect(text(para(57))).toMatch(/progress in implementing the pledges they have made in the context of the forum\.$/);
    for (const paragraph of numbered(draft)) expect(text(paragraph)).not.toMatch(/^\d+\.\s/);
  });

  it.skipIf(!hasImrfFixture)('places headings between the right paragraphs', () => {
    expect(openings(draft).slice(0, 3)).toEqual(['p:We, the Heads', 'h:Introduction', 'p:We reaffirm the']);
    const index = draft.paragraphs.findIndex((p) => text(p).startsWith('Recommendations to accelerate'));
    expect(text(draft.paragraphs[index - 1])).toMatch(/^Gaps in data collection/);
    expect(text(draft.paragraphs[index + 1])).toMatch(/^We commit to building on the promising practices/);
  });

  it.skipIf(!hasImrfFixture)('reads exactly five footnotes, each attached where its marker stands', () => {
    const owners = draft.paragraphs.filter((p) => p.footnotes.length > 0);
    expect(owners.flatMap((p) => p.footnotes.map((f) => f.marker))).toEqual(['1', '2', '3', '4', '5']);
    expect(owners.map(text).map((t) => t.slice(0, 14))).toEqual([
      'Round table 1 ',
      'Round table 2 ',
      'Round table 3 ',
      'Round table 4 ',
      'Building on th',
    ]);
    expect(owners[4]).toBe(para(52));
    const [first] = headings(draft)[2]?.footnotes ?? [];
    expect(first?.text).toMatch(/^Objective 2: \*Minimize the adverse drivers and structural factors that compel people/);
    expect(first?.text).toMatch(/Objective 18: \*Invest in skills development and facilitate mutual recognition of skills, qualifications and competences\*\.$/);
    expect(para(52)?.footnotes).toEqual([
      {
        marker: '5',
        text: 'The Network organized a pledging initiative in the context of the first International Migration Review Forum to support the further implementation of the Global Compact.',
      },
    ]);
  });

  it.skipIf(!hasImrfFixture)('joins paragraphs split by a page break with one space, even around a footnote', () => {
    expect(text(para(18))).toContain('by local and national governments, the UN system');
    expect(text(para(18))).toMatch(/local humanitarian actors and other relevant stakeholders\.$/);
    expect(text(para(23))).toContain('have laid bare the gaps that remain in anticipating and preparing');
    expect(text(para(23))).toMatch(/might trigger future migratory movements\.$/);
    expect(text(para(38))).toContain('in line with the principles of universal health coverage, and by ensuring that no one is left behind');
    expect(text(para(52))).toBe(
      'Building on the pledging initiative of the Network,⁵ we encourage Member States and stakeholders to make pledges ' +
        'in the lead-up, during and following the forum and, in this regard, request the Network to provide support to ' +
        'Member States and stakeholders in their implementation of their pledges, as appropriate.',
    );
    for (const paragraph of draft.paragraphs) {
      expect(text(paragraph)).not.toContain('Objective 2:');
      expect(text(paragraph)).not.toContain('  ');
      expect(text(paragraph)).not.toMatch(/^\p{Ll}/u);
    }
  });

  it.skipIf(!hasImrfFixture)('keeps superscript markers in the text where they were', () => {
    expect(text(headings(draft)[2])).toMatch(/\(objectives 2, 5, 6, 12 and 18\)¹$/);
    expect(text(para(52))).toContain('Network,⁵ we encourage');
  });

  it.skipIf(!hasImrfFixture)('takes a trailing *[...]* as the source and leaves one mid-paragraph in the text', () => {
    expect(para(3)?.source).toBe('73/326, pp4');
    expect(text(para(3))).toMatch(/whole-of-society approach\.$/);
    expect(para(38)?.source).toBe('based on SG report, para 98; on 76/172, OP6(f); and A/CONF.219/2021/IPC/CRP.2, para 84');
    expect(para(11)?.source).toBe('71/1, para 8');
    expect(para(1)?.source).toBe('');
    expect(para(1)?.runs).toContainEqual({ text: '[GCM para 49]', marks: ['italic'] });
    expect(text(para(1))).toContain('relevant stakeholders [GCM para 49], have adopted the following Progress Declaration.');
    expect(para(2)?.source).toBe('');
    expect(numbered(draft).filter((p) => p.source !== '')).toHaveLength(22);
    for (const paragraph of numbered(draft)) expect(text(paragraph)).not.toMatch(/\]$/);
  });

  it.skipIf(!hasImrfFixture)('parses footnote and paragraph inline markup, keeping curly quotes', () => {
    expect(text(para(31))).toContain('through “one-stop” virtual mechanisms');
    expect(text(para(5))).toContain('respect each other’s needs');
    for (const paragraph of draft.paragraphs) expect(text(paragraph)).not.toContain('*');
  });

  it.skipIf(!hasImrfFixture)('drops no word of the file', () => {
    expectNoWordLost(imrfText, draft);
  });

  it.skipIf(!hasImrfFixture)('reads the same draft whatever the line endings, BOM and trailing whitespace', () => {
    const variants = {
      crlf: imrfText.replace(/\n/g, '\r\n'),
      cr: imrfText.replace(/\n/g, '\r'),
      bom: `\uFEFF${imrfText}`,
      trailingSpaces: imrfText.replace(/\n/g, '  \t\n'),
      trailingNewline: `${imrfText}\n`,
      noLeadingBlankLines: imrfText.trimStart(),
      formFeedPageBreaks: imrfText.replace(/\n\nnational governments/, '\f\nnational governments'),
      allAtOnce: `\uFEFF${imrfText.replace(/\n/g, ' \r\n')}\r\n\r\n`,
    };
    for (const [name, variant] of Object.entries(variants)) expect(importText(variant), name).toEqual(draft);
  });
});

describe('importText on a prose declaration without numbers', () => {
  const source = localFixture('prose-declaration.txt');
  const draft = importText(source);

  it('reads the title and date as the title block', () => {
    expect(draft.titleBlock).toEqual([
      'Political Declaration of the High-level Meeting on Universal Water Access',
      'Draft, 4 April 2023',
    ]);
  });

  it('makes every block a paragraph, joining hard-wrapped lines, with one heading before a paragraph', () => {
    expect(openings(draft)).toEqual([
      'p:We, Heads of',
      'p:We recognize that,',
      'h:Commitments',
      'p:We commit to',
      'p:We call upon',
      'p:We decide to',
    ]);
    expect(text(draft.paragraphs[0])).toContain('States and Governments, assembled at United Nations Headquarters in New York on 22 September 2023');
    expect(draft.paragraphs[3]?.runs).toContainEqual({ text: 'adequate, predictable and sustainable', marks: ['italic'] });
  });

  it('drops no word', () => {
    expectNoWordLost(source, draft);
  });
});

describe('importText on a markdown concept note', () => {
  const source = localFixture('concept-note.md');
  const draft = importText(source);

  it('takes the leading # line and the date line under it as the title block', () => {
    expect(draft.titleBlock).toEqual([
      'Concept note: Interactive dialogue on ocean finance',
      '*Informal meeting of the plenary, 12 June 2024*',
    ]);
  });

  it('makes ## lines headings and each list item a paragraph of its own', () => {
    expect(kinds(draft)).toEqual([
      'h:Background',
      expect.stringMatching(/^p:The Third United Nations Ocean Conference/),
      'h:Objectives of the dialogue',
      'p:The dialogue aims to:',
      'p:take stock of existing blended finance instruments for sustainable ocean economies;',
      'p:identify gaps in access to finance for small island developing States³; and',
      'p:share good practices in debt-for-nature swaps and blue bonds.',
      'p:The co-chairs will invite delegations to address three questions:',
      'p:What barriers prevent coastal communities from accessing ocean finance?',
      'p:How can the private sector be engaged without compromising conservation goals?',
      'p:Which partnerships should be launched at the Conference?',
      'h:Format',
      expect.stringMatching(/^p:Interventions should not exceed three minutes\..*observers\.²$/),
    ]);
  });

  it('turns [^n] references into superscript markers and definitions into attached footnotes', () => {
    const [, background, , , , sids] = draft.paragraphs;
    expect(text(background)).toContain('from 9 to 13 June 2025.¹ Member States');
    expect(background?.footnotes).toEqual([{ marker: '1', text: 'See General Assembly resolution 78/128 of 7 December 2023.' }]);
    expect(sids?.footnotes).toEqual([
      { marker: '3', text: 'As defined in the SAMOA Pathway, *General Assembly resolution 69/15*.' },
    ]);
    expect(draft.paragraphs.at(-1)?.footnotes).toEqual([{ marker: '2', text: 'A list of speakers will be opened on 1 June 2024.' }]);
    for (const paragraph of draft.paragraphs) expect(text(paragraph)).not.toContain('[^');
  });

  it('reads **bold** and *italic* as marks', () => {
    expect(draft.paragraphs[1]?.runs).toContainEqual({ text: 'financing', marks: ['bold'] });
    expect(draft.paragraphs[4]?.runs).toContainEqual({ text: 'blended finance', marks: ['italic'] });
  });

  it('drops no word (markdown syntax aside)', () => {
    const withMarkers = source.replace(/\[\^1\]/, '¹').replace(/\[\^sids\]/, '³').replace(/\[\^2\]/, '²');
    const defsAsMarkers = withMarkers.replace(/^\[\^1\]:/m, '¹').replace(/^\[\^sids\]:/m, '³').replace(/^\[\^2\]:/m, '²');
    expectNoWordLost(defsAsMarkers, draft);
  });
});

describe('importText on a numbered draft with bis / ter paragraphs', () => {
  const source = localFixture('numbered-draft-bis.txt');
  const draft = importText(source);

  it('reads the title block with its revision label and document symbol', () => {
    expect(draft.titleBlock).toEqual([
      'Draft Outcome Document of the Fourth International Conference on Small Island Developing States',
      'Rev.1',
      'A/CONF.223/2024/L.1',
    ]);
  });

  it('treats "2 bis." and "3 ter." as numbered paragraphs and drops their numbers', () => {
    expect(openings(draft)).toEqual([
      'h:I. Preamble',
      'p:We, the Heads',
      'p:We recognize that',
      'p:We acknowledge that',
      'h:II. A decade',
      'p:We commit to',
      'p:We call for',
      'p:We decide to',
    ]);
  });

  it('joins the page-broken paragraph around its footnote, keeps the mid-text bracket, takes the final source', () => {
    const split = draft.paragraphs[5];
    expect(text(split)).toBe(
      'We commit to supporting small island developing States in building resilient, prosperous and sustainable economies, ' +
        'including by [PLACEHOLDER: G77] strengthening debt sustainability and by increasing access to concessional finance.',
    );
    expect(split?.source).toBe('based on 78/xx, OP4');
    expect(split?.footnotes).toEqual([]);
    expect(draft.paragraphs[2]?.source).toBe('based on 69/15, para 5');
    expect(draft.paragraphs[2]?.footnotes.map((f) => f.marker)).toEqual(['1']);
  });

  it('drops no word', () => {
    expectNoWordLost(source, draft);
  });
});

describe('importText on text written one line per paragraph (a word processor export)', () => {
  const source = localFixture('word-export-single-newlines.txt');
  const draft = importText(source);

  it('makes each line an item: title lines, chapeau, heading, numbered paragraphs', () => {
    expect(draft.titleBlock).toEqual(['Ministerial Declaration on Road Safety', 'Zero draft']);
    expect(openings(draft)).toEqual([
      'p:We, the Ministers',
      'h:Road traffic crashes',
      'p:We note with',
      'p:We resolve to',
      'p:We invite the',
    ]);
    expect(draft.paragraphs[2]?.source).toBe('A/RES/74/299, pp3');
  });

  it('drops no word', () => {
    expectNoWordLost(source, draft);
  });
});

describe('importText heuristics on small drafts', () => {
  it('joins hard-wrapped lines of numbered paragraphs, and numbered lines without blank lines between', () => {
    const draft = importText('Title\n\n1. We note\nwith concern the\nsituation.\n2. We decide to act.\n');
    expect(numbered(draft).map(text)).toEqual(['We note with concern the situation.', 'We decide to act.']);
  });

  it('in a numbered text, does not take a short line ending in . ; , or : for a heading', () => {
    const draft = importText('T\n\nHeading one\n\n1. First.\n\nShort line.\n\nAnother;\n\nThird:\n\nHeading two²\n\n2. Second.');
    expect(kinds(draft)).toEqual([
      'h:Heading one',
      'p:First.',
      'p:Short line.',
      'p:Another;',
      'p:Third:',
      'h:Heading two²',
      'p:Second.',
    ]);
  });

  it('joins a lowercase block only to an unfinished paragraph, never to a heading or finished paragraph', () => {
    const draft = importText('T\n\n1. We decide to\n\nconvene a meeting.\n\n2. We agree.\n\nlowercase start, new paragraph.\n\nSection\n\nnot joined to a heading.');
    expect(kinds(draft)).toEqual([
      'p:We decide to convene a meeting.',
      'p:We agree.',
      'p:lowercase start, new paragraph.',
      'h:Section',
      'p:not joined to a heading.',
    ]);
  });

  it('joins a continuation after a paragraph ending in a comma or footnote marker', () => {
    const draft = importText('T\n\n1. Building on the work of the Network,⁵\n\n⁵ A note.\n\nwe encourage pledges.');
    expect(numbered(draft).map(text)).toEqual(['Building on the work of the Network,⁵ we encourage pledges.']);
    expect(numbered(draft)[0]?.footnotes).toEqual([{ marker: '5', text: 'A note.' }]);
  });

  it('in prose, makes a short line a heading only when a paragraph follows it', () => {
    const draft = importText(
      'Declaration title\n\nPart one\n\nPreamble\n\nWe meet today in New York.\n\nWe decide to act\n\nnow and together.\n\nClosing words',
    );
    expect(kinds(draft)).toEqual([
      'p:Part one',
      'h:Preamble',
      'p:We meet today in New York.',
      'p:We decide to act now and together.',
      'p:Closing words',
    ]);
  });

  it('treats "5 bis.", "5bis.", "12 ter." and a number alone on its line as numbered paragraphs', () => {
    const draft = importText('T\n\n5 bis. One.\n\n5bis. Two.\n\n12 TER. Three.\n\n7.\nFour.\n\n8.');
    expect(kinds(draft)).toEqual(['p:One.', 'p:Two.', 'p:Three.', 'p:Four.', 'p:']);
  });

  it('does not take "2030 Agenda" or "5.5 per cent" at the start of a line for a paragraph number', () => {
    const draft = importText('T\n\n1. We commit to the\n2030 Agenda.\n\n5.5 per cent is the average cost.');
    expect(kinds(draft)).toEqual(['p:We commit to the 2030 Agenda.', 'p:5.5 per cent is the average cost.']);
  });

  it('takes an annotation standing alone as the source, and leaves an empty *[]* in the text', () => {
    const draft = importText('T\n\n1. *[Placeholder for a paragraph on financing]*\n\n2. Text *[]*\n\n3. A *[x]* b *[y]*');
    expect(numbered(draft).map((p) => [text(p), p.source])).toEqual([
      ['', 'Placeholder for a paragraph on financing'],
      ['Text []', ''],
      ['A [x] b', 'y'],
    ]);
  });

  it('attaches a footnote whose marker appears nowhere to the paragraph printed before it', () => {
    const draft = importText('T\n\n1. First.\n\n2. Second.\n\n⁷ Orphan note.\n\n3. Third.');
    expect(numbered(draft).map((p) => p.footnotes.map((f) => f.marker))).toEqual([[], ['7'], []]);
  });

  it('matches whole markers: footnote 1 does not go to a paragraph carrying ¹¹ only', () => {
    const draft = importText('T\n\n1. Eleven¹¹ here.\n\n2. One¹ here.\n\n¹ Note one.\n\n¹¹ Note eleven.');
    expect(numbered(draft).map((p) => p.footnotes.map((f) => f.marker))).toEqual([['11'], ['1']]);
  });

  it('gives repeated markers to successive paragraphs carrying them', () => {
    const draft = importText('T\n\n1. A¹.\n\n¹ First page note.\n\n2. B¹.\n\n¹ Second page note.');
    expect(numbered(draft).map((p) => p.footnotes.map((f) => f.text))).toEqual([['First page note.'], ['Second page note.']]);
  });

  it('numbers markdown footnotes with word labels after the numbers already used', () => {
    const draft = importText('# T\n\nText[^a] and[^2] more[^b].\n\n[^a]: A.\n[^2]: Two.\n[^b]: B.');
    expect(text(draft.paragraphs[0])).toBe('Text¹ and² more³.');
    expect(draft.paragraphs[0]?.footnotes).toEqual([
      { marker: '1', text: 'A.' },
      { marker: '2', text: 'Two.' },
      { marker: '3', text: 'B.' },
    ]);
  });

  it('joins an indented continuation line to a markdown footnote or bullet', () => {
    const long = 'x'.repeat(120);
    const draft = importText(`# T\n\n- Item ${long}\n  continued.\n\nText[^1].\n\n[^1]: Note ${long}\n    second line.`);
    expect(kinds(draft)).toEqual([`p:Item ${long} continued.`, 'p:Text¹.']);
    expect(draft.paragraphs[1]?.footnotes[0]?.text).toBe(`Note ${long} second line.`);
  });

  it('reads setext headings and ignores thematic breaks', () => {
    const draft = importText('Title\n=====\n\nSection\n-------\n\nSome text.\n\n---\n\nMore text.');
    expect(draft.titleBlock).toEqual(['Title']);
    expect(kinds(draft)).toEqual(['h:Section', 'p:Some text.', 'p:More text.']);
  });

  it('has no title block when the text starts with a paragraph', () => {
    const draft = importText('1. We decide.\n\n2. We agree.');
    expect(draft.titleBlock).toEqual([]);
    expect(numbered(draft)).toHaveLength(2);
    expect(importText('We, the Ministers, declare as follows.\n\nWe agree.').titleBlock).toEqual([]);
  });

  it('keeps a few stray replacement characters of an otherwise good text, and leaves out stray controls and noncharacters', () => {
    const draft = importText('Title\uFFFE\n\n1. Côte d\uFFFDIvoire and \u0007 others\uD800.');
    expect(draft.titleBlock).toEqual(['Title']);
    expect(text(draft.paragraphs[0])).toBe('Côte d\uFFFDIvoire and  others.');
  });
});

describe('importText refuses input it cannot use', () => {
  it('an empty file', () => expectInvalid('', /^The file is empty\.$/));
  it('a file of blank space only', () => expectInvalid(' \n\r\n\t \uFEFF\n', /only blank lines and spaces/));
  it('a .docx (ZIP) file read as text', () =>
    expectInvalid('PK\u0003\u0004\u0014\u0000\u0006\u0000word/document.xml', /binary file.*\.docx.*save it as plain text \(\.txt\)/));
  it('a PDF file read as text', () => expectInvalid('%PDF-1.7\n%\u00E2\u00E3\n1 0 obj', /PDF file, not plain text.*\.txt/));
  it('an RTF file', () => expectInvalid('{\\rtf1\\ansi Hello}', /rich-text \(\.rtf\).*plain text \(\.txt\)/));
  it('text with a NUL byte', () => expectInvalid('Title\n\n1. Text\u0000 more.', /binary file.*plain text \(\.txt\)/));
  it('text full of control characters', () => {
    const garbage = Array.from({ length: 400 }, (_, i) => String.fromCharCode(i % 32 === 9 || i % 32 === 10 ? 65 : i % 32 || 1)).join('');
    expectInvalid(`Title\n\n1. ${garbage}`, /binary file/);
  });
  it('text full of U+FFFD replacement characters (wrong encoding)', () =>
    expectInvalid(`Title\n\n1. Caf\uFFFD \uFFFDtude \uFFFDl\uFFFDve na\uFFFDve.`, /could not be read.*UTF-8/));
  it('a title with no paragraph after it', () =>
    expectInvalid('Progress Declaration\nZero draft', /No paragraph found after the title block \("Progress Declaration \/ Zero draft"\).*blank line/));
  it('only headings and footnotes', () => expectInvalid('## Section\n\n### Subsection\n\n¹ A note.', /No paragraph found: the text has only headings or footnotes/));
});

describe('importText heading rules', () => {
  it('a markdown # title alone does not switch a numbered text to markdown headings', () => {
    const draft = importText('# Progress Declaration\n\nIntroduction\n\n1. We reaffirm.\n\nRecommendations\n\n2. We commit.');
    expect(draft.titleBlock).toEqual(['Progress Declaration']);
    expect(kinds(draft)).toEqual(['h:Introduction', 'p:We reaffirm.', 'h:Recommendations', 'p:We commit.']);
  });

  it('with ## sections, short plain lines stay paragraphs', () => {
    const draft = importText('# Note\n\n## Background\n\nKey messages\n\nThe meeting will be held in Geneva.');
    expect(kinds(draft)).toEqual(['h:Background', 'p:Key messages', 'p:The meeting will be held in Geneva.']);
  });
});

// The bounds are loose (a loaded CI machine is slow); the quadratic behaviour they guard against takes minutes here.
describe('importText stays linear on hostile input', () => {
  const timed = (source: string): { ms: number; draft: DraftDocument } => {
    const start = performance.now();
    const draft = importText(source);
    return { ms: performance.now() - start, draft };
  };

  it('a paragraph cut into 20,000 continuation blocks', () => {
    const { ms, draft } = timed(`T\n\n1. We decide to\n\n${'and then to act\n\n'.repeat(20_000)}`);
    expect(numbered(draft)).toHaveLength(1);
    expect(ms).toBeLessThan(5000);
  });

  it('long runs of spaces, hashes and footnote brackets inside lines', () => {
    const cases = [
      `T\n\n1. a${' '.repeat(200_000)}b`,
      `T\n\n1. ${'[^'.repeat(50_000)}`,
      `T\n\n# a${' '.repeat(100_000)}x${'#'.repeat(100_000)}y\n\n1. Text.`,
      `T\n\n1. x${' '.repeat(100_000)}*[${' '.repeat(100_000)}`,
      `T\n\n${'*['.repeat(50_000)}]*`,
    ];
    for (const source of cases) expect(timed(source).ms).toBeLessThan(5000);
  });
});

describe('importText source annotations on a line of their own', () => {
  it('gives an annotation standing alone after a paragraph to that paragraph, unless it has one already', () => {
    const draft = importText('T\n\n1. We are concerned.\n\n*[based on SG report, para 13]*\n\n2. We agree. *[GCM 2]*\n\n*[2nd]*');
    expect(numbered(draft).map((p) => [text(p), p.source])).toEqual([
      ['We are concerned.', 'based on SG report, para 13'],
      ['We agree.', 'GCM 2'],
      ['', '2nd'],
    ]);
  });

  it('does not give it to a heading', () => {
    const draft = importText('T\n\nSection\n\n*[note on the section]*\n\n1. Text.');
    expect(draft.paragraphs.map((p) => [p.kind, text(p), p.source])).toEqual([
      ['heading', 'Section', ''],
      ['paragraph', '', 'note on the section'],
      ['paragraph', 'Text.', ''],
    ]);
  });
});

/**
 * The compilation text on real paragraphs of the IMRF zero draft: each proposal in the conventional form,
 * identical proposals from several delegations once with every name, supporters and opponents after it.
 */
import { describe, expect, it } from 'vitest';
import { compilationLines, formatCompilation, formatCompilationLine, type CompilationProposal } from '../../shared/amendments/compilation.ts';
import { proposalWording } from '../../shared/amendments/proposal-wording.ts';
import { paragraphText, replaceIn } from './amendments-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const proposal = (delegation: string, kind: CompilationProposal['kind'], text: string, supporters: string[] = [], opponents: string[] = []): CompilationProposal => ({
  delegation,
  kind,
  text,
  supporters,
  opponents,
});

describe.skipIf(!hasImrfFixture)('compilation on the IMRF zero draft', () => {
  it('words each kind of proposal in the conventional form', () => {
    const p5 = paragraphText('5');
    expect(proposalWording(p5, 'replace-text', replaceIn(p5, 'concerns over migration', 'concerns regarding migration'))).toBe('replace "over" with "regarding"');
    expect(proposalWording(p5, 'replace-text', replaceIn(p5, 'safety, dignity', 'safety, well-being, dignity'))).toBe('insert "well-being," after "safety,"');
    expect(proposalWording(p5, 'replace-text', replaceIn(p5, ', without any kind of discrimination', ''))).toBe('delete "without any kind of discrimination,"');
    expect(proposalWording(p5, 'replace-text', `Recalling that, ${p5}`)).toBe('insert "Recalling that," at the beginning');
    expect(proposalWording(p5, 'replace-text', p5)).toBe('no change to the text');
    expect(proposalWording(p5, 'delete-paragraph', '')).toBe('delete');
    expect(proposalWording(p5, 'retain', '')).toBe('retain');
    expect(proposalWording(p5, 'insert-paragraph', 'We  commit to\nend child detention.')).toBe('insert after: "We commit to end child detention."');
    expect(proposalWording(p5, 'comment', 'Reservation pending consultations.')).toBe('comment: "Reservation pending consultations."');
  });

  it('quotes enough words before an ambiguous one to name its place, and lists several changes', () => {
    const p22 = paragraphText('22');
    // "migrant workers" occurs twice ("for migrant workers", "of migrant workers"), "of" many times.
    let text = replaceIn(p22, 'skills of migrant workers', 'skills of all migrant workers');
    text = replaceIn(text, 'decent work', 'decent work and social protection');
    expect(proposalWording(p22, 'replace-text', text)).toBe('insert "and social protection" after "decent work"; insert "all" after "skills of"');
    const twice = replaceIn(p22, 'migrant workers and returning', 'migrants and returning');
    expect(proposalWording(p22, 'replace-text', twice)).toBe('replace "migrant workers" after "of" with "migrants"');
    let many = replaceIn(p22, 'many Member States', 'Member States');
    for (const [from, to] of [['fair and ethical', 'ethical'], ['digital technologies', 'digital tools'], ['consular services', 'consular and labour services']]) many = replaceIn(many, from as string, to as string);
    expect(proposalWording(p22, 'replace-text', many)).toBe(`replace the paragraph with "${many}"`);
  });

  it('joins identical proposals once with every name, and writes supporters and opponents after them', () => {
    const p5 = paragraphText('5');
    const regarding = replaceIn(p5, 'concerns over migration', 'concerns regarding migration');
    const lines = compilationLines(p5, [
      proposal('EU', 'replace-text', regarding, ['NOR', 'CHE'], ['G77']),
      proposal('G77', 'delete-paragraph', ''),
      proposal('NOR', 'replace-text', regarding.replace('regarding migration', 'regarding  migration'), ['EU', 'AUS']),
      proposal('KEN', 'insert-paragraph', 'We commit to end child detention.', [], ['USA']),
      proposal('USA', 'retain', ''),
      proposal('CHE', 'retain', '', ['MEX']),
    ]);
    expect(lines.map(formatCompilationLine)).toEqual([
      'EU, NOR: replace "over" with "regarding" (supported by CHE, AUS; opposed by G77)',
      'G77: delete',
      'KEN: insert after: "We commit to end child detention." (opposed by USA)',
      'USA, CHE: retain (supported by MEX)',
    ]);
  });

  it('writes a whole compilation paragraph by paragraph: number, text, then its proposals', () => {
    const p13 = paragraphText('13');
    const p17 = paragraphText('17');
    const text = formatCompilation([
      { number: null, text: 'Progress', proposals: [] },
      { number: '13', text: p13, proposals: [proposal('EU', 'replace-text', replaceIn(p13, 'We welcome', 'We take note of'), ['KEN']), proposal('G77', 'retain', '')] },
      { number: '17', text: p17, display: `[${p17}]`, proposals: [] },
    ]);
    expect(text).toBe(
      [
        'Progress',
        '',
        `13. ${p13}`,
        'EU: replace "welcome" with "take note of" (supported by KEN)',
        'G77: retain',
        '',
        `17. [${p17}]`,
        '',
      ].join('\n'),
    );
    expect(formatCompilation([])).toBe('');
  });
});

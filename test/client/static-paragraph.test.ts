/**
 * Static paragraph text: the markup the editor would produce, rendered without an editor.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { fromSuperscript, splitSuperscriptMarkers, toSuperscript } from '../../shared/superscript.ts';
import { StaticParagraphText } from '../../client/editor/static-paragraph.tsx';

describe('footnote markers', () => {
  it('splits superscript digit runs out of text, keeping the text whole', () => {
    const pieces = splitSuperscriptMarkers('Round table 1¹ and 12¹² end');
    expect(pieces).toEqual([
      { text: 'Round table 1', marker: null },
      { text: '¹', marker: '1' },
      { text: ' and 12', marker: null },
      { text: '¹²', marker: '12' },
      { text: ' end', marker: null },
    ]);
    expect(fromSuperscript('¹⁰')).toBe('10');
    expect(toSuperscript('10')).toBe('¹⁰');
  });
});

describe('StaticParagraphText', () => {
  it('nests marks in schema order, links footnotes and ends with the source tag as ProseMirror does', () => {
    const html = renderToStaticMarkup(
      createElement(StaticParagraphText, {
        runs: [
          { text: 'We ' },
          { text: 'recall', marks: ['italic'] },
          { text: ' both', marks: ['bold', 'italic'] },
          { text: ' texts¹.' },
        ],
        source: 'GCM para 49',
      }),
    );
    // React's server renderer spells the attribute contentEditable; HTML attribute names are case-insensitive.
    expect(html).toBe(
      '<div translate="no" class="tiptap ProseMirror"><p>We <em>recall<strong> both</strong></em> texts' +
        '<a href="#fn-1" data-footnote="1" class="fn-ref">¹</a>.' +
        '<span class="source-tag ProseMirror-widget" contentEditable="false">[GCM para 49]</span>' +
        '<img class="ProseMirror-separator" alt=""/><br class="ProseMirror-trailingBreak"/></p></div>',
    );
  });

  it('an empty paragraph holds ProseMirror’s trailing break', () => {
    expect(renderToStaticMarkup(createElement(StaticParagraphText, { runs: [], source: '' }))).toBe(
      '<div translate="no" class="tiptap ProseMirror"><p><br class="ProseMirror-trailingBreak"/></p></div>',
    );
  });
});

/**
 * The source annotation's tag after a paragraph's text ("[based on SG report, para 98]"), shared by the
 * editor's widget and static text. No editor code here: static paragraphs render before TipTap loads.
 */

/** The class of the source annotation tag, in the editor and in static text. */
export const sourceTagClass = 'source-tag';

/** The text of the source tag for an annotation ("GCM para 49" → "[GCM para 49]"). */
export function sourceTagText(source: string): string {
  return `[${source}]`;
}

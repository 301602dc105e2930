/**
 * A source annotation closes a paragraph: `... text. *[based on SG report, para 98]*`. One in the middle of a
 * paragraph (`stakeholders *[GCM para 49]*, have adopted`) is part of the text.
 */

// The last `*[` ... `]*` that ends the text, with some text before it.
const trailingAnnotation = /^([^]*\S)\s*\*\[([^]*)\]\*$/;

/** Splits a trailing `*[...]*` off paragraph text: the text before it and the annotation without `*[` `]*`. */
export function splitSource(text: string): { text: string; source: string } {
  const match = trailingAnnotation.exec(text);
  if (!match) return { text, source: '' };
  return { text: match[1] ?? '', source: (match[2] ?? '').trim() };
}

/** True when the text ends with a source annotation (which only ever closes a paragraph). */
export function endsWithSource(text: string): boolean {
  return splitSource(text.trimEnd()).source !== '';
}

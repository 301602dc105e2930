/**
 * A source annotation closes a paragraph: `... text. *[based on SG report, para 98]*`. One in the middle of a
 * paragraph (`stakeholders *[GCM para 49]*, have adopted`) is part of the text.
 */

// The last `*[` ... `]*` that ends the text (the greedy first group makes it the last one).
const trailingAnnotation = /^([^]*)\*\[([^]*)\]\*$/;

/** Splits a trailing `*[...]*` off paragraph text: the text before it (maybe empty) and the annotation inside. */
export function splitSource(text: string): { text: string; source: string } {
  const match = text.endsWith(']*') ? trailingAnnotation.exec(text) : null;
  const source = (match?.[2] ?? '').trim();
  // An empty `*[]*` is not an annotation: leave it in the text rather than lose it.
  return match && source !== '' ? { text: (match[1] ?? '').trimEnd(), source } : { text, source: '' };
}

/** True when the text ends with a source annotation (which only ever closes a paragraph). */
export function endsWithSource(text: string): boolean {
  return splitSource(text.trimEnd()).source !== '';
}

/**
 * Says aloud, through a visually hidden live region, what a sighted person sees change in the text while
 * they read: a paragraph marked agreed, agreed ad ref or pending again. Polite: it waits for the screen
 * reader to finish; several changes at once are one sentence.
 */
import { useEffect, useState } from 'react';
import type { ParagraphStatus } from '../../../shared/model/paragraph.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { statusText } from '../status-label.tsx';

const namedAtMost = 3;

/** The live region for one live copy. */
export function StatusAnnouncer({ live }: { live: LiveNegotiation }) {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let previous = statusesOf(live);
    return live.store.subscribeStructure(() => {
      const next = statusesOf(live);
      const changes: string[] = [];
      for (const [id, { number, status }] of next) {
        const before = previous.get(id);
        if (before && before.status !== status) changes.push(`Paragraph ${number} is now ${statusText(status)}.`);
      }
      previous = next;
      if (changes.length === 0) return;
      const more = changes.length - namedAtMost;
      setMessage([...changes.slice(0, namedAtMost), ...(more > 0 ? [`${more} more paragraphs changed status.`] : [])].join(' '));
    });
  }, [live]);
  return (
    <div className="visually-hidden" role="status" data-testid="status-announcer">
      {message}
    </div>
  );
}

function statusesOf(live: LiveNegotiation): Map<string, { number: string; status: ParagraphStatus }> {
  const result = new Map<string, { number: string; status: ParagraphStatus }>();
  for (const slot of live.store.getStructure().slots) {
    const status = slot.number === null ? undefined : live.store.getParagraph(slot.id)?.status;
    if (slot.number !== null && status !== undefined) result.set(slot.id, { number: slot.number, status });
  }
  return result;
}

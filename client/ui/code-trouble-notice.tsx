/**
 * The notice shown while the editors' code cannot be loaded (client/editor/chunk-loader.ts): Draftroom was
 * updated while the page was open, or loading keeps failing. Until then the paragraphs stay as static text
 * that takes no typing, so the person is told why, with a Reload button; the notice goes by itself when the
 * code arrives after all. The room (room.tsx) shows it among its notices.
 */
import { useSyncExternalStore } from 'react';
import { getCodeTrouble, subscribeCodeTrouble, type CodeTrouble } from '../editor/chunk-loader.ts';
import { NoticeBanner } from './notice-banner.tsx';

const words: Readonly<Record<CodeTrouble, string>> = {
  updated: 'Draftroom was updated while this page was open: reload the page to keep editing.',
  failing: 'The editing tools could not be loaded, so the text cannot be edited for now. Trying again; reload the page if this lasts.',
};

/** The notice for the current trouble, or nothing when the editors' code is fine. */
export function CodeTroubleNotice() {
  const trouble = useSyncExternalStore(subscribeCodeTrouble, getCodeTrouble);
  if (trouble === null) return null;
  return (
    <NoticeBanner tone="warning" action={{ label: 'Reload', onClick: () => location.reload() }}>
      {words[trouble]}
    </NoticeBanner>
  );
}

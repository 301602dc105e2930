/**
 * What the person is told after a local copy was set aside (a refused change, or a server that kept
 * failing on one): why, then one sentence per piece of unsaved work, kept or not and why. The notice is
 * one string, its lines separated by "\n" (client/ui/notice-banner.tsx shows the lines as a list).
 */
import { CloseCode, describeClose } from '../../shared/protocol/close-codes.ts';

/** Why a copy was set aside: the server's close code and reason, and how many times in a row it happened. */
export interface SetAsideCause {
  code: number;
  reason: string;
  /** 1 for a refusal; the number of failures in a row when the page gave up resending. */
  times: number;
}

/** The reason given to work the server refused (or failed on) a second time, for "… was not kept: <reason>." */
export function serverWords(cause: SetAsideCause): string {
  const reason = cause.reason.trim().replace(/[.…]+$/, '');
  switch (cause.code) {
    case CloseCode.forbidden:
      return `the server refused it again${reason ? ` (${reason})` : ''}`;
    case CloseCode.tooLarge:
      return 'it was too large for the server';
    case CloseCode.malformed:
      return 'the server could not read it';
    default:
      return 'the server failed each time it received it';
  }
}

/** The notice for the person: the cause, then `lines`, what became of each piece of their unsaved work. */
export function mergeNotice(cause: SetAsideCause, lines: string[], keptSome: boolean): string {
  return [leadSentence(cause, lines.length > 0, keptSome), ...lines].join('\n');
}

/** The notice shown while the true text loads, before the merge is done. */
export function setAsideNotice(cause: SetAsideCause): string {
  return leadSentence(cause, false, false);
}

function leadSentence(cause: SetAsideCause, hasWork: boolean, keptSome: boolean): string {
  const reason = cause.reason.trim().replace(/[.…]+$/, '');
  const because = reason ? ` (${reason})` : '';
  if (cause.times > 1) {
    if (!hasWork) {
      return `The server closed the connection ${cause.times} times in a row right after this page connected (close code ${cause.code}). The page is loading a fresh copy of the text.`;
    }
    const then = keptSome ? ' and loaded the true text; what is still allowed was sent again:' : ' and loaded the true text:';
    return `Your last change could not be saved: the server failed on it ${cause.times} times in a row (close code ${cause.code}). The page stopped resending it${then}`;
  }
  if (!hasWork) return describeClose(cause.code, cause.reason);
  const what =
    cause.code === CloseCode.tooLarge
      ? `A change from this page was too large for the server${because}.`
      : cause.code === CloseCode.malformed
        ? `The server could not read a message from this page${because}.`
        : `The server refused a change from this page${because}.`;
  return `${what} The page loaded the true text${keptSome ? ' and sent again what is still allowed' : ''}:`;
}

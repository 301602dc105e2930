/**
 * Which proposal editors are open: opening one asks it for the caret; at most maxOpenProposalEditors stay
 * open, the least recently used without the caret closing first; a focused editor counts as used.
 */
import { describe, expect, it } from 'vitest';
import {
  closeProposalEditor, isProposalOpen, maxOpenProposalEditors, setFocusedProposal, subscribeProposalOpen, takeProposalCaret, wantProposalCaret,
} from '../../client/editor/proposal-focus.ts';

const open = (ids: readonly string[]) => ids.filter(isProposalOpen);

describe('proposal editors open on a page', () => {
  it('opens a proposal with its caret wanted at a place, taken once', () => {
    wantProposalCaret('a', 12);
    expect(isProposalOpen('a')).toBe(true);
    expect(takeProposalCaret('b')).toBeNull();
    expect(takeProposalCaret('a')).toBe(12);
    expect(takeProposalCaret('a')).toBeNull();
    closeProposalEditor('a');
    expect(isProposalOpen('a')).toBe(false);
  });

  it('keeps at most a few open, closing the least recently used that has no caret, and tells each card', () => {
    expect(maxOpenProposalEditors).toBe(3);
    const heard: string[] = [];
    const ids = ['p1', 'p2', 'p3', 'p4', 'p5'];
    const stops = ids.map((id) => subscribeProposalOpen(id, () => heard.push(`${id}:${isProposalOpen(id)}`)));
    wantProposalCaret('p1');
    setFocusedProposal({ proposalId: 'p1', paragraphId: 'x' });
    wantProposalCaret('p2');
    wantProposalCaret('p3');
    expect(open(ids)).toEqual(['p1', 'p2', 'p3']);
    // p1 holds the caret: p2 is the least recent without it.
    wantProposalCaret('p4');
    expect(open(ids)).toEqual(['p1', 'p3', 'p4']);
    // Blurred, p1 is the least recently used.
    setFocusedProposal(null, 'p1');
    wantProposalCaret('p5');
    expect(open(ids)).toEqual(['p3', 'p4', 'p5']);
    expect(heard).toEqual(['p1:true', 'p2:true', 'p3:true', 'p4:true', 'p2:false', 'p5:true', 'p1:false']);
    for (const id of ids) closeProposalEditor(id);
    expect(open(ids)).toEqual([]);
    stops.forEach((stop) => stop());
  });
});

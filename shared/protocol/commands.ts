/**
 * Commands: every decision a person takes in a negotiation, as data. The page posts one to
 * `POST /api/negotiations/:id/commands`; the server judges it with `decide` (shared/commands/decide.ts) and
 * answers a CommandAnswer, or 403 / 409 / 400 with the reason. The schema below is the only definition of
 * what a well-formed command is; the server parses every body with it before anything else looks at it.
 */
import { z } from 'zod';
import { Stance } from '../model/bracket.ts';
import { ParagraphKind, ParagraphStatus } from '../model/paragraph.ts';
import { ProposalKind, Reaction } from '../model/proposal.ts';
import { unfitCharacter } from '../model/word-characters.ts';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of 1 to 64 letters, digits, dashes or underscores');
const yjsId = z.strictObject({ client: z.number().int().min(0).max(2 ** 53 - 1), clock: z.number().int().min(0).max(2 ** 53 - 1) });
/** A Yjs relative position as JSON (Y.relativePositionToJSON, which leaves out null keys), within the paragraph's text. */
const position = z.strictObject({
  type: yjsId.nullable().default(null),
  tname: z.string().max(64).nullable().default(null),
  item: yjsId.nullable().default(null),
  assoc: z.number().int().min(-1).max(0).default(0),
});
const delegation = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,15}$/, 'a delegation code such as "KEN" or "G77"');
const holder = z.strictObject({ delegation, stance: z.enum(Object.values(Stance) as [Stance, ...Stance[]]) });
const holders = z.array(holder).min(1, 'a bracket is held by at least one delegation').max(200);
const status = z.enum(Object.values(ParagraphStatus) as [ParagraphStatus, ...ParagraphStatus[]]);
/**
 * Text a command writes (a title, a source, a footnote, a note, words): no character words may not hold
 * (word-characters.ts). Line breaks are left to `decide`, which says where each field wants one line.
 */
const writtenText = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((text, context) => {
      const found = unfitCharacter(text.replace(/[\r\n]/g, ' '));
      if (found) context.addIssue({ code: 'custom', message: `it holds ${found.code}, a character text may not hold` });
    });
const kind = z.enum(Object.values(ParagraphKind) as [ParagraphKind, ...ParagraphKind[]]);
const proposalKind = z.enum(Object.values(ProposalKind) as [ProposalKind, ...ProposalKind[]]);
const reaction = z.enum(Object.values(Reaction) as [Reaction, ...Reaction[]]);
/** How a facilitator settles one clash of a three-way merge: keep the current words, take the proposal's, or write others. */
const clashChoice = z.union([z.literal('current'), z.literal('proposal'), z.strictObject({ text: writtenText(20_000) })]);

/** Every command's schema, keyed by its type. */
export const commandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set-status'), paragraphId: id, status, note: writtenText(500).optional() }),
  z.strictObject({ type: z.literal('set-floor'), paragraphId: id.nullable() }),
  z.strictObject({ type: z.literal('insert-paragraph'), afterId: id.nullable(), kind, text: writtenText(20_000).optional() }),
  z.strictObject({ type: z.literal('delete-paragraph'), paragraphId: id }),
  z.strictObject({ type: z.literal('restore-paragraph'), paragraphId: id }),
  z.strictObject({ type: z.literal('move-paragraph'), paragraphId: id, afterId: id.nullable() }),
  z.strictObject({ type: z.literal('split-paragraph'), paragraphId: id, at: position }),
  z.strictObject({ type: z.literal('merge-paragraph'), paragraphId: id }),
  z.strictObject({ type: z.literal('add-bracket'), paragraphId: id, start: position, end: position, holders, alternativeTo: id.optional() }),
  z.strictObject({ type: z.literal('set-bracket-holders'), bracketId: id, holders }),
  z.strictObject({ type: z.literal('group-alternatives'), bracketIds: z.array(id).min(2).max(20) }),
  z.strictObject({ type: z.literal('ungroup-bracket'), bracketId: id }),
  z.strictObject({ type: z.literal('lift-bracket'), bracketId: id }),
  z.strictObject({ type: z.literal('delete-bracket'), bracketId: id }),
  z.strictObject({ type: z.literal('choose-alternative'), bracketId: id }),
  z.strictObject({ type: z.literal('set-title-block'), title: writtenText(2_000).pipe(z.string().trim().min(1)), lines: z.array(writtenText(2_000)).max(200) }),
  z.strictObject({ type: z.literal('set-source'), paragraphId: id, source: writtenText(10_000) }),
  z.strictObject({ type: z.literal('set-footnote'), paragraphId: id, marker: z.string().min(1).max(16), text: writtenText(20_000).pipe(z.string().trim().min(1)) }),
  // A delegation proposes as itself; a facilitator on behalf of the delegation named.
  z.strictObject({
    type: z.literal('propose'), paragraphId: id.nullable(), afterParagraphId: id.nullable().optional(), kind: proposalKind,
    text: z.string().max(20_000).optional(), rationale: z.string().max(2_000).optional(), delegation: delegation.optional(),
  }),
  z.strictObject({ type: z.literal('react-to-proposal'), proposalId: id, reaction: reaction.nullable(), delegation: delegation.optional() }),
  z.strictObject({ type: z.literal('withdraw-proposal'), proposalId: id }),
  z.strictObject({ type: z.literal('accept-proposal'), proposalId: id, resolutions: z.array(clashChoice).max(500).optional() }),
  z.strictObject({ type: z.literal('accept-into-brackets'), proposalId: id }),
  z.strictObject({ type: z.literal('reject-proposal'), proposalId: id }),
  z.strictObject({ type: z.literal('undo-decision'), proposalId: id }),
]);

/** A command, as the page sends it. */
export type Command = z.infer<typeof commandSchema>;

/** One of the command types. */
export type CommandType = Command['type'];

/** The command of one type. */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** What the server answers to an accepted command: ids it created (a new paragraph, a bracket) and the activity entry. */
export interface CommandAnswer {
  ok: true;
  result: Record<string, string>;
}

/**
 * A first reading under way in the demo negotiation, so a new user sees the negotiation itself at once:
 * proposals with supporters and opponents, a bracket with its holders, an agreed paragraph, one agreed ad
 * ref, and a paragraph on the floor. Every step is a command, decided and recorded as a person's would be.
 */
import type * as Y from 'yjs';
import type { CommandActor } from '../../shared/commands/decision.ts';
import { anchorRange, paragraphCharacters } from '../../shared/model/bracket.ts';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import type { Command } from '../../shared/protocol/commands.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { AppContext } from '../app-context.ts';
import { displayName } from '../auth/identity.ts';
import { demoDelegations } from './demo-draft.ts';

/** The label of the demo's facilitator link: its first reading is recorded under the name that link shows. */
export const demoChairLabel = 'Co-facilitator';

const chair: CommandActor = { role: Role.facilitator, delegation: null, name: displayName(Role.facilitator, null, demoChairLabel) };

/** Plays the demo's first reading into negotiation `id` (fresh from the demo draft). */
export async function playDemoReading(app: AppContext, id: string): Promise<void> {
  const doc = await app.registry.withRoom(id, (room) => room.doc);
  const numbered = new Map(readNegotiation(doc).paragraphs.map((p) => [p.number, p.id]));
  const paragraph = (n: number): string => numbered.get(String(n)) as string;
  const as = (delegation: string): CommandActor => ({ role: Role.delegation, delegation, name: demoDelegations.find((d) => d.code === delegation)?.name ?? delegation });
  const run = async (actor: CommandActor, command: Command): Promise<Record<string, string>> => (await app.negotiations.command(id, actor, command)).result;
  const textOf = (n: number): string => paragraphCharacters(doc, paragraph(n))?.toString() ?? '';

  await run(chair, { type: 'set-status', paragraphId: paragraph(1), status: 'agreed' });
  await run(chair, { type: 'set-status', paragraphId: paragraph(2), status: 'agreed-ad-ref', note: 'pending confirmation from capitals' });

  const seven = textOf(7);
  const eu = await run(as('EU'), {
    type: 'propose', paragraphId: paragraph(7), kind: 'replace-text',
    text: seven.replace('mobilizing finance from all sources', 'mobilizing adequate and predictable finance from all sources'),
    rationale: 'Finance must be adequate and predictable to make a difference.',
  });
  await run(as('AOSIS'), { type: 'react-to-proposal', proposalId: eu.proposalId as string, reaction: 'support' });
  await run(as('NOR'), { type: 'react-to-proposal', proposalId: eu.proposalId as string, reaction: 'support' });
  await run(as('USA'), { type: 'react-to-proposal', proposalId: eu.proposalId as string, reaction: 'oppose' });
  const g77 = await run(as('G77'), {
    type: 'propose', paragraphId: paragraph(7), kind: 'replace-text',
    text: seven.replace('from all sources', 'from developed countries'),
    rationale: 'Responsibility for finance lies with developed countries.',
  });
  await run(as('KEN'), { type: 'react-to-proposal', proposalId: g77.proposalId as string, reaction: 'support' });
  await run(as('USA'), { type: 'propose', paragraphId: paragraph(9), kind: 'retain' });
  await run(as('KEN'), { type: 'propose', paragraphId: paragraph(5), kind: 'comment', text: 'Kenya will propose language on blue-economy jobs for young people.' });

  const eight = paragraph(8);
  const words = 'so that every person is protected by 2027';
  const from = textOf(8).indexOf(words);
  const text = paragraphCharacters(doc, eight) as Y.XmlText;
  await run(chair, {
    type: 'add-bracket', paragraphId: eight, ...anchorRange(text, from, from + words.length),
    holders: [{ delegation: 'USA', stance: 'delete' }, { delegation: 'AOSIS', stance: 'retain' }],
  });
  await run(chair, { type: 'set-floor', paragraphId: paragraph(7) });
}

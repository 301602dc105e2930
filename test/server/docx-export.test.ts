/**
 * The .docx export through a real server, read back by mammoth (a Word reader of its own): the title block,
 * headings, numbered paragraphs with their italics and bold, brackets in the conventional form (holders when
 * asked), source annotations and footnotes as Word footnotes; who may download it, and what a bad ask gets.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { exportDocx } from '../../server/export/docx-export.ts';
import { anchorRange, paragraphCharacters } from '../../shared/model/bracket.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { NegotiationResponse } from '../../shared/protocol/api.ts';
import { addDelegation, getJson, importDraft, invite, sendCommand } from '../helpers/api.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { negotiationSnapshot, paragraphSnapshot } from '../helpers/paragraph-snapshot.ts';
import { connectClient, eventually } from '../helpers/yjs-client.ts';

let server: TestServer;
// Rooms unload (and fold their log) as soon as nobody uses them, as an idle room does after ten seconds.
const cleanups = serverPerFile(
  (started) => {
    server = started;
  },
  { env: { DRAFTROOM_IDLE_UNLOAD_MS: '0' } },
);

const draft = `Declaration on Ocean Cooperation
Zero draft
3 February 2027

1. We, the representatives of States, meet to agree on **regional** cooperation. *[based on test report, para 1]*

Commitments

2. We commit to sharing data on a *voluntary* basis.¹

3. We will strengthen capacity building in developing countries.

¹ As defined in the *test* guidelines.
`;

async function download(id: string, token: string, query = ''): Promise<Response> {
  return fetch(`${server.url}/api/negotiations/${id}/export?format=docx${query}`, { headers: { authorization: `Bearer ${token}` } });
}

async function html(response: Response): Promise<string> {
  const buffer = Buffer.from(await response.arrayBuffer());
  return (await mammoth.convertToHtml({ buffer })).value;
}

describe('the .docx export', () => {
  it('writes the text as a circulated draft: title block, numbers, marks, brackets, sources and footnotes', async () => {
    const created = await importDraft(server, draft);
    const facilitatorToken = new URL(created.url).searchParams.get('token') as string;
    for (const [code, name] of [['EU', 'European Union'], ['G77', 'Group of 77 and China']] as const) await addDelegation(server, created.id, code, name);
    const read = await getJson<NegotiationResponse>(server, `/api/negotiations/${created.id}`);
    const id3 = read.body.paragraphs.find((p) => p.number === '3')?.id as string;
    // "capacity building" and "in developing countries" bracketed as two alternatives, by command.
    const client = connectClient(server, created.id, facilitatorToken);
    cleanups.push(() => client.destroy());
    await client.synced;
    const bracket = async (words: string, holders: { delegation: string; stance: string }[], alternativeTo?: string) => {
      const text = paragraphCharacters(client.doc, id3);
      const from = text?.toString().indexOf(words) ?? -1;
      expect(from).toBeGreaterThanOrEqual(0);
      const answer = await sendCommand(server, created.id, facilitatorToken, { type: 'add-bracket', paragraphId: id3, ...anchorRange(text!, from, from + words.length), holders, ...(alternativeTo ? { alternativeTo } : {}) });
      expect(answer.status, answer.body.error).toBe(200);
      return answer.body.result?.bracketId as string;
    };
    const first = await bracket('capacity building', [{ delegation: 'EU', stance: 'propose' }]);
    await bracket('in developing countries', [{ delegation: 'G77', stance: 'delete' }], first);

    const observer = await invite(server, created.id, { role: Role.observer });
    const response = await download(created.id, observer.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${created.id}.docx"`);
    const page = await html(response);
    const paragraphs = [...page.matchAll(/<p>(.*?)<\/p>/g)].map((match) => match[1]);
    expect(paragraphs.slice(0, 3)).toEqual(['<strong>Declaration on Ocean Cooperation</strong>', 'Zero draft', '3 February 2027']);
    expect(paragraphs).toContain('1.\tWe, the representatives of States, meet to agree on <strong>regional</strong> cooperation.<em> [based on test report, para 1]</em>');
    expect(paragraphs).toContain('<strong>Commitments</strong>');
    expect(page).toContain('2.\tWe commit to sharing data on a <em>voluntary</em> basis.<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>');
    expect(paragraphs).toContain('3.\tWe will strengthen [Alt 1: capacity building] [Alt 2: in developing countries].');
    expect(page).toMatch(/<li id="footnote-1"><p>As defined in the <em>test<\/em> guidelines\. <a href="#footnote-ref-1">↑<\/a><\/p><\/li>/);

    // With holders=1 each bracket says who holds it.
    const withHolders = await html(await download(created.id, observer.token, '&holders=1'));
    expect(withHolders).toContain('3.\tWe will strengthen [Alt 1: capacity building - EU] [Alt 2: in developing countries - G77 delete].');

    // Asked again at once after an edit, it has the edit: a build is shared while the text is unchanged, never after.
    const reader = connectClient(server, created.id, observer.token);
    cleanups.push(() => reader.destroy());
    await reader.synced;
    const words = paragraphCharacters(client.doc, id3);
    words?.insert(words.length, ' Swiftly');
    // Relayed only once stored: when the observer has it, the server has it.
    await eventually(() => paragraphCharacters(reader.doc, id3)?.toString().endsWith(' Swiftly') === true, 5000, 'the edit relayed');
    const edited = await html(await download(created.id, observer.token));
    expect(edited).toContain('in developing countries]. Swiftly</p>');
  });

  it('after the room unloads and its log is folded, an edit is still in the next .docx', async () => {
    const created = await importDraft(server, draft);
    const read = await getJson<NegotiationResponse>(server, `/api/negotiations/${created.id}`);
    const id1 = read.body.paragraphs.find((p) => p.number === '1')?.id as string;
    expect(await html(await download(created.id, server.adminToken))).toContain('[based on test report, para 1]');
    const answer = await sendCommand(server, created.id, server.adminToken, { type: 'set-source', paragraphId: id1, source: 'NEW SOURCE' });
    expect(answer.status, answer.body.error).toBe(200);
    const page = await html(await download(created.id, server.adminToken));
    expect(page).toContain('[NEW SOURCE]');
    expect(page).not.toContain('[based on test report, para 1]');
  });

  it('is for the negotiation’s readers only, and a bad ask changes nothing', async () => {
    const created = await importDraft(server, draft);
    const other = await importDraft(server, draft);
    const outsider = await invite(server, other.id, { role: Role.observer });
    expect((await fetch(`${server.url}/api/negotiations/${created.id}/export?format=docx`)).status).toBe(401);
    // An invitation to another negotiation opens nothing here.
    expect((await download(created.id, outsider.token)).status).toBe(401);
    const odd = await download(created.id, server.adminToken, '&all=1');
    expect(odd.status).toBe(400);
    expect(((await odd.json()) as { error: string }).error).toMatch(/"all" goes with format=compilation only/);
    expect((await download('nope', server.adminToken)).status).toBe(404);
  });
});

describe('writing long texts', () => {
  it('happens beside the event loop: others are answered while a long text is written; past eight waiting the server says it is busy', async () => {
    // About 1.5 MB of text: seconds of writing.
    const long = ['Long Declaration', '', ...Array.from({ length: 3000 }, (_, i) => `${i + 1}. We note paragraph ${i + 1}, whose words run on ${'and on '.repeat(60)}to the end.\n`)].join('\n');
    const created = await importDraft(server, long);
    const order: string[] = [];
    const writing = download(created.id, server.adminToken).then(async (response) => {
      order.push(`docx ${response.status}`);
      return response.arrayBuffer();
    });
    // Once the request is in (the server has read the text and handed it to the writer), ask for something else.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const health = await fetch(`${server.url}/api/health`);
    order.push(`health ${health.status}`);
    expect((await writing).byteLength).toBeGreaterThan(10_000);
    expect(order).toEqual(['health 200', 'docx 200']);

    // Twelve negotiations asked at once: one written and eight waiting at most; the others are told to come back.
    const small = await Promise.all(Array.from({ length: 12 }, () => importDraft(server, long.slice(0, 200_000))));
    const answers = await Promise.all(small.map(async (negotiation) => {
      const response = await download(negotiation.id, server.adminToken);
      return { status: response.status, error: response.status === 200 ? null : ((await response.json()) as { error: string }).error };
    }));
    const busy = answers.filter((answer) => answer.status === 429);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.length + answers.filter((answer) => answer.status === 200).length).toBe(12);
    expect(busy[0]?.error).toBe('The server is writing other Word documents; try again in a minute.');
    // Busy is not remembered: asked again once the others are written, each is.
    for (const [i, answer] of answers.entries()) {
      if (answer.status === 429) expect((await download((small[i] as { id: string }).id, server.adminToken)).status).toBe(200);
    }
  }, 120_000);
});

/** The XML parts of a .docx, by path. */
/** The XML parts of a .docx, by path. */
async function parts(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = Object.keys(zip.files).filter((name) => name.endsWith('.xml'));
  return Object.fromEntries(await Promise.all(xml.map(async (name) => [name, await (zip.file(name) as JSZip.JSZipObject).async('string')] as const)));
}

describe('the .docx writer', () => {
  it('writes one footnote for a marker used twice, the second time as its number raised', async () => {
    const snapshot = negotiationSnapshot('T', [], [paragraphSnapshot({ number: '1', runs: [{ text: 'Data¹ and more data¹ again.' }], footnotes: [{ marker: '1', text: 'As defined.' }] })]);
    const xml = await parts(await exportDocx(snapshot));
    expect(xml['word/footnotes.xml']?.match(/As defined\./g)).toHaveLength(1);
    expect(xml['word/document.xml']?.match(/<w:footnoteReference /g)).toHaveLength(1);
    expect(xml['word/document.xml']).toMatch(/<w:vertAlign w:val="superscript"\/><\/w:rPr><w:t xml:space="preserve">1<\/w:t>/);
  });

  it('leaves out what XML cannot hold (U+FFFE, U+FFFF, a lone surrogate, C0 controls), keeping the words around it', async () => {
    const odd = 'a\uFFFEb\uFFFFc\uD800d\u0001e';
    const snapshot = negotiationSnapshot(`Title ${odd}`, [`Line ${odd}`], [
      paragraphSnapshot({ number: '1', runs: [{ text: `Text ${odd}¹` }], source: `Source ${odd}`, footnotes: [{ marker: '1', text: `Note ${odd}` }] }),
    ]);
    const xml = await parts(await exportDocx(snapshot));
    for (const [name, text] of Object.entries(xml)) expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u.test(text), name).toBe(false);
    for (const words of ['Title abcde', 'Line abcde', 'Text abcde', 'Source abcde', 'Note abcde']) expect(Object.values(xml).join('\n')).toContain(words);
  });
});

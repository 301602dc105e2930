/**
 * Negotiations as the API sees them: created on the server from an imported text (never seeded by a
 * client), read as plain data, exported.
 */
import * as Y from 'yjs';
import { exportText } from '../../shared/export-text.ts';
import { DocxBuilder } from '../export/docx-builder.ts';
import { ThrottledBuilds } from '../export/throttled-builds.ts';
import { importText } from '../../shared/import-text.ts';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { populateNegotiation } from '../../shared/model/negotiation-doc.ts';
import { randomId } from '../../shared/model/random-id.ts';
import { ParagraphKind, type NegotiationSnapshot } from '../../shared/model/paragraph.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { ActivityQuery, NegotiationRecord, Storage } from '../storage/storage.ts';
import type { CommandActor } from '../../shared/commands/decision.ts';
import { NotFoundError, RateLimitedError } from '../../shared/errors.ts';
import type { ActivityEntry } from '../../shared/protocol/activity.ts';
import type { Command } from '../../shared/protocol/commands.ts';

/** A newly created negotiation with how many numbered paragraphs and headings it has. */
export interface Created {
  record: NegotiationRecord;
  paragraphs: number;
  headings: number;
}

// A negotiation's .docx is built at most this often, however many ask for it.
const wordBuildIntervalMs = 1000;

/** Creates and reads negotiations. */
export class NegotiationService {
  // "Busy" passes; any other failure would come again from the same text, and is its answer until it changes.
  private readonly wordBuilds = new ThrottledBuilds<NegotiationSnapshot, Buffer>(wordBuildIntervalMs, (error) => !(error instanceof RateLimitedError));
  private readonly docx = new DocxBuilder();

  /** A service over storage and the loaded rooms. */
  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
  ) {}

  /** Imports `text` (throws InvalidInputError for unusable text) and stores it as a new negotiation. */
  async createFromText(text: string): Promise<Created> {
    const draft = importText(text);
    const doc = new Y.Doc();
    populateNegotiation(doc, draft);
    const snapshot = readNegotiation(doc);
    const record: NegotiationRecord = { id: randomId('n'), title: snapshot.title, createdAt: new Date().toISOString() };
    await this.storage.createNegotiation(record, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    const headings = snapshot.paragraphs.filter((p) => p.kind === ParagraphKind.heading).length;
    return { record, paragraphs: snapshot.paragraphs.length - headings, headings };
  }

  /** The negotiation's current text (throws NotFoundError). */
  async read(id: string): Promise<NegotiationSnapshot> {
    return this.registry.withRoom(id, (room) => readNegotiation(room.doc));
  }

  /** The current text in the conventional plain form, brackets included, with their holders when asked (throws NotFoundError). */
  async exportPlainText(id: string, options: { holders?: boolean } = {}): Promise<string> {
    return exportText(await this.read(id), options);
  }

  /**
   * The current text as a Word document (server/export/docx-export.ts), with the brackets' holders when asked
   * (throws NotFoundError, or RateLimitedError when the writer is busy). A build takes from tens of
   * milliseconds to seconds: it is written on a worker thread (server/export/docx-builder.ts), and each
   * negotiation's at most once a second, shared by everyone asking meanwhile (server/export/throttled-builds.ts).
   */
  async exportWord(id: string, options: { holders?: boolean } = {}): Promise<Buffer> {
    const version = () => this.registry.withRoom(id, (room) => room.version);
    const read = () => this.registry.withRoom(id, (room) => ({ version: room.version, source: readNegotiation(room.doc) }));
    return this.wordBuilds.get(`${id}${options.holders ? ' holders' : ''}`, version, read, (snapshot) => this.docx.build(snapshot, options));
  }

  /** Stops what the service runs beside the event loop (the .docx writer). */
  close(): Promise<void> {
    return this.docx.close();
  }

  /** Decides and applies a command in the negotiation's room (throws the refusal as a typed error, or NotFoundError). */
  command(id: string, actor: CommandActor, command: Command): Promise<{ result: Record<string, string>; entry: ActivityEntry | null }> {
    return this.registry.withRoom(id, (room) => room.applyCommand(actor, command));
  }

  /** A page of the negotiation's activity, newest first (throws NotFoundError). */
  async activity(id: string, query: ActivityQuery): Promise<ActivityEntry[]> {
    if (!(await this.storage.getNegotiation(id))) throw new NotFoundError(`No negotiation with id "${id}".`);
    return this.storage.listActivity(id, query);
  }

  /** Every negotiation, newest first. */
  list(): Promise<NegotiationRecord[]> {
    return this.storage.listNegotiations();
  }
}

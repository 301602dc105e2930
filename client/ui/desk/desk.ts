/**
 * The facilitators' desk of one live copy: sends decisions as commands (client/sync/command-api.ts) in this
 * person's name, keeps the last refusal to show it, and answers where a paragraph stands among the others.
 * Everyone gets one (it also carries the view options); only facilitators see its controls.
 */
import { createContext, useContext } from 'react';
import { ParagraphKind } from '../../../shared/model/paragraph.ts';
import type { Command } from '../../../shared/protocol/commands.ts';
import { sendCommand } from '../../sync/command-api.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import type { ParagraphSlot } from '../../sync/negotiation-store.ts';

/** A refusal or failure to show, with a counter so the same sentence twice is still news. */
export interface DeskMessage {
  text: string;
  serial: number;
}

type Listener = () => void;

/** Commands and the last message of one live copy; `facilitator` says whether controls are shown. */
export class Desk {
  private message: DeskMessage | null = null;
  private toolsFor: string | null = null;
  private serial = 0;
  private readonly listeners = new Set<Listener>();

  /** `token` is the page's invitation token (null outside a negotiation page: nothing can be sent). */
  constructor(
    readonly live: LiveNegotiation,
    readonly token: string | null,
    readonly facilitator: boolean,
  ) {}

  /** The negotiation's id, as the provider joined it. */
  get negotiationId(): string {
    return this.live.provider.roomname;
  }

  /** Sends `command`; resolves with the ids it created, or null after showing the refusal (prefixed by `what`). */
  async send(command: Command, what: string): Promise<Record<string, string> | null> {
    if (!this.token) {
      this.say(`${what}: this page has no invitation token.`);
      return null;
    }
    try {
      return await sendCommand(this.negotiationId, this.token, command);
    } catch (error) {
      this.say(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /** Shows `text` as the desk's message (a refusal, a reason). */
  say(text: string): void {
    this.message = { text, serial: ++this.serial };
    this.emit();
  }

  /** Clears the message. */
  dismiss = (): void => {
    if (this.message === null) return;
    this.message = null;
    this.emit();
  };

  /** The message to show, or null (for useSyncExternalStore). */
  getMessage = (): DeskMessage | null => this.message;

  /** Calls `listener` when the message or the open actions change; returns the unsubscribe function. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The paragraph whose actions are open (one at a time), or null. */
  getToolsFor = (): string | null => this.toolsFor;

  /** Opens paragraph `id`'s actions (closing any other's), or closes them with null. */
  setToolsFor(id: string | null): void {
    if (id === this.toolsFor) return;
    this.toolsFor = id;
    this.emit();
  }

  /** The paragraphs in reading order, headings included. */
  slots(): readonly ParagraphSlot[] {
    return this.live.store.getStructure().slots;
  }

  /** The id of the slot `steps` away from `id` (negative: before), or undefined past either end. */
  neighbour(id: string, steps: number): string | undefined {
    const slots = this.slots();
    const index = slots.findIndex((slot) => slot.id === id);
    return index < 0 ? undefined : slots[index + steps]?.id;
  }

  /** "¶4 bis", "the heading": how a paragraph is named in messages. */
  nameOf(id: string): string {
    const slot = this.slots().find((s) => s.id === id);
    if (!slot) return 'the paragraph';
    return slot.kind === ParagraphKind.heading || slot.number === null ? 'the heading' : `¶${slot.number}`;
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}

/** The desk of the document being shown; null outside a DocumentView. */
export const DeskContext = createContext<Desk | null>(null);

/** The desk of the document being shown (throws outside a DocumentView: a wiring mistake). */
export function useDesk(): Desk {
  const desk = useContext(DeskContext);
  if (!desk) throw new Error('useDesk outside a DocumentView');
  return desk;
}

/**
 * The relay's frames, framed once and written straight to the TCP socket: a real ws client must read them
 * as the same messages, in order, whatever their length class (7-bit, 16-bit and 64-bit lengths), mixed
 * with frames ws sends itself (a ping), sent several at once in one buffer or in a buffer each.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { wireOf } from '../../server/ws/wire-frames.ts';

function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

describe('wire frames', () => {
  let wss: WebSocketServer;
  let serverSide: WebSocket;
  let client: WebSocket;
  const received: Uint8Array[] = [];

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const connected = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    client.binaryType = 'nodebuffer';
    client.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(true);
      received.push(new Uint8Array(data));
    });
    serverSide = await connected;
    await new Promise<void>((resolve) => client.once('open', () => resolve()));
  });

  afterAll(async () => {
    client.close();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('a client reads every length class, in order, between frames ws sends itself', async () => {
    const messages = [bytes(0, 1), bytes(125, 2), bytes(126, 3), bytes(65_535, 4), bytes(65_536, 5), bytes(200_000, 6)];
    const socket = (serverSide as unknown as { _socket: { write(data: Buffer): boolean } })._socket;
    const send = (list: Uint8Array[]) => wireOf(list).forEach((piece) => socket.write(piece));
    const pong = new Promise<void>((resolve) => serverSide.once('pong', () => resolve()));
    send(messages.slice(0, 3));
    serverSide.ping();
    send(messages.slice(3, 5));
    send(messages.slice(5));
    await pong;
    await expect.poll(() => received.length).toBe(messages.length);
    received.forEach((message, i) => expect(Buffer.compare(message, messages[i] as Uint8Array)).toBe(0));
  });

  it('frames a shared list or message once, however many sockets it goes to', () => {
    const list = [bytes(10, 7), bytes(300, 8)];
    expect(wireOf(list)).toBe(wireOf(list));
    const single = bytes(40, 9);
    expect(wireOf([single])).toBe(wireOf([single]));
    // A small send is one buffer; each frame has 2 header bytes up to 125, 4 up to 65,535.
    expect(wireOf(list).map((piece) => piece.byteLength)).toEqual([10 + 2 + 300 + 4]);
  });

  it('keeps a large message in one buffer shared by every list it is sent in (no copy per socket)', () => {
    const everyone = bytes(75_000, 11);
    const greeting = (own: number) => wireOf([bytes(5, own), everyone]);
    const [first, second] = [greeting(1), greeting(2)];
    expect(first).toHaveLength(2);
    expect(first[1]).toBe(second[1]);
    expect(first[1]).toBe(wireOf([everyone])[0]);
    expect(first[0]).not.toBe(second[0]);
  });

  it('frames a view into a larger buffer as the view alone', () => {
    const whole = bytes(100, 10);
    const view = whole.subarray(20, 30);
    const [wire] = wireOf([view]) as [Buffer];
    expect(wire.byteLength).toBe(12);
    expect(Buffer.compare(wire.subarray(2), Buffer.from(view))).toBe(0);
  });
});

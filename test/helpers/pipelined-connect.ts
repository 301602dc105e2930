/**
 * A websocket opened over a bare TCP socket, with the upgrade request and frames written in one go, so a
 * test can reach the server before its handshake has finished or break the framing on purpose.
 */
import { connect as tcpConnect } from 'node:net';
import type { CloseInfo } from './raw-client.ts';
import type { TestServer } from './server.ts';

/** Options of pipelinedConnect. */
export interface PipelineOptions {
  /** Bytes written as they are after the frames (to break the framing). */
  rawBytes?: Uint8Array[];
  /** How long to wait for the close (5000 ms). */
  timeoutMs?: number;
  /** When the socket is still open after `timeoutMs`: resolve with code 0 (true) or reject (false, default). */
  resolveIfOpen?: boolean;
}

/**
 * Opens a websocket over a bare TCP socket and writes the upgrade request and `frames` (binary, masked as a
 * client must) in one write, so they reach the server before its handshake has finished. Resolves with the
 * close frame the server sends (1006 when the socket ends without one) and how many binary frames it sent.
 */
export function pipelinedConnect(
  server: TestServer,
  path: string,
  frames: Uint8Array[],
  options: PipelineOptions = {},
): Promise<CloseInfo & { framesReceived: number }> {
  const { rawBytes = [], timeoutMs = 5000, resolveIfOpen = false } = options;
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(server.port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let headersDone = false;
    let framesReceived = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      if (resolveIfOpen) resolve({ code: 0, reason: 'still open', framesReceived });
      else reject(new Error(`no close within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (info: CloseInfo) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...info, framesReceived });
    };
    socket.on('connect', () => {
      const request = [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${server.port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n');
      socket.write(Buffer.concat([Buffer.from(request), ...frames.map((f) => maskedFrame(f)), ...rawBytes]));
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!headersDone) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        headersDone = true;
        buffer = buffer.subarray(end + 4);
      }
      for (;;) {
        const frame = readFrame(buffer);
        if (!frame) return;
        buffer = buffer.subarray(frame.size);
        if (frame.opcode === 0x8) {
          const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
          return finish({ code, reason: frame.payload.subarray(2).toString() });
        }
        if (frame.opcode === 0x2) framesReceived += 1;
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish({ code: 1006, reason: '' }));
  });
}

function maskedFrame(payload: Uint8Array, opcode = 0x2): Buffer {
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, 0x80 | length])
      : length < 65536
        ? Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff])
        : (() => {
            const h = Buffer.alloc(10);
            h[0] = 0x80 | opcode;
            h[1] = 0x80 | 127;
            h.writeBigUInt64BE(BigInt(length), 2);
            return h;
          })();
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, mask, body]);
}

function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; size: number } | null {
  if (buffer.length < 2) return null;
  const opcode = (buffer[0] as number) & 0x0f;
  let length = (buffer[1] as number) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return null;
  return { opcode, payload: buffer.subarray(offset, offset + length), size: offset + length };
}

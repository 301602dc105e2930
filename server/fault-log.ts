/**
 * Server fault logging that a client cannot forge: messages often quote client strings (a request path, a
 * negotiation id), so every control character in them is escaped and each fault is one line, followed
 * only by the stack frames of the error (code locations, never client text).
 */

/** Logs server faults (never a client's bad input). */
export type FaultLogger = (message: string, error: unknown) => void;

/** `text` with control and line-separator characters escaped as \n, \r, \t or \u{…}: always one line. */
export function escapeForLog(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A fault logger writing `[draftroom] <message>: <error>` lines, escaped, through `write` (console.error). */
export function createFaultLogger(write: (line: string) => void = (line) => console.error(line)): FaultLogger {
  return (message, error) => {
    const summary = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
    write([`[draftroom] ${escapeForLog(message)}: ${escapeForLog(summary)}`, ...frames.map(escapeForLog)].join('\n'));
  };
}

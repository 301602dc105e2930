/**
 * The version of the protocol and document schema a page speaks. A page sends it with its websocket
 * (`?v=`); the server closes a connection of any other version (4426) before it judges a single update,
 * because a page built for an older schema would strip what it does not know and send that loss as an edit.
 * Raise it whenever the document layout, the editor schema or the wire messages change.
 */

/** This build's protocol and schema version. */
export const protocolVersion = 2;

/** The websocket query parameter carrying it. */
export const protocolParam = 'v';

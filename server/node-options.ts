/**
 * The options the server's Node process runs with (`npm start` passes them; so do the tests and benchmarks
 * that start a server, and test/server/node-options.test.ts checks that `npm start` does).
 *
 * --max-semi-space-size=4: V8's young generation may grow to 16 MB per semi-space, and a busy server (a crowd
 * joining, hundreds typing) grows it there and keeps it: some 25 MB of resident memory that holds no live
 * object, which the conference bench counted as 50 KB per connection. Capped at 4 MB, the resident memory
 * grows by a few KB per connection, with the same edit latency and CPU per edit (`npm run bench`, conference,
 * CONF_DRAFTROOM_NODE_ARGS for the comparison).
 */

/** Node options for the server process, before the script. */
export const serverNodeOptions: readonly string[] = ['--max-semi-space-size=4'];

// A stand-in for `nc -lk 9999` where netcat is missing (Windows): listens on a port and sends every line
// typed on stdin — or the lines of a file given as the first argument, one per second — to every client.
// Usage: npx tsx socket_feeder.ts [file] [port]
import { createReadStream } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { createInterface } from 'node:readline';

const file = process.argv[2];
const port = Number(process.argv[3] ?? 9999);
const clients = new Set<Socket>();

const server = createServer((socket) => {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.on('error', () => clients.delete(socket));
  console.error(`feeder: a client connected (${clients.size} now)`);
});
server.listen(port, () => console.error(`feeder: listening on port ${port}; type lines to send them`));

const input = createInterface({ input: file ? createReadStream(file) : process.stdin });
const queue: string[] = [];
input.on('line', (line) => (file ? queue.push(line) : send(line)));
if (file) {
  // One line a second, once a client listens: the stream sees them arrive over several micro-batches.
  setInterval(() => {
    if (clients.size > 0 && queue.length > 0) send(queue.shift() ?? '');
  }, 1000);
}

function send(line: string): void {
  for (const client of clients) client.write(`${line}\n`);
  console.error(`feeder: sent "${line}" to ${clients.size} client(s)`);
}

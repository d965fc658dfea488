// Connects to a running Ticket Triage with the official Socket.IO client, creates a ticket over REST and
// checks the live events it receives. Prints one JSON line with the outcome; exits non-zero on any failure.
//
//   node live-client.mjs http://127.0.0.1:8000 polling     long-polling only
//   node live-client.mjs http://127.0.0.1:8000 upgrade     polling first, then the upgrade to WebSocket
import assert from "node:assert/strict";
import { io } from "socket.io-client";

const [base, mode] = process.argv.slice(2);
const transports = mode === "polling" ? ["polling"] : ["polling", "websocket"];

function fail(error) {
  console.log(JSON.stringify({ ok: false, error: String(error?.stack ?? error) }));
  process.exit(1);
}
setTimeout(() => fail(new Error("timed out")), 30_000).unref();

const socket = io(base, { transports, reconnection: false });
const received = [];
const waiters = [];
for (const name of ["ticket_created", "ticket_routed", "ticket_updated", "ticket_deleted", "new_comment"]) {
  socket.on(name, (payload) => {
    received.push({ name, payload });
    waiters.splice(0).forEach((wake) => wake());
  });
}

async function eventFor(name, id) {
  for (;;) {
    const found = received.find((e) => e.name === name && e.payload.id === id);
    if (found) return found.payload;
    await new Promise((wake) => waiters.push(wake));
  }
}

async function json(response) {
  assert.ok(response.ok, `${response.url} answered ${response.status}`);
  return response.json();
}

try {
  socket.on("connect_error", fail);
  await new Promise((resolve) => socket.on("connect", resolve));
  if (mode === "upgrade" && socket.io.engine.transport.name !== "websocket") {
    await new Promise((resolve) => socket.io.engine.once("upgrade", resolve));
  }
  const transport = socket.io.engine.transport.name;

  const created = await json(await fetch(`${base}/tickets`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ title: "VPN drops every five minutes", description: "From home, since Monday" }),
  }));

  const createdEvent = await eventFor("ticket_created", created.id);
  // sent after commit: the ticket is readable the moment its event arrives
  const readBack = await json(await fetch(`${base}/tickets/${created.id}`));
  assert.deepEqual(createdEvent, created);
  assert.equal(readBack.id, created.id);

  const routedEvent = await eventFor("ticket_routed", created.id);
  const names = received.filter((e) => e.payload.id === created.id).map((e) => e.name);
  assert.deepEqual(names.slice(0, 2), ["ticket_created", "ticket_routed"]);
  assert.equal(routedEvent.status, "routed");
  assert.deepEqual(routedEvent, await json(await fetch(`${base}/tickets/${created.id}`)));

  console.log(JSON.stringify({ ok: true, transport, id: created.id, events: names }));
  socket.close();
  process.exit(0);
} catch (error) {
  fail(error);
}

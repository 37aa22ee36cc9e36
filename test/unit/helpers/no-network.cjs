// Preload (`node --require`) that makes every outbound network attempt throw, and says so
// on stderr ("NETWORK BLOCKED: ..."), so a test can run the CLI or the worker and prove
// they never touch the network. Loopback included: nothing at check/grade time needs it.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for node --require */
'use strict';
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

function blocked(what) {
  return function () {
    process.stderr.write(`NETWORK BLOCKED: ${what}\n`);
    throw new Error(`network access is blocked in this process (${what})`);
  };
}

net.Socket.prototype.connect = blocked('net.Socket.connect');
net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
tls.connect = blocked('tls.connect');
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) {
  dns[fn] = blocked(`dns.${fn}`);
  if (dns.promises[fn]) dns.promises[fn] = blocked(`dns.promises.${fn}`);
}
http.request = blocked('http.request');
http.get = blocked('http.get');
https.request = blocked('https.request');
https.get = blocked('https.get');
globalThis.fetch = async () => blocked('fetch')();
if (globalThis.WebSocket) globalThis.WebSocket = blocked('WebSocket');

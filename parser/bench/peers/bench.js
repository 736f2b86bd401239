// Peer SSE parsers on the bytes of one file, fed in fixed-size chunks, as ssespec bench feeds its
// own parser: node bench.js FILE [--chunk 65536] [--repeat 3] [--shape NAME] [--ssespec RESULT.json]
// Prints one table row per peer: throughput, events/s, events counted, and with --ssespec (the
// output of `ssespec bench FILE --json`) the ratio to ssespec. Timing is the process's CPU time
// (user + system, so Node's garbage-collector threads count too), best of the repetitions: on a
// shared machine, time spent descheduled would otherwise count against the peer. Each repetition
// builds a fresh parser.
'use strict'

const fs = require('node:fs')
const path = require('node:path')

function parseArgs (argv) {
  const options = { chunk: 65536, repeat: 3, shape: '', ssespec: '' }
  const rest = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`)
      return argv[++i]
    }
    if (arg === '--chunk') options.chunk = Number(value())
    else if (arg === '--repeat') options.repeat = Number(value())
    else if (arg === '--shape') options.shape = value()
    else if (arg === '--ssespec') options.ssespec = value()
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`)
    else rest.push(arg)
  }
  if (rest.length !== 1) throw new Error('give exactly one FILE')
  if (!Number.isInteger(options.chunk) || options.chunk < 1) throw new Error('--chunk must be a positive integer')
  if (!Number.isInteger(options.repeat) || options.repeat < 1) throw new Error('--repeat must be a positive integer')
  options.file = rest[0]
  return options
}

// Each peer: a name, the package it comes from, and run(chunks) -> events dispatched.
const peers = [
  {
    name: 'eventsource-parser',
    package: 'eventsource-parser',
    // Its parser takes strings, so decoding the bytes (streaming TextDecoder) is part of the work.
    run (chunks) {
      const { createParser } = require('eventsource-parser')
      let events = 0
      const parser = createParser({ onEvent () { events++ } })
      const decoder = new TextDecoder()
      for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }))
      // End of stream: this parser's counterpart of ssespec's finish(). Even so it does not dispatch
      // the last event of a stream that ends in CR CR (it waits for a byte that never comes), so on
      // the cr shape it counts one event fewer, and the table says so.
      parser.reset({ consume: true })
      return events
    }
  },
  {
    name: 'fetch-event-source',
    package: '@microsoft/fetch-event-source',
    // The parser inside fetchEventSource(): getLines() splits bytes into lines, getMessages() builds
    // messages from them (its exports, used exactly as fetchEventSource wires them).
    run (chunks) {
      const { getLines, getMessages } = require('@microsoft/fetch-event-source/lib/cjs/parse.js')
      let events = 0
      const onChunk = getLines(getMessages(() => {}, () => {}, () => { events++ }))
      for (const chunk of chunks) onChunk(chunk)
      return events
    }
  },
  {
    name: 'undici EventSourceStream',
    package: 'undici',
    // undici's EventSource parses with this Transform stream. It is not a public export: it is
    // required by its path inside the package, and driven through _transform() directly, without
    // the stream machinery, with the `push` option it offers for exactly that.
    run (chunks) {
      const { EventSourceStream } = require('undici/lib/web/eventsource/eventsource-stream.js')
      let events = 0
      let failure = null
      const stream = new EventSourceStream({ push () { events++; return true } })
      const done = (error) => { if (error) failure = error }
      for (const chunk of chunks) {
        stream._transform(chunk, 'buffer', done)
        if (failure) throw failure
      }
      return events
    }
  }
]

function version (packageName) {
  const manifest = path.join(__dirname, 'node_modules', packageName, 'package.json')
  return JSON.parse(fs.readFileSync(manifest, 'utf8')).version
}

function main () {
  const options = parseArgs(process.argv.slice(2))
  const bytes = fs.readFileSync(options.file)
  const chunks = []
  for (let at = 0; at < bytes.length; at += options.chunk) chunks.push(bytes.subarray(at, at + options.chunk))
  const reference = options.ssespec ? JSON.parse(fs.readFileSync(options.ssespec, 'utf8')) : null
  const shape = options.shape || path.basename(options.file)
  const row = (name, seconds, events, note) => {
    const gbps = bytes.length / seconds / 1e9
    const meps = events / seconds / 1e6
    const ratio = reference ? (bytes.length / seconds) / reference.ssespec.bytes_per_second : NaN
    const cells = [shape.padEnd(10), name.padEnd(34), gbps.toFixed(3).padStart(8), meps.toFixed(2).padStart(10),
      String(events).padStart(10), (reference ? ratio.toFixed(3) + 'x' : '-').padStart(9), note]
    console.log(cells.join('  '))
  }
  if (reference) {
    row(`ssespec ${reference.version || ''}`.trim(), reference.ssespec.seconds, reference.ssespec.events, '(reference)')
  }
  for (const peer of peers) {
    const label = `${peer.name} ${version(peer.package)}`
    let best = Infinity
    let events = 0
    try {
      for (let round = 0; round < options.repeat; round++) {
        const start = process.cpuUsage()
        events = peer.run(chunks)
        const used = process.cpuUsage(start)
        const seconds = (used.user + used.system) / 1e6
        if (seconds < best) best = seconds
      }
    } catch (error) {
      console.log([shape.padEnd(10), label.padEnd(34), `failed: ${error.message}`].join('  '))
      continue
    }
    const note = reference && events !== reference.ssespec.events ? `(counts ${events} events, ssespec ${reference.ssespec.events})` : ''
    row(label, best, events, note)
  }
}

try {
  main()
} catch (error) {
  console.error(`bench.js: ${error.message}`)
  process.exit(2)
}

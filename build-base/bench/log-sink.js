// Stands for the collector that reads a container's stdout: reads everything a server writes,
// throws it away, and tells the benchmark (on its own stdout) where the server listens and, at
// the end, how many bytes and lines were logged.
const NL = 0x0a;
let bytes = 0;
let lines = 0;
let head = '';
let found = false;
process.stdin.on('data', (chunk) => {
    bytes += chunk.length;
    for (let i = chunk.indexOf(NL); i !== -1; i = chunk.indexOf(NL, i + 1))
        lines++;
    if (!found && head.length < 1 << 16) {
        head += chunk.toString();
        const m = /Server listening at (http:\/\/[^"\s]+)/.exec(head);
        if (m) {
            found = true;
            head = '';
            process.stdout.write(`LISTENING ${m[1]}\n`);
        }
    }
});
process.stdin.on('end', () => {
    process.stdout.write(`COUNTS ${JSON.stringify({ bytes, lines })}\n`);
});
// The benchmark may stop the sink itself; the counts so far are still worth having.
process.on('SIGTERM', () => {
    process.stdout.write(`COUNTS ${JSON.stringify({ bytes, lines })}\n`, () => process.exit(0));
});
process.stdout.write('READY\n');
export {};
//# sourceMappingURL=log-sink.js.map
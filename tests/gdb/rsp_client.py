"""A minimal GDB remote-protocol client for gdb_stub_test.sh: the packets gdb's batch mode
cannot drive (Ctrl-C while the guest runs, bad addresses, kill), checked one by one.
Usage: rsp_client.py PORT; prints FAIL lines and exits 1 on any mismatch."""
import socket
import sys
import time


class Client:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.buf = b""

    def _byte(self):
        while not self.buf:
            chunk = self.s.recv(4096)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk
        b, self.buf = self.buf[:1], self.buf[1:]
        return b

    def send(self, payload):
        data = payload.encode()
        self.s.sendall(b"$%s#%02x" % (data, sum(data) & 0xFF))
        if self._byte() != b"+":
            raise RuntimeError("no ack for %r" % payload)

    def reply(self):
        while self._byte() != b"$":
            pass
        body = b""
        while True:
            c = self._byte()
            if c == b"#":
                break
            body += c
        check = self._byte() + self._byte()
        if int(check, 16) != sum(body) & 0xFF:
            raise RuntimeError("bad checksum on %r" % body)
        self.s.sendall(b"+")
        return body.decode()

    def ask(self, payload):
        self.send(payload)
        return self.reply()


def main():
    port = int(sys.argv[1])
    c = Client(port)
    problems = []

    def expect(what, got, ok):
        print("%s: %s" % (what, got))
        if not ok:
            problems.append("%s: %r" % (what, got))

    r = c.ask("qSupported:multiprocess+;swbreak+")
    expect("qSupported", r, "PacketSize=" in r)
    r = c.ask("qAttached")
    expect("qAttached", r, r == "1")
    r = c.ask("?")
    expect("?", r, r == "S05")
    r = c.ask("g")
    expect("g length", len(r), len(r) == 128 * 8)
    r = c.ask("vMustReplyEmpty")
    expect("vMustReplyEmpty", r, r == "")
    for addr in ("0", "dead0000", "fffffffe"):
        r = c.ask("m%s,4" % addr)
        expect("m%s,4" % addr, r, r.startswith("E"))
    r = c.ask("Mdead0000,4:01020304")
    expect("Mdead0000", r, r.startswith("E"))
    r = c.ask("m1q,4")
    expect("malformed m", r, r.startswith("E"))
    r = c.ask("p21")  # pcoqh
    expect("p21", r, len(r) == 8)
    c.send("c")
    time.sleep(0.5)
    c.s.sendall(b"\x03")  # Ctrl-C
    r = c.reply()
    expect("stop after Ctrl-C", r, r == "S02")
    r = c.ask("p21")
    expect("pc after Ctrl-C", r, len(r) == 8 and int(r, 16) & 3 == 3)
    pc = int(r, 16) & ~3
    # The guest loops forever: a breakpoint at the pc it stopped at is reached again.
    r = c.ask("Z0,%x,4" % pc)
    expect("Z0", r, r == "OK")
    r = c.ask("c")
    expect("stop at the breakpoint", r, r == "S05")
    r = c.ask("p21")
    expect("pc at the breakpoint", r, int(r, 16) & ~3 == pc)
    r = c.ask("z0,%x,4" % pc)
    expect("z0", r, r == "OK")
    r = c.ask("s")
    expect("step", r, r == "S05")
    r = c.ask("p21")
    expect("pc after the step", r, int(r, 16) & ~3 != pc)
    # Register writes: P, and G with what g read.
    r = c.ask("P13=deadbeef")
    expect("P13", r, r == "OK")
    r = c.ask("p13")
    expect("p13 after P", r, r == "deadbeef")
    regs = c.ask("g")
    expect("r19 in g", regs[19 * 8:20 * 8], regs[19 * 8:20 * 8] == "deadbeef")
    r = c.ask("G" + regs)
    expect("G", r, r == "OK")
    r = c.ask("g")
    expect("g after G", r == regs, r == regs)
    r = c.ask("p80")  # past the 128 registers
    expect("p80", r, r.startswith("E"))
    c.s.sendall(b"$k#6b")  # kill: no reply
    time.sleep(0.2)
    if problems:
        for p in problems:
            print("FAIL: " + p)
        sys.exit(1)


main()

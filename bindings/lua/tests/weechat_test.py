#!/usr/bin/env python3
"""End-to-end test of the WeeChat script plugins/weechat/tact.lua.

Starts ngircd on 127.0.0.1 and a free high port, a customer client (a raw
socket, below) that joins #support and #other, and weechat-headless with the
script loaded (module: the Lua 5.3 build, rules: tests/fixture.yaml only).
The agent's input is typed by tests/weechat_driver.lua (Debian's
weechat-headless has no FIFO plugin); what reaches the
customer is read from the customer's socket, what tact shows the agent from
WeeChat's log of the buffer. Everything is stopped at the end, and every
wait is bounded.

Environment: TACT_LUA_CPATH (…/5.3/?.so), TACT_LUA_TESTS, TACT_LUA_PLUGINS.
Exit status 0 on success, 1 on failure, 77 (skipped) when weechat-headless,
its Lua plugin or ngircd is missing.
"""
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

DEADLINE = time.monotonic() + 90  # the whole test, whatever happens
failures = []


def skip(why):
    print("SKIP:", why)
    sys.exit(77)


def log(*args):
    print(*args, flush=True)


def check(cond, what):
    log(("ok     " if cond else "FAILED ") + what)
    if not cond:
        failures.append(what)


def wait_for(pred, timeout=10.0, step=0.05):
    end = min(time.monotonic() + timeout, DEADLINE)
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Customer(threading.Thread):
    """A minimal IRC client: records the PRIVMSGs it receives."""

    def __init__(self, port, channels):
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.settimeout(0.2)
        self.channels = channels
        self.lines = []
        self.messages = []  # (nick, channel, text)
        self.registered = False
        self.stop = False
        self.send("NICK customer")
        self.send("USER customer 0 * :A customer")

    def send(self, line):
        self.sock.sendall((line + "\r\n").encode())

    def run(self):
        buf = b""
        while not self.stop:
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                continue
            except OSError:
                return
            if not data:
                return
            buf += data
            while b"\r\n" in buf:
                raw, buf = buf.split(b"\r\n", 1)
                self.handle(raw.decode("utf-8", "replace"))

    def handle(self, line):
        self.lines.append(line)
        parts = line.split(" ", 3)
        if parts[0] == "PING":
            self.send("PONG " + line[5:])
        elif len(parts) > 1 and parts[1] == "001":
            self.registered = True
            self.send("JOIN " + ",".join(self.channels))
        elif len(parts) == 4 and parts[1] == "PRIVMSG":
            nick = parts[0][1:].split("!")[0]
            self.messages.append((nick, parts[2], parts[3][1:]))

    def joined(self, nick, channel):
        """Whether nick is in channel: its JOIN, or the NAMES reply (353)
        when it joined first."""
        for l in list(self.lines):
            p = l.split(" ")
            if len(p) >= 3 and p[0].startswith(":" + nick + "!") and \
                    p[1] == "JOIN" and p[2].lstrip(":") == channel:
                return True
            if len(p) >= 6 and p[1] == "353" and p[4] == channel and \
                    nick in [n.lstrip(":@+") for n in p[5:]]:
                return True
        return False

    def said(self, channel):
        return [t for (n, c, t) in self.messages if n == "agent" and c == channel]


def main():
    weechat = shutil.which("weechat-headless")
    ngircd = shutil.which("ngircd") or (os.path.exists("/usr/sbin/ngircd") and "/usr/sbin/ngircd")
    if not weechat:
        skip("weechat-headless not found")
    if not ngircd:
        skip("ngircd not found")
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(weechat)))
    if not [p for pattern in ("lib/weechat/plugins/lua.so", "lib*/weechat/plugins/lua.so",
                              "lib/*/weechat/plugins/lua.so")
            for p in glob.glob(os.path.join(prefix, pattern))]:
        skip("WeeChat's Lua plugin (weechat-lua) not found")
    cpath = os.environ["TACT_LUA_CPATH"]
    tests = os.environ["TACT_LUA_TESTS"]
    script = os.path.join(os.environ["TACT_LUA_PLUGINS"], "weechat", "tact.lua")
    fixture = os.path.join(tests, "fixture.yaml")
    driver = os.path.join(tests, "weechat_driver.lua")

    tmp = tempfile.mkdtemp(prefix="tact-weechat-")
    os.chmod(tmp, 0o777)  # ngircd started as root runs as nobody
    port = free_port()
    procs = []
    customer = None
    try:
        conf = os.path.join(tmp, "ngircd.conf")
        with open(conf, "w") as f:
            f.write(f"""[Global]
Name = irc.tact.test
Info = tact test server
AdminInfo1 = tact
AdminInfo2 = test
AdminEMail = test@example.invalid
Listen = 127.0.0.1
Ports = {port}
PidFile = {tmp}/ngircd.pid
MotdPhrase = tact test
[Options]
DNS = no
Ident = no
PAM = no
""")
        ngircd_log = open(os.path.join(tmp, "ngircd.log"), "w")
        procs.append(subprocess.Popen([ngircd, "-n", "-f", conf],
                                      stdout=ngircd_log, stderr=subprocess.STDOUT))

        def listening():
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return True
            except OSError:
                return False
        if not wait_for(listening, 10):
            raise RuntimeError("ngircd does not listen on port %d" % port)
        log("ngircd listening on 127.0.0.1:%d" % port)

        customer = Customer(port, ["#support", "#other"])
        customer.start()

        wdir = os.path.join(tmp, "weechat")
        inputs = os.path.join(tmp, "input.txt")
        commands = [
            "/set logger.file.flush_delay 0",
            "/set plugins.var.lua.tact.cpath " + cpath,
            "/set plugins.var.lua.tact.builtin off",
            "/set plugins.var.lua.tact.packs " + fixture,
            "/set plugins.var.lua.tact.mode block",
            "/set plugins.var.lua.tact.buffers irc.local.#support",
            "/set plugins.var.lua.tact_driver.input " + inputs,
            "/lua load " + script,
            "/lua load " + driver,
            "/server add local 127.0.0.1/%d -notls" % port,
            "/set irc.server.local.nicks agent",
            "/set irc.server.local.anti_flood_prio_high 0",
            "/set irc.server.local.anti_flood_prio_low 0",
            "/set irc.server.local.autojoin #support,#other",
            "/connect local",
        ]
        args = [weechat, "--dir", wdir]
        for c in commands:
            args += ["-r", c]
        wlog = open(os.path.join(tmp, "weechat.out"), "w")
        procs.append(subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                      stdout=wlog, stderr=subprocess.STDOUT))

        if not wait_for(lambda: customer.joined("agent", "#other"), 20):
            raise RuntimeError("the agent did not join (see %s)" % tmp)
        buflog = os.path.join(wdir, "logs", "irc.local.#support.weechatlog")
        corelog = os.path.join(wdir, "logs", "core.weechat.weechatlog")

        def logged(path, needle):
            try:
                with open(path, encoding="utf-8") as f:
                    return needle in f.read()
            except OSError:
                return False

        check(wait_for(lambda: logged(corelog, "loaded: 3 rules"), 10),
              "the script loads the module and the fixture pack")

        def type_in(buffer, text):
            with open(inputs, "a", encoding="utf-8") as f:
                f.write("irc.local.%s %s\n" % (buffer, text))

        def shown(needle):
            return logged(buflog, needle)

        def sent(channel, text):
            return wait_for(lambda: text in customer.said(channel), 10)

        # mode block, a customer channel: the order is held back and shown.
        type_in("#support", "Вы должны заполнить форму.")
        check(wait_for(lambda: shown("ru.obligation.must"), 10),
              "block: the agent sees the finding ru.obligation.must")
        check(shown("Не могли бы Вы заполнить форму?"),
              "block: the agent sees the suggestion")
        clean = "Спасибо за ожидание, заказ уже в пути."
        type_in("#support", clean)
        check(sent("#support", clean), "block: a clean message is sent")
        check(customer.said("#support") == [clean],
              "block: the message with «Вы должны» did not reach the customer")

        # /tact send sends the held message as it is.
        type_in("#support", "/tact send")
        check(sent("#support", "Вы должны заполнить форму."),
              "/tact send: the held message is sent as it is")

        # Not a customer channel: nothing is checked.
        type_in("#other", "Вы должны заполнить форму.")
        check(sent("#other", "Вы должны заполнить форму."),
              "a buffer not marked as a customer channel is not checked")

        # /tact check TEXT shows findings without sending anything.
        type_in("#support", "/tact check Хорошо, но дорого.")
        check(wait_for(lambda: shown("ru.contrast.no"), 10),
              "/tact check TEXT shows the finding ru.contrast.no")

        # /tact fix rewrites the input line; Enter sends the fixed text.
        type_in("#support", "/input insert Хорошо, но дорого.")
        type_in("#support", "/tact fix")
        type_in("#support", "/input return")
        check(sent("#support", "Хорошо, однако дорого."),
              "/tact fix rewrites the input line")

        # mode rewrite: the DESIGN example is sent fixed.
        type_in("#support", "/set plugins.var.lua.tact.mode rewrite")
        type_in("#support", "Товар хороший, но дорогой. Вы должны заполнить форму.")
        check(sent("#support", "Товар хороший, однако дорогой. Не могли бы Вы заполнить форму?"),
              "rewrite: the message is sent with the suggestions applied")

        # mode warn: shown and sent unchanged.
        type_in("#support", "/set plugins.var.lua.tact.mode warn")
        type_in("#support", "Но мы всё исправим.")
        check(sent("#support", "Но мы всё исправим."), "warn: the message is sent unchanged")

        # /tact name: the client's name of this buffer (with the coaching
        # fixture pack, which has a `name` check for Russian).
        coaching = os.path.join(tests, "coaching.yaml")
        type_in("#support", "/set plugins.var.lua.tact.packs %s,%s" % (fixture, coaching))
        type_in("#support", "/set plugins.var.lua.tact.mode block")
        type_in("#support", "/tact name Анна")
        unnamed = "Добрый день! Заказ отправлен."
        type_in("#support", unnamed)
        check(wait_for(lambda: shown("ru.name.missing"), 10) and
              shown("Анна, добрый день!"),
              "/tact name: a message that does not address Анна is held, with the hint")
        named = "Анне передали заказ, курьер уже в пути."
        type_in("#support", named)
        check(sent("#support", named) and unnamed not in customer.said("#support"),
              "/tact name: a message that addresses her (Анне) is sent")
        type_in("#support", "/tact name -del")
        type_in("#support", unnamed)
        check(sent("#support", unnamed), "/tact name -del: no name, no hint")

        # /tact unmark: the channel is no longer checked (mode block again).
        type_in("#support", "/set plugins.var.lua.tact.mode block")
        type_in("#support", "/tact unmark")
        type_in("#support", "Вы обязаны ответить.")
        check(sent("#support", "Вы обязаны ответить."), "/tact unmark stops checking")

        type_in("#support", "/quit")
        check(wait_for(lambda: procs[1].poll() is not None, 15), "WeeChat quits")
        log("--- what the agent saw in irc.local.#support:")
        with open(buflog, encoding="utf-8") as f:
            for line in f:
                if "\ttact\t" in line:
                    log(line.rstrip("\n"))
        log("--- what the customer received in #support:")
        for text in customer.said("#support"):
            log("<agent> " + text)
    except Exception as e:  # a broken setup: show what there is
        failures.append(str(e))
        log("ERROR:", e)
        for name in ("weechat.out", "ngircd.log"):
            path = os.path.join(tmp, name)
            if os.path.exists(path):
                log("--- " + name)
                log(open(path, errors="replace").read()[-3000:])
    finally:
        if customer:
            customer.stop = True
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        if os.environ.get("TACT_KEEP_TMP"):
            log("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        log("%d check(s) failed" % len(failures))
        return 1
    log("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
